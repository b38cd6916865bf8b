package dev.lox.scanner;

import static dev.lox.scanner.TokenType.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScannerTest {

  /** Every token up to and including EOF. */
  private static List<Token> scan(byte[] source) {
    Scanner scanner = new Scanner(source);
    List<Token> tokens = new ArrayList<>();
    for (int i = 0; i <= source.length + 1; i++) {
      Token token = scanner.scanToken();
      tokens.add(token);
      if (token.type() == EOF) {
        return tokens;
      }
    }
    throw new AssertionError("no EOF after " + tokens.size() + " tokens");
  }

  private static List<Token> scan(String source) {
    return scan(source.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static List<TokenType> types(String source) {
    return scan(source).stream().map(Token::type).toList();
  }

  /** "TYPE lexeme@line" for each token, or "ERROR message@line" for errors. */
  private static List<String> describe(byte[] source) {
    return scan(source).stream()
        .map(t -> t.type() + " " + (t.type() == ERROR ? t.message() : t.lexeme()) + "@" + t.line())
        .toList();
  }

  private static List<String> describe(String source) {
    return describe(source.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void punctuationAndOperators() {
    assertEquals(
        List.of(LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, COMMA, DOT, MINUS, PLUS,
            SEMICOLON, SLASH, STAR, BANG, BANG_EQUAL, EQUAL, EQUAL_EQUAL, GREATER, GREATER_EQUAL,
            LESS, LESS_EQUAL, EOF),
        types("(){},.-+;/* ! != = == > >= < <="));
  }

  @Test
  void twoCharacterOperatorsAreGreedy() {
    assertEquals(List.of(EQUAL_EQUAL, EQUAL, BANG_EQUAL, EQUAL, LESS_EQUAL, GREATER_EQUAL, EQUAL, EOF),
        types("===!==<=>=="));
  }

  @Test
  void everyKeyword() {
    assertEquals(
        List.of(AND, CLASS, ELSE, FALSE, FOR, FUN, IF, NIL, OR, PRINT, RETURN, SUPER, THIS, TRUE,
            VAR, WHILE, EOF),
        types("and class else false for fun if nil or print return super this true var while"));
  }

  @ParameterizedTest
  @CsvSource({
    "an", "andy", "And", "classy", "clas", "f", "fa", "fals", "falsey", "fo", "fore", "fu", "funny",
    "t", "th", "thi", "thiss", "tru", "trues", "o", "orr", "v", "variable", "whilst", "i", "iff",
    "n", "nill", "p", "printer", "retur", "s", "superb", "e", "elsewhere", "_", "_var", "var_",
    "x1", "ORR", "Nil", "a1b2", "c", "w"
  })
  void nearKeywordsAreIdentifiers(String word) {
    assertEquals(List.of("IDENTIFIER " + word + "@1", "EOF @1"), describe(word));
  }

  @Test
  void numbers() {
    assertEquals(List.of("NUMBER 0@1", "NUMBER 123@1", "NUMBER 1.5@1", "NUMBER 007@1", "EOF @1"),
        describe("0 123 1.5 007"));
  }

  @Test
  void trailingDotIsNotPartOfANumber() {
    assertEquals(List.of("NUMBER 1@1", "DOT .@1", "SEMICOLON ;@1", "EOF @1"), describe("1.;"));
    assertEquals(List.of("NUMBER 1@1", "DOT .@1", "IDENTIFIER x@1", "EOF @1"), describe("1.x"));
    assertEquals(List.of("NUMBER 1.5@1", "DOT .@1", "NUMBER 5@1", "EOF @1"), describe("1.5.5"));
  }

  @Test
  void leadingDotIsNotPartOfANumber() {
    assertEquals(List.of("DOT .@1", "NUMBER 5@1", "EOF @1"), describe(".5"));
    assertEquals(List.of("MINUS -@1", "NUMBER 5@1", "EOF @1"), describe("-5"));
  }

  @Test
  void numberFollowedByLetters() {
    assertEquals(List.of("NUMBER 123@1", "IDENTIFIER abc@1", "EOF @1"), describe("123abc"));
    assertEquals(List.of("NUMBER 1@1", "IDENTIFIER e10@1", "EOF @1"), describe("1e10"));
  }

  @Test
  void stringLexemeIncludesQuotes() {
    assertEquals(List.of("STRING \"hi there\"@1", "STRING \"\"@1", "EOF @1"),
        describe("\"hi there\" \"\""));
  }

  @Test
  void stringHasNoEscapes() {
    assertEquals(List.of("STRING \"a\\\"@1", "IDENTIFIER b@1", "STRING \"\"@1", "EOF @1"),
        describe("\"a\\\"b\"\""));
  }

  @Test
  void stringSpanningLinesCountsThemAndTakesItsLastLine() {
    assertEquals(
        List.of("IDENTIFIER a@1", "STRING \"x\ny\n\nz\"@4", "IDENTIFIER b@4", "IDENTIFIER c@5",
            "EOF @5"),
        describe("a \"x\ny\n\nz\" b\nc"));
  }

  @Test
  void unterminatedStringReportsTheLastLine() {
    assertEquals(List.of("PRINT print@1", "ERROR Unterminated string.@4", "EOF @4"),
        describe("print\n\"abc\ndef\n"));
  }

  @Test
  void unterminatedStringAtEndWithoutNewline() {
    assertEquals(List.of("ERROR Unterminated string.@1", "EOF @1"), describe("\"abc"));
  }

  @Test
  void linesCountNewlinesOnly() {
    assertEquals(List.of("IDENTIFIER a@1", "IDENTIFIER b@2", "IDENTIFIER c@3", "IDENTIFIER d@3",
            "EOF @5"),
        describe("a\r\nb\n\rc\td\n\n"));
  }

  @Test
  void commentsAreSkipped() {
    assertEquals(List.of("IDENTIFIER a@1", "IDENTIFIER b@3", "EOF @4"),
        describe("a // comment \"unterminated\n// another ()\nb // last\n"));
  }

  @Test
  void commentAtEndWithoutNewline() {
    assertEquals(List.of("IDENTIFIER a@1", "EOF @1"), describe("a // end"));
  }

  @Test
  void singleSlashIsAnOperator() {
    assertEquals(List.of(IDENTIFIER, SLASH, IDENTIFIER, SLASH, EOF), types("a / b/"));
  }

  @Test
  void unexpectedAsciiCharacters() {
    assertEquals(
        List.of("ERROR Unexpected character.@1", "IDENTIFIER a@1", "ERROR Unexpected character.@1",
            "ERROR Unexpected character.@2", "EOF @2"),
        describe("@a#\n$"));
  }

  @Test
  void eachByteFrom0x80IsItsOwnErrorToken() {
    // "é" in UTF-8 is two bytes; clox's (signed char) scanner sees two unexpected characters.
    byte[] source = {'a', (byte) 0xc3, (byte) 0xa9, 'b', ' ', (byte) 0x80, (byte) 0xff};
    List<Token> tokens = scan(source);
    assertEquals(
        List.of("IDENTIFIER a@1", "ERROR Unexpected character.@1", "ERROR Unexpected character.@1",
            "IDENTIFIER b@1", "ERROR Unexpected character.@1", "ERROR Unexpected character.@1",
            "EOF @1"),
        describe(source));
    for (int i : new int[] {1, 2, 4, 5}) {
      assertEquals(1, tokens.get(i).length(), "error token " + i + " covers one byte");
    }
    assertEquals(1, tokens.get(1).start());
    assertEquals(2, tokens.get(2).start());
  }

  @Test
  void everyHighByteIsUnexpected() {
    for (int b = 0x80; b <= 0xff; b++) {
      assertEquals(List.of("ERROR Unexpected character.@1", "EOF @1"), describe(new byte[] {(byte) b}),
          "byte " + b);
    }
  }

  @Test
  void highBytesInsideStringsAndCommentsAreFine() {
    byte[] source = {'"', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, '"', '/', '/', (byte) 0x80};
    List<Token> tokens = scan(source);
    assertEquals(List.of(STRING, EOF), tokens.stream().map(Token::type).toList());
    assertEquals(5, tokens.get(0).length());
  }

  @Test
  void sourceEndsAtTheFirstNulByte() {
    byte[] source = {'a', ' ', 'b', 0, 'c', ' ', '"'};
    assertEquals(List.of("IDENTIFIER a@1", "IDENTIFIER b@1", "EOF @1"), describe(source));
  }

  @Test
  void nulInsideStringEndsItUnterminated() {
    byte[] source = {'"', 'a', 0, '"', ';'};
    assertEquals(List.of("ERROR Unterminated string.@1", "EOF @1"), describe(source));
  }

  @Test
  void nulAtStartMeansEmptySource() {
    assertEquals(List.of("EOF @1"), describe(new byte[] {0, 'p', 'r', 'i', 'n', 't'}));
  }

  @Test
  void emptySource() {
    assertEquals(List.of("EOF @1"), describe(""));
  }

  @Test
  void eofRepeats() {
    Scanner scanner = new Scanner("x".getBytes(StandardCharsets.US_ASCII));
    assertEquals(IDENTIFIER, scanner.scanToken().type());
    for (int i = 0; i < 3; i++) {
      assertEquals(EOF, scanner.scanToken().type());
    }
  }

  @Test
  void tokensAreViewsIntoTheSource() {
    byte[] source = "var  answer = 42;".getBytes(StandardCharsets.US_ASCII);
    List<Token> tokens = scan(source);
    Token answer = tokens.get(1);
    assertEquals(5, answer.start());
    assertEquals(6, answer.length());
    assertEquals("answer", answer.lexeme());
    assertEquals(true, answer.sameLexeme(Token.synthetic("answer")));
    assertEquals(false, answer.sameLexeme(Token.synthetic("answe")));
  }

  @Test
  void realisticProgram() {
    String source = "class A < B {\n  init(x) { this.x = x >= 1 or !nil; }\n}\n";
    assertEquals(
        List.of(CLASS, IDENTIFIER, LESS, IDENTIFIER, LEFT_BRACE, IDENTIFIER, LEFT_PAREN, IDENTIFIER,
            RIGHT_PAREN, LEFT_BRACE, THIS, DOT, IDENTIFIER, EQUAL, IDENTIFIER, GREATER_EQUAL, NUMBER,
            OR, BANG, NIL, SEMICOLON, RIGHT_BRACE, RIGHT_BRACE, EOF),
        types(source));
    List<Token> tokens = scan(source);
    assertEquals(1, tokens.get(4).line());
    assertEquals(2, tokens.get(5).line());
    assertEquals(3, tokens.get(22).line());
    assertEquals(4, tokens.get(23).line());
  }
}
