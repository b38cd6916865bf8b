package dev.lox.compiler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.api.CompileError;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.chunk.FunctionProto;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The compiler: errors as data, panic-mode recovery, clox's limits at their exact boundaries, and
 * input that is deep, large or garbage. Expected messages and lines were checked against clox.
 */
class CompilerTest {

  private static Compiler.Result compile(String source) {
    return Compiler.compile(source.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  private static List<CompileError> errors(String source) {
    return compile(source).errors();
  }

  private static void assertCompiles(String source) {
    Compiler.Result result = compile(source);
    assertEquals(List.of(), result.errors());
    assertNotNull(result.function());
  }

  private static void assertErrors(String source, CompileError... expected) {
    Compiler.Result result = compile(source);
    assertEquals(List.of(expected), result.errors());
    assertNull(result.function(), "no function when there are errors");
  }

  private static CompileError error(int line, String location, String message) {
    return new CompileError(line, location, message);
  }

  /** A program's stdout, stderr and result when run on a fresh VM. */
  private record Outcome(String out, String err, RunResult result) {}

  private static Outcome run(String source) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err);
    RunResult result = lox.interpret(source.getBytes(StandardCharsets.ISO_8859_1));
    lox.flush();
    return new Outcome(out.toString(StandardCharsets.ISO_8859_1),
        err.toString(StandardCharsets.ISO_8859_1), result);
  }

  private static String repeat(String s, int n) {
    return s.repeat(n);
  }

  private static String joined(int n, java.util.function.IntFunction<String> item, String separator) {
    return IntStream.range(0, n).mapToObj(item).collect(Collectors.joining(separator));
  }

  // ---- Errors as data ----

  @Test
  void validProgramHasNoErrors() {
    assertCompiles("var a = 1; fun f(x) { return x + a; } class C < D { m() { super.m(); } } print f(2);");
  }

  @Test
  void errorAtToken() {
    assertErrors("print 1 +;", error(1, " at ';'", "Expect expression."));
  }

  @Test
  void errorAtEnd() {
    assertErrors("\n\nprint 1", error(3, " at end", "Expect ';' after value."));
  }

  @Test
  void scannerErrorHasNoLocation() {
    assertErrors("print 1;\nprint @;", error(2, "", "Unexpected character."));
  }

  @Test
  void unterminatedStringReportsLastLine() {
    assertErrors("print \"a\nb\nc", error(3, "", "Unterminated string."));
  }

  @Test
  void toStringIsTheLineCloxPrints() {
    CompileError e = errors("var a = 1;\nprint a a;").get(0);
    assertEquals(error(2, " at 'a'", "Expect ';' after value."), e);
    assertEquals("[line 2] Error at 'a': Expect ';' after value.", e.toString());
    assertEquals("[line 1] Error: Unexpected character.", errors("#").get(0).toString());
    assertEquals("[line 1] Error at end: Expect expression.", errors("print").get(0).toString());
  }

  @Test
  void locationCarriesLexemeBytesOnePerChar() {
    // clox prints the lexeme's raw bytes: [line 1] Error at '"\xc3\xa9"': Expect variable name.
    byte[] source = {'v', 'a', 'r', ' ', '"', (byte) 0xc3, (byte) 0xa9, '"', ';'};
    List<CompileError> errors = Compiler.compile(source, null).errors();
    assertEquals(List.of(error(1, " at '\"\u00c3\u00a9\"'", "Expect variable name.")), errors);
  }

  @Test
  void highBytesReportOnceInPanicMode() {
    byte[] source = {'p', 'r', 'i', 'n', 't', ' ', (byte) 0xc3, (byte) 0xa9, ';'};
    assertEquals(List.of(error(1, "", "Unexpected character.")), Compiler.compile(source, null).errors());
  }

  @Test
  void semanticErrors() {
    assertErrors("return 1;", error(1, " at 'return'", "Can't return from top-level code."));
    assertErrors("class A { init() { return 1; } }",
        error(1, " at 'return'", "Can't return a value from an initializer."));
    assertErrors("var a = 1; a + b = 3;", error(1, " at '='", "Invalid assignment target."));
    assertErrors("{ var a = a; }", error(1, " at 'a'", "Can't read local variable in its own initializer."));
    assertErrors("{ var a; var a; }", error(1, " at 'a'", "Already a variable with this name in this scope."));
    assertErrors("print this;", error(1, " at 'this'", "Can't use 'this' outside of a class."));
    assertErrors("print super.x;", error(1, " at 'super'", "Can't use 'super' outside of a class."));
    assertErrors("class A { m() { super.m(); } }",
        error(1, " at 'super'", "Can't use 'super' in a class with no superclass."));
    assertErrors("class A < A {}", error(1, " at 'A'", "A class can't inherit from itself."));
  }

