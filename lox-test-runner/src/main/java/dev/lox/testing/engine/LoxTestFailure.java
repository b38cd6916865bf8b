package dev.lox.testing.engine;

import dev.lox.testing.TestResult;
import dev.lox.testing.expect.Bytes;
import dev.lox.testing.expect.ExpectedOutput;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.expect.TextLines;
import dev.lox.testing.report.ConsoleReport;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * The exception a failed Lox test is reported with. For a failure it is an {@link
 * AssertionFailedError}, so Surefire counts a failure and IDEs offer their diff viewer when stdout
 * was wrong; for an error ({@link TestResult#isError()}) it is a {@link LoxTestError}, which
 * Surefire counts as an error, as the runner's own reports do. Its one stack frame points at the
 * test file and the failing line, which is what a Java test's trace would point at.
 */
final class LoxTestFailure {
  private static final Set<Failure.Kind> OUTPUT =
      EnumSet.of(Failure.Kind.WRONG_OUTPUT, Failure.Kind.UNEXPECTED_OUTPUT, Failure.Kind.MISSING_OUTPUT);

  private LoxTestFailure() {}

  static Throwable of(TestResult result, String className) {
    int line = result.firstFailureLine().orElse(1);
    String fileName = result.file().path().getFileName().toString();
    // The first line names the file, the line and the failure there, as the runner's console and
    // XML reports do, for one-line summaries; the details follow, without that failure again when
    // it is the one they start with.
    Failure headline = result.firstFailure();
    String details = ConsoleReport.details(result);
    String message =
        ConsoleReport.location(result, result.file().path().toString())
            + ": "
            + headline.message()
            + "\n"
            + (headline == result.failures().get(0) ? details.substring(details.indexOf('\n') + 1) : details);
    boolean outputWrong = result.failures().stream().anyMatch(f -> OUTPUT.contains(f.kind()));
    Throwable error;
    if (result.isError()) {
      error = new LoxTestError(message);
    } else if (outputWrong && result.spec().isPresent() && result.execution().isPresent()) {
      String expected =
          result.spec().get().output().stream()
              .map(ExpectedOutput::text)
              .map(Bytes::display)
              .collect(Collectors.joining("\n"));
      String actual =
          TextLines.ofOutput(result.execution().get().stdout()).stream()
              .map(Bytes::display)
              .collect(Collectors.joining("\n"));
      error = new AssertionFailedError(message, expected, actual);
    } else {
      error = new AssertionFailedError(message);
    }
    error.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(className, result.file().baseName(), fileName, line)
        });
    return error;
  }
}
