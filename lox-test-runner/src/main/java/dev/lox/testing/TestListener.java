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
}
