package dev.lox.testing;

import java.time.Duration;
import java.util.List;

/**
 * The tests of one directory, once all of them are done: what Surefire calls a test set (a class)
 * and reports a line for as soon as it finishes.
 *
 * @param name the suite's name, as in its {@code TEST-name.xml} report
 * @param results its tests, in discovery order; {@code // nontest} files are not included
 * @param elapsed wall time from the start of its first test to the end of its last
 */
public record SuiteResult(String name, List<TestResult> results, Duration elapsed) {

  public SuiteResult {
    results = List.copyOf(results);
  }

  /** Tests run, skipped ones included, as Surefire counts them. */
  public long run() {
    return results.size();
  }

  /** Failed tests that are not errors. */
  public long failures() {
    return results.stream().filter(r -> r.failed() && !r.isError()).count();
  }

  public long errors() {
    return results.stream().filter(TestResult::isError).count();
  }

  public long skipped() {
    return results.stream().filter(r -> r.outcome() == TestResult.Outcome.SKIPPED).count();
  }

  /** Whether any of its tests failed or ended in an error. */
  public boolean failed() {
    return results.stream().anyMatch(TestResult::failed);
  }
}
