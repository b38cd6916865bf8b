package dev.lox.testing.report;

import dev.lox.testing.SuiteResult;
import dev.lox.testing.TestResult;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.UpdateReport;
import dev.lox.testing.expect.Bytes;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.expect.TextLines;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The text people read: one block per failing test, bless-mode notes, the summary line. */
public final class ConsoleReport {
  private static final int MAX_FAILURES_SHOWN = 10;
  private static final int MAX_STDERR_SHOWN = 20;
  private static final Set<Failure.Kind> OUTPUT_FAILURES =
      EnumSet.of(Failure.Kind.WRONG_OUTPUT, Failure.Kind.UNEXPECTED_OUTPUT, Failure.Kind.MISSING_OUTPUT);
  private static final Set<Failure.Kind> STDERR_FAILURES =
      EnumSet.of(
          Failure.Kind.MISSING_RUNTIME_ERROR,
          Failure.Kind.WRONG_RUNTIME_ERROR,
          Failure.Kind.MISSING_STACK_TRACE,
          Failure.Kind.WRONG_RUNTIME_ERROR_LINE,
          Failure.Kind.UNEXPECTED_STDERR,
          Failure.Kind.MISSING_COMPILE_ERROR,
          Failure.Kind.WRONG_EXIT_CODE);

  private ConsoleReport() {}

  /**
   * The block for a failed test: {@code FAIL} (or {@code ERROR}, see {@link TestResult#isError()})
   * and its {@code path:line}, each failure with the test file line it concerns, a diff of stdout when the
   * output is wrong, and stderr when errors are.
   */
  public static String failureBlock(TestResult result) {
    StringBuilder block = new StringBuilder();
    block.append(header(result, result.file().path().toString())).append('\n');
    block.append(details(result));
    return block.toString();
  }

  /**
   * {@code FAIL path:line} or {@code ERROR path:line}, the file shown as {@code path} and the line
   * {@link TestResult#firstFailureLine()}: the form compilers and IDE consoles link to the line.
   */
  public static String header(TestResult result, String path) {
    return label(result) + " " + location(result, path);
  }

  /** {@code path:line} of a failed test, as in {@link #header}. */
  public static String location(TestResult result, String path) {
    return path + result.firstFailureLine().map(line -> ":" + line).orElse("");
  }

  /** {@code FAIL} for a failure, {@code ERROR} for an error. */
  public static String label(TestResult result) {
    return result.isError() ? "ERROR" : "FAIL";
  }

  /** The body of {@link #failureBlock}, without the FAIL line, each line indented. */
  public static String details(TestResult result) {
    StringBuilder block = new StringBuilder();
    List<Failure> failures = result.failures();
    for (Failure failure : failures.subList(0, Math.min(MAX_FAILURES_SHOWN, failures.size()))) {
      block.append("  ").append(failure).append('\n');
    }
    if (failures.size() > MAX_FAILURES_SHOWN) {
      block.append("  (").append(failures.size() - MAX_FAILURES_SHOWN).append(" more)\n");
    }
    boolean outputWrong = failures.stream().anyMatch(f -> OUTPUT_FAILURES.contains(f.kind()));
    if (outputWrong && result.spec().isPresent() && result.execution().isPresent()) {
      List<String> diff =
          OutputDiff.render(
              result.spec().get().output(), TextLines.ofOutput(result.execution().get().stdout()));
      block.append("  stdout (- expected, at its line of the test; + actual):\n");
      diff.forEach(line -> block.append("    ").append(line).append('\n'));
    }
    boolean errorsWrong = failures.stream().anyMatch(f -> STDERR_FAILURES.contains(f.kind()));
    if (errorsWrong && result.execution().isPresent()) {
      List<String> stderr = TextLines.ofOutput(result.execution().get().stderr());
      if (!stderr.isEmpty()) {
        block.append("  stderr:\n");
        for (String line : stderr.subList(0, Math.min(MAX_STDERR_SHOWN, stderr.size()))) {
          block.append("    | ").append(Bytes.display(line)).append('\n');
        }
        if (stderr.size() > MAX_STDERR_SHOWN) {
          block.append("    (").append(stderr.size() - MAX_STDERR_SHOWN).append(" more lines)\n");
        }
      }
    }
    result.update().ifPresent(update -> block.append(updateNote(update)));
    return block.toString();
  }

  /** For a test that bless mode rewrote: what changed. */
  public static String updateBlock(TestResult result) {
    StringBuilder block = new StringBuilder();
    block.append("UPDATED ").append(result.file().path()).append('\n');
    result.update().ifPresent(update -> update.changes().forEach(c -> block.append("  ").append(c).append('\n')));
    return block.toString();
  }

  private static String updateNote(UpdateReport update) {
    return update.written() ? "" : "  not updated: " + update.reason() + "\n";
  }

  /** Surefire's totals line: {@code Tests run: N, Failures: N, Errors: N, Skipped: N}. */
  public static String summary(TestRunResult run) {
    return totals(run.results().size(), run.failuresWithoutErrors(), run.errors(), run.skipped());
  }

  /**
   * The line Surefire prints when a test class is done, for a directory of tests: {@code Tests
   * run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.120 s <<< FAILURE! -- in money}.
   */
  public static String suiteLine(SuiteResult suite) {
    return totals(suite.run(), suite.failures(), suite.errors(), suite.skipped())
        + ", Time elapsed: " + seconds(suite.elapsed()) + " s"
        + (suite.failed() ? " <<< FAILURE!" : "")
        + " -- in " + suite.name();
  }

  /**
   * One line for one test, for verbose progress: {@code PASS path (0.003 s)}, {@code FAIL path:line
   * (0.010 s)}, {@code ERROR path:line (1.000 s)} or {@code SKIP path (why)}.
   */
  public static String testLine(TestResult result, String path) {
    return switch (result.outcome()) {
      case PASSED, NOT_A_TEST -> "PASS " + path + " (" + seconds(result.time()) + " s)";
      case FAILED -> header(result, path) + " (" + seconds(result.time()) + " s)";
      case SKIPPED -> "SKIP " + path + " (" + result.skipReason() + ")";
    };
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }

  /** The counts as Surefire prints them; skipped tests count as run. */
  public static String totals(long run, long failures, long errors, long skipped) {
    return "Tests run: " + run + ", Failures: " + failures + ", Errors: " + errors
        + ", Skipped: " + skipped;
  }
}
