package dev.lox.testing;

import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.Execution;
import dev.lox.testing.expect.Expectation;
import dev.lox.testing.expect.ExpectationChecker;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.expect.TestSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

  /** Failures that say the test could not run to its end, whatever its expectations. */
  private static final Set<Failure.Kind> ERROR_KINDS =
      EnumSet.of(
          Failure.Kind.UNREADABLE,
          Failure.Kind.BROKEN_TEST,
          Failure.Kind.TIMEOUT,
          Failure.Kind.OUTPUT_LIMIT,
          Failure.Kind.CRASH,
          Failure.Kind.OUT_OF_MEMORY);

  public TestResult {
    failures = List.copyOf(failures);
  }

  /** Whether the test did not pass, as a failure or as an error. */
  public boolean failed() {
    return outcome == Outcome.FAILED;
  }

  /**
   * Surefire's distinction: a failed test is an error, not a failure, when it did not get to show
   * whether its expectations hold: it could not be read or run (a broken test, a runner or
   * interpreter crash), it was stopped (time or output limit), it ended with a runtime or compile
   * error it does not expect, or the interpreter exited with a code no Lox program asks for. Wrong
   * output, wrong or missing expected errors, and wrong trace lines are failures.
   */
  public boolean isError() {
    if (!failed()) {
      return false;
    }
    if (failures.stream().anyMatch(f -> ERROR_KINDS.contains(f.kind()))) {
      return true;
    }
    if (spec.isEmpty() || execution.isEmpty() || execution.get().ending() != Execution.Ending.EXITED) {
      return false;
    }
    TestSpec expected = spec.get();
    return switch (execution.get().exitCode()) {
      case TestSpec.EXIT_OK -> false;
      case TestSpec.EXIT_RUNTIME_ERROR -> expected.runtimeError().isEmpty();
      case TestSpec.EXIT_COMPILE_ERROR -> expected.compileErrors().isEmpty();
      default -> true;
    };
  }

  /**
   * The runtime error lox-vm reports when a program's allocation finds the heap used up (its
   * {@code VM.OUT_OF_MEMORY}, not part of its public API).
   */
  static final String VM_OUT_OF_MEMORY = "Out of memory.";

  /**
   * Whether the test failed for want of heap: the JVM it ran in ran out of memory ({@link
   * Failure.Kind#OUT_OF_MEMORY}), or lox-vm stopped it with its out-of-memory runtime error.
   * Either may be the doing of another test sharing the heap.
   */
  public boolean ranOutOfMemory() {
    if (!failed()) {
      return false;
    }
    if (failures.stream().anyMatch(f -> f.kind() == Failure.Kind.OUT_OF_MEMORY)) {
      return true;
    }
    return execution.filter(run -> run.ending() == Execution.Ending.EXITED
            && run.exitCode() == TestSpec.EXIT_RUNTIME_ERROR)
        .map(run -> new String(run.stderr(), StandardCharsets.UTF_8)
            .startsWith(VM_OUT_OF_MEMORY + "\n"))
        .orElse(false);
  }

  /** How long the program ran; zero when it did not. */
  public Duration time() {
    return execution.map(Execution::elapsed).orElse(Duration.ZERO);
  }

  /**
   * Where a failed test went wrong, as a line of the test file (empty unless it failed): for an
   * error, the line the interpreter's stderr names (where an unexpected error happened); else the
   * first failing expectation; else the first output expectation the program's output does not
   * meet (where a stopped test got to); else the test's first expectation; else line 1. So every
   * failed test has a {@code path:line}.
   */
  public Optional<Integer> firstFailureLine() {
    if (!failed()) {
      return Optional.empty();
    }
    Optional<Integer> reported =
        isError() ? execution.flatMap(run -> ExpectationChecker.reportedLine(run.stderr())) : Optional.empty();
    return reported
        .or(() -> failures.stream().map(Failure::line).filter(line -> line > 0).min(Integer::compare))
        .or(() -> spec.flatMap(expected -> execution.flatMap(
            run -> ExpectationChecker.firstUnmetOutput(expected.output(), run.stdout()))))
        .or(() -> spec.flatMap(expected -> expected.expectations().stream().map(Expectation::line).findFirst()))
        .or(() -> Optional.of(1));
  }

  /** The failure to headline: the first at {@link #firstFailureLine()}, else the first found. */
  public Failure firstFailure() {
    int line = firstFailureLine().orElse(0);
    return failures.stream().filter(f -> f.line() == line).findFirst().orElse(failures.get(0));
  }

  static TestResult skipped(TestFile file, String reason) {
    return new TestResult(
        file, Outcome.SKIPPED, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), reason);
  }
}
