package dev.lox.api;

/** How a run ended, with the exit code the {@code lox} command uses for it. */
public enum Status {
  OK(ExitCodes.OK),
  COMPILE_ERROR(ExitCodes.DATA_ERROR),
  RUNTIME_ERROR(ExitCodes.SOFTWARE),
  /** Ended by {@code Lox.stop()} from another thread. */
  STOPPED(ExitCodes.STOPPED);

  private final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
