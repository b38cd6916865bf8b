package dev.lox.testing.exec;

/** How much of each output stream a run may write before it is stopped. */
public final class OutputLimit {
  private OutputLimit() {}

  /**
   * The default: far beyond any sensible test's output, and small enough that a program printing in
   * a loop until its timeout cannot exhaust the heap while several run in parallel.
   */
  public static final int BYTES = 16 * 1024 * 1024;

  /** The largest limit that may be set: each stream is kept in memory, up to its limit. */
  public static final int MAX_BYTES = 1024 * 1024 * 1024;

  /** A limit in words, in the largest unit that divides it: {@code 16 MiB}, {@code 100 bytes}. */
  public static String describe(int bytes) {
    if (bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    return bytes == 1 ? "1 byte" : bytes + " bytes";
  }

  static int checked(int bytes) {
    if (bytes < 1 || bytes > MAX_BYTES) {
      throw new IllegalArgumentException("output limit out of range: " + bytes);
    }
    return bytes;
  }
}
