package dev.lox.testing.expect;

import dev.lox.testing.expect.Failure.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Judges one finished run against a {@link TestSpec}, check for check as the book's runner and
 * {@code shared/tools/lox-conformance} do: the runtime error or the compile errors, then the exit
 * code, then stdout line by line. Every failure found is returned, not only the first.
 */
public final class ExpectationChecker {
  /** Differences of stdout, and unexpected stderr lines, listed one by one; the rest are counted. */
  static final int MAX_OUTPUT_FAILURES = 100;

  private ExpectationChecker() {}

  /** The failures of a run that exited with {@code exitCode}; empty when the test passed. */
  public static List<Failure> check(TestSpec spec, byte[] stdout, byte[] stderr, int exitCode) {
    List<Failure> failures = new ArrayList<>();
    List<String> errorLines = TextLines.ofOutput(stderr);
    if (spec.runtimeError().isPresent()) {
      checkRuntimeError(spec.runtimeError().get(), errorLines, failures);
    } else {
      checkCompileErrors(spec.compileErrors(), errorLines, failures);
    }
    if (exitCode != spec.expectedExitCode()) {
      failures.add(
          new Failure(
              Kind.WRONG_EXIT_CODE,
              0,
              "expected exit code " + spec.expectedExitCode() + ", got " + exitCode));
    }
    checkOutput(spec.output(), TextLines.ofOutput(stdout), failures);
    return failures;
  }

  private static void checkRuntimeError(
      ExpectedRuntimeError expected, List<String> errorLines, List<Failure> failures) {
    String message = show(expected.message());
    int line = expected.line();
    if (errorLines.size() < 2) {
      failures.add(
          new Failure(
              Kind.MISSING_RUNTIME_ERROR,
              line,
              "expected runtime error '" + message + "' and got none"));
      return;
    }
    if (!errorLines.get(0).equals(expected.message())) {
      failures.add(
          new Failure(
              Kind.WRONG_RUNTIME_ERROR,
              line,
              "expected runtime error '" + message + "' and got '" + show(errorLines.get(0)) + "'"));
    }
    Optional<String> traceLine = firstTraceLine(errorLines.subList(1, errorLines.size()));
    if (traceLine.isEmpty()) {
      failures.add(
          new Failure(Kind.MISSING_STACK_TRACE, line, "expected a stack trace line '[line N]'"));
    } else if (!sameNumber(traceLine.get(), line)) {
      failures.add(
          new Failure(
              Kind.WRONG_RUNTIME_ERROR_LINE,
              line,
              "expected runtime error on line " + line + ", got " + traceLine.get()));
    }
  }

  /**
   * The test file line an interpreter's stderr names first ({@code [line N] Error ...} of a
   * compile error, {@code [line N] in ...} of a runtime error's trace); empty when it names none.
   */
  public static Optional<Integer> reportedLine(byte[] stderr) {
    return firstTraceLine(TextLines.ofOutput(stderr)).flatMap(ExpectationChecker::lineNumber);
  }

  /**
   * The line of the first output expectation that {@code stdout} does not meet, as far as it goes:
   * where a run that was stopped, or printed something else, went wrong.
   */
  public static Optional<Integer> firstUnmetOutput(List<ExpectedOutput> expected, byte[] stdout) {
    List<String> actual = TextLines.ofOutput(stdout);
    for (int i = 0; i < expected.size(); i++) {
      if (i >= actual.size() || !expected.get(i).text().equals(actual.get(i))) {
        return Optional.of(expected.get(i).line());
      }
    }
    return Optional.empty();
  }

  private static Optional<Integer> lineNumber(String digits) {
    try {
      int line = Integer.parseInt(digits);
      return line > 0 ? Optional.of(line) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // more digits than any file has lines
    }
  }

  private static Optional<String> firstTraceLine(List<String> lines) {
    for (String candidate : lines) {
      Matcher m = ExpectationSyntax.TRACE_LINE.matcher(candidate);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** Compares digits with a line number as integers do, leading zeros and all. */
  private static boolean sameNumber(String digits, int number) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.equals(Integer.toString(number));
  }

  private static void checkCompileErrors(
      List<ExpectedCompileError> expected, List<String> errorLines, List<Failure> failures) {
    Set<String> wanted = new HashSet<>();
    expected.forEach(e -> wanted.add(e.key()));
    Set<String> found = new HashSet<>();
    int unexpected = 0;
    for (String errorLine : errorLines) {
      Matcher m = ExpectationSyntax.REPORTED_ERROR.matcher(errorLine);
      if (m.find() && wanted.contains(ExpectedCompileError.key(m.group(1), m.group(2)))) {
        found.add(ExpectedCompileError.key(m.group(1), m.group(2)));
      } else if (!errorLine.isEmpty() && unexpected++ < MAX_OUTPUT_FAILURES) {
        failures.add(new Failure(Kind.UNEXPECTED_STDERR, 0, "unexpected stderr: " + show(errorLine)));
      }
    }
    if (unexpected > MAX_OUTPUT_FAILURES) {
      failures.add(
          new Failure(
              Kind.UNEXPECTED_STDERR,
              0,
              "... and " + (unexpected - MAX_OUTPUT_FAILURES) + " more unexpected stderr lines"));
    }
    for (ExpectedCompileError error : expected) {
      if (!found.contains(error.key())) {
        failures.add(
            new Failure(
                Kind.MISSING_COMPILE_ERROR,
                error.line(),
                "missing expected error: " + show(error.key())));
      }
    }
  }

  private static void checkOutput(
      List<ExpectedOutput> expected, List<String> actual, List<Failure> failures) {
    // A runaway program can print millions of lines; past this many differences, count them only.
    int reported = 0;
    int unreported = 0;
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      Optional<Failure> failure = compareLine(expected, actual, i);
      if (failure.isEmpty()) {
        continue;
      }
      if (reported < MAX_OUTPUT_FAILURES) {
        failures.add(failure.get());
        reported++;
      } else {
        unreported++;
      }
    }
    if (unreported > 0) {
      failures.add(
          new Failure(
              Kind.UNEXPECTED_OUTPUT, 0, "... and " + unreported + " more output differences"));
    }
  }

  private static Optional<Failure> compareLine(
      List<ExpectedOutput> expected, List<String> actual, int i) {
    if (i >= expected.size()) {
      return Optional.of(
          new Failure(
              Kind.UNEXPECTED_OUTPUT, 0, "unexpected output '" + show(actual.get(i)) + "'"));
    }
    ExpectedOutput wanted = expected.get(i);
    if (i >= actual.size()) {
      return Optional.of(
          new Failure(
              Kind.MISSING_OUTPUT,
              wanted.line(),
              "missing expected output '" + show(wanted.text()) + "'"));
    }
    if (!wanted.text().equals(actual.get(i))) {
      return Optional.of(
          new Failure(
              Kind.WRONG_OUTPUT,
              wanted.line(),
              "expected '" + show(wanted.text()) + "', got '" + show(actual.get(i)) + "'"));
    }
    return Optional.empty();
  }

  private static String show(String latin1) {
    return Bytes.display(latin1);
  }
}
