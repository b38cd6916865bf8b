package dev.lox.testing.exec;

/** How much of each output stream a run may write before it is stopped. */
public final class OutputLimit {
  private OutputLimit() {}

  /**
   * Far beyond any sensible test's output, and small enough that a program printing in a loop until
   * its timeout cannot exhaust the heap while several run in parallel.
   */
  public static final int BYTES = 16 * 1024 * 1024;
}
