package dev.lox.api;

/** How a run ended, with the exit code the {@code lox} command uses for it. */
public enum Status {
  OK(ExitCodes.OK),
  COMPILE_ERROR(ExitCodes.DATA_ERROR),
  RUNTIME_ERROR(ExitCodes.SOFTWARE),
  /** Ended by {@code Lox.stop()} from another thread. */
  STOPPED(ExitCodes.STOPPED),
  /**
   * Output was lost: writing to the output stream failed (for {@code lox}, the reader of its pipe
   * went away). The program is stopped at its next call or loop iteration; a run that ends
   * without a runtime error after losing output ends with this status too.
   */
  OUTPUT_CLOSED(ExitCodes.OUTPUT_CLOSED);

  private final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
