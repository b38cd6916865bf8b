package dev.lox.testing;

/** Whether failing tests get their expectations rewritten from what they actually did. */
public enum UpdateMode {
  /** Only check. */
  NONE,
  /**
   * Rewrite {@code // expect:} comments of tests that expect no error and ran without one; tests
   * expecting or producing errors are left alone.
   */
  OUTPUT,
  /** Rewrite error expectations too. */
  OUTPUT_AND_ERRORS
}
