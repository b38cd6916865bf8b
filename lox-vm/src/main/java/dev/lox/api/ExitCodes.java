package dev.lox.api;

/**
 * Every exit code the toolchain's commands use, in one place. Those of a Lox program are clox's,
 * which follow BSD's {@code sysexits.h}; the rest follow it where a code fits.
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  /** {@code lox-test}: at least one test failed. */
  public static final int TESTS_FAILED = 1;
  /** EX_USAGE: bad arguments, or a path that is not there. */
  public static final int USAGE = 64;
  /** EX_DATAERR: a compile error, or a chunk file that fails verification. */
  public static final int DATA_ERROR = 65;
  /** EX_SOFTWARE: a Lox runtime error; for the tools, a bug of their own. */
  public static final int SOFTWARE = 70;
  /** EX_IOERR: a file that cannot be read or written. */
  public static final int IO_ERROR = 74;
  /** A run ended by a stop request, as a shell reports a program ended by SIGINT. */
  public static final int STOPPED = 130;
  /**
   * The program's output could not be written (its reader went away: a closed pipe), as a shell
   * reports a program ended by SIGPIPE, which is how clox ends.
   */
  public static final int OUTPUT_CLOSED = 141;
}
