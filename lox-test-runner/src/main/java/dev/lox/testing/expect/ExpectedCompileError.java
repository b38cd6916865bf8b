package dev.lox.testing.expect;

/**
 * {@code // Error ...} (for the comment's own line), {@code // [line N] Error ...} or {@code // [c
 * line N] Error ...}: stderr has the line {@code [line N] Error ...}.
 *
 * @param line the line of the comment
 * @param errorLine the digits of the line the compiler must report, as written: the reference
 *     runner matches them as text, so {@code [line 07]} only matches {@code 07}
 * @param message the text from {@code Error} on, as the compiler prints it
 */
public record ExpectedCompileError(int line, String errorLine, String message)
    implements Expectation {

  /** The identity used to match stderr, as the reference runner forms it: {@code [N] Error ...}. */
  public String key() {
    return key(errorLine, message);
  }

  static String key(String errorLine, String message) {
    return "[" + errorLine + "] " + message;
  }
}
