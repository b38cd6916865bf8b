package dev.lox.testing;

import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.Execution;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.expect.TestSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of one test file.
 *
 * @param file the test
 * @param outcome passed, failed, or skipped
 * @param failures why it failed, in the order the checks found them; empty unless failed
 * @param spec what the file expects; empty when it could not be read
 * @param execution what the program did; empty when it was not run
 * @param update what bless mode did with the file, when asked to update
 * @param skipReason why a skipped test was not run; empty otherwise
 */
public record TestResult(
    TestFile file,
    Outcome outcome,
    List<Failure> failures,
    Optional<TestSpec> spec,
    Optional<Execution> execution,
    Optional<UpdateReport> update,
    String skipReason) {

  public enum Outcome {
    PASSED,
    FAILED,
    SKIPPED,
    /** The file says {@code // nontest}: not counted, not reported. */
    NOT_A_TEST
  }

  public TestResult {
    failures = List.copyOf(failures);
  }

  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  /** How long the program ran; zero when it did not. */
  public Duration time() {
    return execution.map(Execution::elapsed).orElse(Duration.ZERO);
  }

  /** The test file line of the first failure that names one. */
  public Optional<Integer> firstFailureLine() {
    return failures.stream().map(Failure::line).filter(line -> line > 0).min(Integer::compare);
  }

  static TestResult skipped(TestFile file, String reason) {
    return new TestResult(
        file, Outcome.SKIPPED, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), reason);
  }
}