  @Test
  void globalRedeclarationIsAllowed() {
    assertCompiles("var a = 1; var a = 2; { var b; { var b; } }");
  }

  // ---- Panic-mode recovery ----

  @Test
  void recoveryReportsEachStatementsErrorOnce() {
    assertErrors("print 1 +;\nprint 2 +;\nvar = 3;",
        error(1, " at ';'", "Expect expression."),
        error(2, " at ';'", "Expect expression."),
        error(3, " at '='", "Expect variable name."));
  }

  @Test
  void recoveryAcrossBlocksAndFunctions() {
    assertErrors("fun f() { return 1 }\n{ print a b; }\nprint x",
        error(1, " at '}'", "Expect ';' after return value."),
        error(2, " at 'b'", "Expect ';' after value."),
        error(3, " at end", "Expect ';' after value."));
  }

  @Test
  void panicSuppressesCascadingErrors() {
    assertErrors("print ) ) ) ( ( ;\nprint 1 +;",
        error(1, " at ')'", "Expect expression."),
        error(2, " at ';'", "Expect expression."));
  }

  @Test
  void scannerErrorWhileSynchronizingIsReportedAndSilencesTheNextStatement() {
    // clox's synchronize() clears panic mode before skipping tokens, so a scanner error among the
    // skipped tokens is reported, and leaves panic mode on through the next statement.
    assertErrors("print ) ) ) @ # ( ( ;\nprint 1 +;",
        error(1, " at ')'", "Expect expression."),
        error(1, "", "Unexpected character."));
  }

  @Test
  void recoverySynchronizesAtStatementKeywords() {
    assertErrors("var a = ) if (true) print 1; var = 2;",
        error(1, " at ')'", "Expect expression."),
        error(1, " at '='", "Expect variable name."));
  }

  // ---- Limits, each at its boundary ----

  private static String constants(int n) {
    return "fun f() {\n" + joined(n, i -> i + ";\n", "") + "}\nprint \"ok\";";
  }

  @Test
  void constants256Compile() {
    assertCompiles(constants(256));
    assertEquals("ok\n", run(constants(256)).out());
  }

  @Test
  void constants257AreTooMany() {
    assertErrors(constants(257), error(258, " at '256'", "Too many constants in one chunk."));
  }

  @Test
  void scriptChunkHasTheSameConstantLimit() {
    assertCompiles(joined(256, i -> i + ";", "\n"));
    assertErrors(joined(257, i -> i + ";", "\n"), error(257, " at '256'", "Too many constants in one chunk."));
  }

  private static String parameters(int n) {
    return "fun f(" + joined(n, i -> "p" + i, ", ") + ") { return p" + (n - 1) + "; }\n"
        + "print f(" + "nil, ".repeat(n - 1) + "\"last\");";
  }

  @Test
  void parameters255Compile() {
    Outcome outcome = run(parameters(255));
    assertEquals("last\n", outcome.out());
    assertEquals(Status.OK, outcome.result().status());
  }

  @Test
  void parameters256AreTooMany() {
    List<CompileError> errors = errors(parameters(256));
    assertEquals(error(1, " at 'p255'", "Can't have more than 255 parameters."), errors.get(0));
  }

  private static String arguments(int n) {
    return "fun f(a) {}\nf(\n" + joined(n, i -> "nil", ",\n") + ");";
  }

  @Test
  void arguments255Compile() {
    assertCompiles(arguments(255));
    // f has one parameter: the call compiles and fails at run time, as in clox.
    Outcome outcome = run(arguments(255));
    assertEquals("Expected 1 arguments but got 255.\n[line 257] in script\n", outcome.err());
  }

  @Test
  void arguments256AreTooMany() {
    assertErrors(arguments(256), error(258, " at 'nil'", "Can't have more than 255 arguments."));
  }

  @Test
  void methodAndSuperArgumentsHaveTheSameLimit() {
    String args = joined(256, i -> "nil", ", ");
    assertEquals(List.of(error(1, " at 'nil'", "Can't have more than 255 arguments.")),
        errors("var o; o.m(" + args + ");"));
    assertEquals(List.of(error(1, " at 'nil'", "Can't have more than 255 arguments.")),
        errors("class A {} class B < A { m() { super.m(" + args + "); } }"));
    assertCompiles("var o; o.m(" + joined(255, i -> "nil", ", ") + ");");
  }

  private static String locals(int n) {
    return "fun f() {\n" + joined(n, i -> "var v" + i + ";\n", "") + "return \"ok\";\n}\nprint f();";
  }

  @Test
  void locals255Compile() {
    assertEquals("ok\n", run(locals(255)).out());
  }

  @Test
  void local256IsTooMany() {
    assertErrors(locals(256), error(257, " at 'v255'", "Too many local variables in function."));
  }

