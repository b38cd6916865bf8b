package dev.lox.testing.expect;

/**
 * {@code // expect runtime error: MESSAGE}: the first stderr line is MESSAGE, the first stack trace
 * line names this comment's line, and the exit code is 70.
 */
public record ExpectedRuntimeError(int line, String message) implements Expectation {}
