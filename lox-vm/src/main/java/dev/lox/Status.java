package dev.lox;

/** How a run ended, with the exit code the {@code lox} command uses for it. */
public enum Status {
  OK(0),
  COMPILE_ERROR(65),
  RUNTIME_ERROR(70),
  /** Ended by {@link Lox#stop()} from another thread. */
  STOPPED(130);

  private final int exitCode;

  Status(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
