package dev.lox.testing.expect;

/**
 * One way a test did not do what it says, as data.
 *
 * @param kind what went wrong
 * @param line the test file line it concerns, or 0 when it concerns no line (exit code, timeout)
 * @param message one line for people, with program text made printable
 */
public record Failure(Kind kind, int line, String message) {

  /** The kinds of failure; the first group comes from the run, the rest from the checks. */
  public enum Kind {
    /** The test file could not be read. */
    UNREADABLE,
    /** The file expects both a compile error and a runtime error, so no run can pass it. */
    BROKEN_TEST,
    /** The program ran past the time limit and was stopped. */
    TIMEOUT,
    /** The program wrote more than the runner keeps, and was stopped. */
    OUTPUT_LIMIT,
    /** The interpreter could not be started, or failed inside itself. */
    CRASH,
    /** The program used up the heap of the JVM it ran in. */
    OUT_OF_MEMORY,
    MISSING_RUNTIME_ERROR,
    WRONG_RUNTIME_ERROR,
    MISSING_STACK_TRACE,
    WRONG_RUNTIME_ERROR_LINE,
    UNEXPECTED_STDERR,
    MISSING_COMPILE_ERROR,
    WRONG_EXIT_CODE,
    WRONG_OUTPUT,
    UNEXPECTED_OUTPUT,
    MISSING_OUTPUT
  }

  @Override
  public String toString() {
    return line > 0 ? "line " + line + ": " + message : message;
  }
}
