package dev.lox.scanner;

import java.nio.charset.StandardCharsets;

/**
 * A token: a view of {@code length} bytes at {@code start} in the source, so scanning allocates no
 * strings. Error tokens carry their message instead of a lexeme.
 */
public record Token(TokenType type, byte[] source, int start, int length, int line, String message) {

  /** The lexeme's bytes, one char per byte, so it prints back byte for byte. */
  public String lexeme() {
    return new String(source, start, length, StandardCharsets.ISO_8859_1);
  }

  /** Whether two tokens spell the same identifier. */
  public boolean sameLexeme(Token other) {
    return length == other.length
        && java.util.Arrays.equals(
            source, start, start + length, other.source, other.start, other.start + length);
  }

  /** A token made up by the compiler, such as {@code this} or {@code super}. */
  public static Token synthetic(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    return new Token(TokenType.IDENTIFIER, bytes, 0, bytes.length, 0, null);
  }
}
