package dev.lox.testing;

import dev.lox.testing.discovery.TestFile;

/**
 * Hears about tests while a run goes on. Calls come from worker threads but never two at once, so
 * implementations need no locking of their own.
 */
public interface TestListener {
  TestListener NONE = new TestListener() {};

  default void testStarted(TestFile file) {}

  /** Called for every test, including skipped ones; not called for {@code // nontest} files. */
  default void testFinished(TestResult result) {}

  /**
   * Called once for each directory of tests as soon as its last test is done (after that test's
   * {@link #testFinished}), so a long run shows progress suite by suite; not called for a
   * directory that holds only {@code // nontest} files.
   */
  default void suiteFinished(SuiteResult suite) {}
}
