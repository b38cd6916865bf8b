package dev.lox.api;

/**
 * One compile error, as data. {@link #toString()} gives the exact line clox prints, for example
 * {@code [line 3] Error at 'x': Expect ';' after value.}
 *
 * @param line the source line of the offending token
 * @param location {@code " at 'lexeme'"}, {@code " at end"}, or empty for scanner errors; lexeme
 *     bytes are carried one char per byte (ISO-8859-1) so that they print back byte for byte
 * @param message the message, without location
 */
public record CompileError(int line, String location, String message) {
  @Override
  public String toString() {
    return "[line " + line + "] Error" + location + ": " + message;
  }
}