  @Test
  void blockLocalsAtTopLevelShareTheLimit() {
    assertCompiles("{\n" + joined(255, i -> "var v" + i + ";", "\n") + "\n}");
    assertErrors("{\n" + joined(256, i -> "var v" + i + ";", "\n") + "\n}",
        error(257, " at 'v255'", "Too many local variables in function."));
  }

  /** A closure capturing 200 variables of outer and {@code fromMiddle} of middle. */
  private static String upvalues(int fromMiddle) {
    StringBuilder s = new StringBuilder("fun outer() {\n");
    for (int i = 0; i < 200; i++) {
      s.append("  var a").append(i).append(" = \"a\";\n");
    }
    s.append("  fun middle() {\n");
    for (int i = 0; i < fromMiddle; i++) {
      s.append("    var b").append(i).append(" = \"b\";\n");
    }
    s.append("    fun inner() {\n      return a0 + b0;\n");
    for (int i = 0; i < 200; i++) {
      s.append("      a").append(i).append(";\n");
    }
    for (int i = 0; i < fromMiddle; i++) {
      s.append("      b").append(i).append(";\n");
    }
    s.append("    }\n    return inner;\n  }\n  return middle;\n}\nprint outer()()();\n");
    return s.toString();
  }

  @Test
  void upvalues256Compile() {
    Outcome outcome = run(upvalues(56));
    assertEquals("", outcome.err());
    assertEquals("ab\n", outcome.out());
  }

  @Test
  void upvalue257IsTooMany() {
    assertErrors(upvalues(57), error(518, " at 'b56'", "Too many closure variables in function."));
  }

  /** An if whose then-branch jump spans {@code 4 + 2 * twoByte + 3 * threeByte} bytes. */
  private static String ifJump(int twoByte, int threeByte) {
    return "if (true) {\n" + "nil;\n".repeat(twoByte) + "!nil;\n".repeat(threeByte) + "}\nprint \"done\";";
  }

  @Test
  void jumpOf65535BytesCompiles() {
    Outcome outcome = run(ifJump(32764, 1));
    assertEquals("done\n", outcome.out());
    assertEquals("", outcome.err());
  }

  @Test
  void jumpOf65536BytesIsTooMuch() {
    assertErrors(ifJump(32763, 2), error(32767, " at '}'", "Too much code to jump over."));
    assertErrors(ifJump(32766, 0), error(32768, " at '}'", "Too much code to jump over."));
  }

  /** A while whose backward jump spans {@code 8 + 2 * twoByte + 3 * threeByte} bytes. */
  private static String loop(int twoByte, int threeByte) {
    return "while (false) {\n" + "nil;\n".repeat(twoByte) + "!nil;\n".repeat(threeByte) + "}\nprint \"done\";";
  }

  @Test
  void loopOf65535BytesCompiles() {
    Outcome outcome = run(loop(32762, 1));
    assertEquals("done\n", outcome.out());
    assertEquals("", outcome.err());
  }

  @Test
  void loopOf65536BytesIsTooLarge() {
    assertErrors(loop(32764, 0), error(32766, " at '}'", "Loop body too large."));
    assertErrors(loop(32761, 2), error(32765, " at '}'", "Loop body too large."));
  }

  // ---- Deep nesting (clox manages ~130k parentheses or unary operators and ~47k blocks) ----

  @Test
  void hundredThousandNestedParentheses() {
    Outcome outcome = run("print " + repeat("(", 100_000) + "1" + repeat(")", 100_000) + ";");
    assertEquals("", outcome.err());
    assertEquals("1\n", outcome.out());
  }

  @Test
  void fortyThousandNestedBlocks() {
    Outcome outcome = run(repeat("{", 40_000) + "print 1;" + repeat("}", 40_000));
    assertEquals("", outcome.err());
    assertEquals("1\n", outcome.out());
  }

  @Test
  void hundredThirtyThousandNestedUnaryMinus() {
    Outcome outcome = run("print " + repeat("-", 130_000) + "1;\nprint " + repeat("-", 130_001) + "1;");
    assertEquals("", outcome.err());
    assertEquals("1\n-1\n", outcome.out());
  }

