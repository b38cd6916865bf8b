package dev.lox.testing.expect;

/** One expectation comment in a test file; {@link #line()} is the line the comment is on. */
public sealed interface Expectation
    permits ExpectedOutput, ExpectedCompileError, ExpectedRuntimeError {
  int line();
}
