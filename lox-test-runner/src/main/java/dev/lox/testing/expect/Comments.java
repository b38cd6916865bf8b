package dev.lox.testing.expect;

import dev.lox.scanner.Scanner;
import dev.lox.scanner.Token;
import dev.lox.scanner.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a test file's comments are, as clox's own scanner sees the file: expectations are
 * comments, and {@code "x // expect: y"} is a string, not an expectation. Whatever follows a NUL
 * byte is never scanned by clox (its source ends there), so it is no code, and the book runner's
 * rule, any line may hold an expectation, applies to it.
 */
final class Comments {
  private Comments() {}

  /**
   * For each line of {@code source} (index: line number - 1), the index in the line's text where
   * comment text begins; the text's length when the line has none.
   */
  static int[] starts(byte[] source, List<SourceLine> lines) {
    boolean[] comment = commentBytes(source);
    int[] starts = new int[lines.size()];
    int offset = 0;
    for (int i = 0; i < lines.size(); i++) {
      SourceLine line = lines.get(i);
      int length = line.text().length();
      int start = 0;
      while (start < length && !comment[offset + start]) {
        start++;
      }
      starts[i] = start;
      offset += length + line.terminator().length();
    }
    return starts;
  }

  /**
   * The program's tokens, each as its type and lexeme: two sources with equal tokens are the same
   * program, whatever their comments (or the lines they are on).
   */
  static List<String> tokens(byte[] source) {
    List<String> tokens = new ArrayList<>();
    Scanner scanner = new Scanner(source);
    for (Token token = scanner.scanToken(); token.type() != TokenType.EOF; token = scanner.scanToken()) {
      tokens.add(token.type() + " " + token.lexeme());
    }
    return tokens;
  }

  /** Which bytes are comment text (or unscanned, after a NUL). */
  private static boolean[] commentBytes(byte[] source) {
    boolean[] comment = new boolean[source.length];
    Scanner scanner = new Scanner(source);
    int end = 0;
    while (true) {
      Token token = scanner.scanToken();
      markComments(source, end, token.start(), comment);
      if (token.type() == TokenType.EOF) {
        for (int i = token.start(); i < source.length; i++) {
          comment[i] = true;
        }
        return comment;
      }
      end = token.start() + token.length();
    }
  }

  /** Marks the comments between two tokens, where there is nothing but blanks and comments. */
  private static void markComments(byte[] source, int from, int to, boolean[] comment) {
    int i = from;
    while (i < to) {
      if (source[i] == '/' && i + 1 < to && source[i + 1] == '/') {
        while (i < to && source[i] != '\n') {
          comment[i++] = true;
        }
      } else {
        i++;
      }
    }
  }
}