  @Test
  void deeplyNestedFunctions() {
    // fun f0() { if (true) { fun f1() { ... print "deep"; ... } f1(); } } f0();
    int depth = 5_000;
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      s.append("fun f").append(i).append("() { if (true) { ");
    }
    s.append("print \"deep\";");
    for (int i = depth - 1; i >= 0; i--) {
      s.append(" } } f").append(i).append("();");
    }
    Outcome outcome = run(s.toString());
    assertEquals("", outcome.err());
    assertEquals("deep\n", outcome.out());
  }

  @Test
  void nestingLimit() {
    assertEquals(200_000, Compiler.MAX_NESTING);
  }

  @Test
  void millionNestedParenthesesGiveOneError() {
    String source = "print " + repeat("(", 1_000_000) + "1" + repeat(")", 1_000_000) + ";";
    Outcome outcome = assertDoesNotThrow(() -> run(source));
    assertEquals(Status.COMPILE_ERROR, outcome.result().status());
    assertEquals(65, outcome.result().exitCode());
    assertEquals(1, outcome.result().compileErrors().size(), outcome.result().compileErrors().toString());
    assertEquals("Too much nesting.", outcome.result().compileErrors().get(0).message());
    assertEquals(1, outcome.err().lines().count(), outcome.err());
    assertTrue(outcome.err().startsWith("[line 1] Error"), outcome.err());
    assertTrue(outcome.err().endsWith(": Too much nesting.\n"), outcome.err());
    assertEquals("", outcome.out());
  }

  @Test
  void tooDeepBlocksUnariesAndIfsGiveOneError() {
    int depth = Compiler.MAX_NESTING + 50_000;
    for (String source : List.of(
        repeat("{", depth) + repeat("}", depth),
        "print " + repeat("!", depth) + "true;",
        repeat("if (true) ", depth) + "print 1;")) {
      List<CompileError> errors = assertDoesNotThrow(() -> compile(source).errors());
      assertEquals(1, errors.size(), errors.toString());
      assertEquals("Too much nesting.", errors.get(0).message());
    }
  }

  @Test
  void tenMegabyteSourceCompilesAndRuns() {
    String statement = "if (!nil) { var a = true; a = a and false; while (a) a = nil; }\n";
    int count = 10_000_000 / statement.length() + 1;
    StringBuilder s = new StringBuilder(statement.length() * count + 32);
    for (int i = 0; i < count; i++) {
      s.append(statement);
    }
    s.append("print \"end\";\n");
    assertTrue(s.length() > 10_000_000);
    Compiler.Result result = compile(s.toString());
    assertEquals(List.of(), result.errors());
    FunctionProto script = result.function();
    // The implicit return at the end takes the line of the end of the file, as in clox.
    assertEquals(count + 2, script.lines[script.code.length - 1]);
    Outcome outcome = run(s.toString());
    assertEquals("end\n", outcome.out());
  }

  // ---- Garbage never throws ----

  @Test
  void randomBytesNeverThrow() {
    Random random = new Random(20240601L);
    for (int i = 0; i < 2_000; i++) {
      byte[] source = new byte[random.nextInt(2_000)];
      random.nextBytes(source);
      if (i % 2 == 0) {
        // Half without NUL bytes, so the scanner sees all of it.
        for (int j = 0; j < source.length; j++) {
          if (source[j] == 0) {
            source[j] = 1;
          }
        }
      }
      final int seedIndex = i;
      Compiler.Result result =
          assertDoesNotThrow(() -> Compiler.compile(source, null), "random source #" + seedIndex);
      assertTrue(result.function() != null || !result.errors().isEmpty());
    }
  }

  private static final String[] FRAGMENTS = {
    "(", ")", "{", "}", ",", ".", "-", "+", ";", "/", "*", "!", "!=", "=", "==", ">", ">=", "<",
    "<=", "a", "b", "init", "\"s\"", "\"", "1", "2.5", "and", "class", "else", "false", "for",
    "fun", "if", "nil", "or", "print", "return", "super", "this", "true", "var", "while", "\n",
    " ", "//", "@", "\u00e9",
  };

  @Test
  void randomTokenSoupNeverThrows() {
    Random random = new Random(42L);
    for (int i = 0; i < 3_000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(300);
      for (int j = 0; j < length; j++) {
        s.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextInt(4) == 0 ? " " : "");
      }
      String source = s.toString();
      Compiler.Result result = assertDoesNotThrow(() -> compile(source), source);
      if (result.function() == null) {
        assertFalse(result.errors().isEmpty());
        for (CompileError e : result.errors()) {
          assertTrue(e.line() >= 1, e.toString());
          assertTrue(e.location().isEmpty() || e.location().equals(" at end")
              || e.location().startsWith(" at '"), e.toString());
        }
      }
    }
  }

  @Test
  void compiledFunctionsRecordStackDepth() {
    FunctionProto script = compile("fun f(a, b) { return a + b * (a - b); } print f(1, 2);").function();
    assertNotNull(script);
    FunctionProto f = (FunctionProto) java.util.Arrays.stream(script.constants)
        .filter(c -> c instanceof FunctionProto).findFirst().orElseThrow();
    assertEquals(2, f.arity);
    assertEquals("f", f.displayName());
    assertEquals("script", script.displayName());
    // slot 0, a, b, then a + b * (a - b) needs four more.
    assertEquals(7, f.maxStack);
  }
}
