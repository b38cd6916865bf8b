package dev.lox.testing.engine;

/**
 * A Lox test that could not show whether its expectations hold (it crashed, was stopped, or ended
 * in an error it does not expect). Not an {@link AssertionError}, so JUnit reporters such as
 * Surefire count it as an error rather than a failure.
 */
final class LoxTestError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LoxTestError(String message) {
    super(message);
  }
}
