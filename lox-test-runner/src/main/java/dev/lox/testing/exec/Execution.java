package dev.lox.testing.exec;

import java.time.Duration;

/**
 * What one run of a Lox program did.
 *
 * @param stdout the bytes written to stdout, at most the executor's output limit
 * @param stderr the bytes written to stderr, likewise
 * @param exitCode the exit code, as the {@code lox} command would return it; meaningful only when
 *     {@code ending} is {@link Ending#EXITED}
 * @param ending whether the program ended by itself
 * @param elapsed wall time of the run
 * @param detail for {@link Ending#CRASHED}, what went wrong; otherwise empty
 */
public record Execution(
    byte[] stdout, byte[] stderr, int exitCode, Ending ending, Duration elapsed, String detail) {

  /** How a run ended. */
  public enum Ending {
    /** The program finished, with its exit code. */
    EXITED,
    /** The program ran past its time limit and was stopped. */
    TIMED_OUT,
    /** The program wrote more than the output limit to a stream and was stopped. */
    OUTPUT_LIMIT,
    /** The interpreter could not be started or failed inside itself. */
    CRASHED,
    /**
     * The program used up the JVM's heap ({@link OutOfMemoryError}) and was abandoned; its output
     * is not kept.
     */
    OUT_OF_MEMORY
  }

  /** A run that used up the heap, {@code error} saying which part of it. */
  public static Execution outOfMemory(OutOfMemoryError error, Duration elapsed) {
    String which = error.getMessage() == null ? "" : " (" + error.getMessage() + ")";
    return new Execution(new byte[0], new byte[0], -1, Ending.OUT_OF_MEMORY, elapsed,
        "ran the JVM out of memory" + which + "; its output is not kept");
  }

  static Execution crashed(String detail, Duration elapsed) {
    return new Execution(new byte[0], new byte[0], -1, Ending.CRASHED, elapsed, detail);
  }
}
