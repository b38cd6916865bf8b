package dev.lox.testing;

import dev.lox.testing.TestResult.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of a whole run.
 *
 * @param results one per test, sorted by root and path; {@code // nontest} files are not included
 * @param problems inputs that could not be used (a missing path, an unwritable report directory),
 *     one sentence each; a run with problems did not do all that was asked
 * @param reports the report files written
 * @param wallTime from discovery to the last result
 */
public record TestRunResult(
    List<TestResult> results, List<String> problems, List<Path> reports, Duration wallTime) {

  public TestRunResult {
    results = List.copyOf(results);
    problems = List.copyOf(problems);
    reports = List.copyOf(reports);
  }

  public long passed() {
    return count(Outcome.PASSED);
  }

  /** Tests that did not pass, errors included. */
  public long failed() {
    return count(Outcome.FAILED);
  }

  /** Failed tests that are errors ({@link TestResult#isError()}), as Surefire counts errors. */
  public long errors() {
    return results.stream().filter(TestResult::isError).count();
  }

  /** Failed tests that are not errors: what Surefire counts as failures. */
  public long failuresWithoutErrors() {
    return failed() - errors();
  }

  public long skipped() {
    return count(Outcome.SKIPPED);
  }

  /** Nothing failed and nothing was in the way. */
  public boolean succeeded() {
    return failed() == 0 && problems.isEmpty();
  }

  /** The tests that did not pass, errors included, in result order. */
  public List<TestResult> failures() {
    return results.stream().filter(TestResult::failed).toList();
  }

  private long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}
