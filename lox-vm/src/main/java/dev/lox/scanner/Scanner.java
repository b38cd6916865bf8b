package dev.lox.scanner;

/**
 * Turns source bytes into tokens on demand, one {@link #scanToken()} at a time, with clox's rules.
 *
 * <p>The source ends at its first NUL byte, as clox's does: clox reads a file into a C string, so
 * whatever follows a NUL is never seen.
 */
public final class Scanner {
  private final byte[] source;
  private final int end;
  private int start;
  private int current;
  private int line = 1;

  public Scanner(byte[] source) {
    this.source = source;
    this.end = firstNul(source);
  }

  private static int firstNul(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return bytes.length;
  }

  public Token scanToken() {
    skipWhitespace();
    start = current;
    if (isAtEnd()) {
      return make(TokenType.EOF);
    }
    int c = advance();
    if (isAlpha(c)) {
      return identifier();
    }
    if (isDigit(c)) {
      return number();
    }
    switch (c) {
      case '(': return make(TokenType.LEFT_PAREN);
      case ')': return make(TokenType.RIGHT_PAREN);
      case '{': return make(TokenType.LEFT_BRACE);
      case '}': return make(TokenType.RIGHT_BRACE);
      case ';': return make(TokenType.SEMICOLON);
      case ',': return make(TokenType.COMMA);
      case '.': return make(TokenType.DOT);
      case '-': return make(TokenType.MINUS);
      case '+': return make(TokenType.PLUS);
      case '/': return make(TokenType.SLASH);
      case '*': return make(TokenType.STAR);
      case '!': return make(match('=') ? TokenType.BANG_EQUAL : TokenType.BANG);
      case '=': return make(match('=') ? TokenType.EQUAL_EQUAL : TokenType.EQUAL);
      case '<': return make(match('=') ? TokenType.LESS_EQUAL : TokenType.LESS);
      case '>': return make(match('=') ? TokenType.GREATER_EQUAL : TokenType.GREATER);
      case '"': return string();
      default: return error("Unexpected character.");
    }
  }

  private boolean isAtEnd() {
    return current == end;
  }

  private int advance() {
    return source[current++] & 0xff;
  }

  private int peek() {
    return isAtEnd() ? 0 : source[current] & 0xff;
  }

  private int peekNext() {
    return current + 1 >= end ? 0 : source[current + 1] & 0xff;
  }

  private boolean match(char expected) {
    if (isAtEnd() || source[current] != expected) {
      return false;
    }
    current++;
    return true;
  }

  private static boolean isAlpha(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private void skipWhitespace() {
    for (;;) {
      switch (peek()) {
        case ' ', '\r', '\t' -> current++;
        case '\n' -> {
          line++;
          current++;
        }
        case '/' -> {
          if (peekNext() != '/') {
            return;
          }
          while (peek() != '\n' && !isAtEnd()) {
            current++;
          }
        }
        default -> {
          return;
        }
      }
    }
  }

  private Token string() {
    while (peek() != '"' && !isAtEnd()) {
      if (peek() == '\n') {
        line++;
      }
      current++;
    }
    if (isAtEnd()) {
      return error("Unterminated string.");
    }
    current++; // the closing quote
    return make(TokenType.STRING);
  }

  private Token number() {
    while (isDigit(peek())) {
      current++;
    }
    if (peek() == '.' && isDigit(peekNext())) {
      current++;
      while (isDigit(peek())) {
        current++;
      }
    }
    return make(TokenType.NUMBER);
  }

  private Token identifier() {
    while (isAlpha(peek()) || isDigit(peek())) {
      current++;
    }
    return make(identifierType());
  }

  /** Keywords by a switch on their leading letters, as a hand-written trie. */
  private TokenType identifierType() {
    switch (source[start]) {
      case 'a': return keyword(1, "nd", TokenType.AND);
      case 'c': return keyword(1, "lass", TokenType.CLASS);
      case 'e': return keyword(1, "lse", TokenType.ELSE);
      case 'f':
        if (current - start > 1) {
          switch (source[start + 1]) {
            case 'a': return keyword(2, "lse", TokenType.FALSE);
            case 'o': return keyword(2, "r", TokenType.FOR);
            case 'u': return keyword(2, "n", TokenType.FUN);
            default: break;
          }
        }
        break;
      case 'i': return keyword(1, "f", TokenType.IF);
      case 'n': return keyword(1, "il", TokenType.NIL);
      case 'o': return keyword(1, "r", TokenType.OR);
      case 'p': return keyword(1, "rint", TokenType.PRINT);
      case 'r': return keyword(1, "eturn", TokenType.RETURN);
      case 's': return keyword(1, "uper", TokenType.SUPER);
      case 't':
        if (current - start > 1) {
          switch (source[start + 1]) {
            case 'h': return keyword(2, "is", TokenType.THIS);
            case 'r': return keyword(2, "ue", TokenType.TRUE);
            default: break;
          }
        }
        break;
      case 'v': return keyword(1, "ar", TokenType.VAR);
      case 'w': return keyword(1, "hile", TokenType.WHILE);
      default: break;
    }
    return TokenType.IDENTIFIER;
  }

  private TokenType keyword(int offset, String rest, TokenType type) {
    if (current - start != offset + rest.length()) {
      return TokenType.IDENTIFIER;
    }
    for (int i = 0; i < rest.length(); i++) {
      if (source[start + offset + i] != rest.charAt(i)) {
        return TokenType.IDENTIFIER;
      }
    }
    return type;
  }

  private Token make(TokenType type) {
    return new Token(type, source, start, current - start, line, null);
  }

  private Token error(String message) {
    return new Token(TokenType.ERROR, source, start, current - start, line, message);
  }
}
