package dev.lox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.CompileError;
import dev.lox.api.LoxError;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The embedding API: compiling, running, errors as data, natives, streams and globals. */
class LoxApiTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Lox lox = new Lox(out, err);

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private RunResult interpret(String source) {
    RunResult result = lox.interpret(utf8(source));
    lox.flush();
    return result;
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  // ---- Compiling ----

  @Test
  void compileSucceeds() {
    CompileResult result = Lox.compile(utf8("print 1 + 2;"));
    assertTrue(result.succeeded());
    assertNotNull(result.script());
    assertEquals(List.of(), result.errors());
  }

  @Test
  void compileErrorsAreData() {
    CompileResult result = Lox.compile(utf8("print 1 +;\nvar 2;\nprint \"a"));
    assertFalse(result.succeeded());
    assertNull(result.script());
    assertEquals(
        List.of(
            new CompileError(1, " at ';'", "Expect expression."),
            new CompileError(2, " at '2'", "Expect variable name."),
            new CompileError(3, "", "Unterminated string.")),
        result.errors());
  }

  @Test
  void compilingPrintsNothing() {
    Lox.compile(utf8("print ;"));
    assertEquals(0, out.size() + err.size());
  }

  @Test
  void scriptRunsManyTimes() {
    Script script = Lox.compile(utf8("var n = 0; n = n + 1; print n;")).script();
    assertEquals(Status.OK, lox.run(script).status());
    assertEquals(Status.OK, lox.run(script).status());
    lox.flush();
    assertEquals("1\n1\n", out());
  }

  // ---- Run results ----

  @Test
  void okResult() {
    RunResult result = interpret("print \"hi\";");
    assertEquals(Status.OK, result.status());
    assertEquals(0, result.exitCode());
    assertEquals(List.of(), result.compileErrors());
    assertNull(result.runtimeError());
    assertEquals("hi\n", out());
    assertEquals("", err());
  }

  @Test
  void compileErrorResult() {
    RunResult result = interpret("print 1;\nprint 2 +;\nprint 3");
    assertEquals(Status.COMPILE_ERROR, result.status());
    assertEquals(65, result.exitCode());
    assertEquals(
        List.of(new CompileError(2, " at ';'", "Expect expression."),
            new CompileError(3, " at end", "Expect ';' after value.")),
        result.compileErrors());
    assertNull(result.runtimeError());
    assertEquals("", out(), "nothing runs");
    assertEquals("[line 2] Error at ';': Expect expression.\n[line 3] Error at end: Expect ';' after value.\n",
        err());
  }

  @Test
  void runtimeErrorResult() {
    RunResult result = interpret("print 1;\nprint -\"x\";\nprint 2;");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals(70, result.exitCode());
    assertEquals(List.of(), result.compileErrors());
    assertEquals(new LoxError("Operand must be a number.", List.of(new LoxError.Frame(2, null))),
        result.runtimeError());
    assertEquals("1\n", out());
    assertEquals("Operand must be a number.\n[line 2] in script\n", err());
  }

  @Test
  void statusExitCodes() {
    assertEquals(0, Status.OK.exitCode());
    assertEquals(65, Status.COMPILE_ERROR.exitCode());
    assertEquals(70, Status.RUNTIME_ERROR.exitCode());
  }

  @Test
  void errorThreeCallsDeep() {
    RunResult result = interpret(String.join("\n",
        "fun a() {",
        "  b();",
        "}",
        "fun b() {",
        "  c();",
        "}",
        "fun c() {",
        "  nil + 1;",
        "}",
        "a();",
        ""));
    LoxError error = result.runtimeError();
    assertEquals("Operands must be two numbers or two strings.", error.message());
    assertEquals(
        List.of(new LoxError.Frame(8, "c"), new LoxError.Frame(5, "b"), new LoxError.Frame(2, "a"),
            new LoxError.Frame(10, null)),
        error.trace());
    // Exactly what clox prints.
    String clox = "Operands must be two numbers or two strings.\n"
        + "[line 8] in c()\n[line 5] in b()\n[line 2] in a()\n[line 10] in script\n";
    assertEquals(clox, err());
    assertEquals(clox, error + "\n");
    assertEquals("[line 10] in script", error.trace().get(3).toString());
  }

  @Test
  void errorInMethodAndInitializerNamesThem() {
    RunResult result = interpret(String.join("\n",
        "class Box {",
        "  init(v) { this.v = v; this.check(); }",
        "  check() { return this.v.missing; }",
        "}",
        "Box(1);"));
    assertEquals(
        List.of(new LoxError.Frame(3, "check"), new LoxError.Frame(2, "init"), new LoxError.Frame(5, null)),
        result.runtimeError().trace());
    assertEquals("Only instances have properties.\n[line 3] in check()\n[line 2] in init()\n"
        + "[line 5] in script\n", err());
  }

  // ---- Natives ----

  @Test
  void nativesReceiveJavaValues() {
    List<String> seen = new ArrayList<>();
    lox.defineNative("kinds", args -> {
      for (Object arg : args) {
        seen.add(arg == null ? "null" : arg.getClass().getSimpleName() + ":" + arg);
      }
      return null;
    });
    interpret("print kinds(1.5, true, false, \"h\u00e9\", nil, -0);");
    assertEquals(
        List.of("Double:1.5", "Boolean:true", "Boolean:false", "String:h\u00e9", "null", "Double:-0.0"),
        seen);
    assertEquals("nil\n", out());
  }

  @Test
  void nativesGetAnyNumberOfArguments() {
    lox.defineNative("count", args -> (double) args.length);
    interpret("print count(); print count(1, 2, 3);");
    assertEquals("0\n3\n", out());
  }

  @Test
  void nativeReturnValuesPrintAsLox() {
    lox.defineNative("give", args -> switch (((Double) args[0]).intValue()) {
      case 0 -> 2.5;
      case 1 -> 3;
      case 2 -> 1_000_000L;
      case 3 -> true;
      case 4 -> false;
      case 5 -> null;
      case 6 -> "caf\u00e9 \u2713";
      case 7 -> 0.1f;
      default -> -0.0;
    });
    interpret("for (var i = 0; i < 9; i = i + 1) print give(i);\n"
        + "print give(0) + 1; print give(1) == 3; print give(6) == \"caf\u00e9 \u2713\";"
        + "print !give(5);");
    assertEquals("2.5\n3\n1e+06\ntrue\nfalse\nnil\ncaf\u00e9 \u2713\n0.1\n-0\n3.5\ntrue\ntrue\ntrue\n", out());
  }

  @Test
  void nativeReturnsLoxObjectsItWasGiven() {
    lox.defineNative("id", args -> args[0]);
    interpret("fun f() { return 7; } class C {} var c = C();\n"
        + "print id(f)(); print id(f) == f; print id(c) == c; print id(C); print id(id);");
    assertEquals("7\ntrue\ntrue\nC\n<native fn>\n", out());
  }

  @Test
  void nativesAreGlobalsThatCanBeRedefined() {
    lox.defineNative("v", args -> 1.0);
    interpret("print v(); print v;");
    lox.defineNative("v", args -> 2.0);
    interpret("print v();");
    assertEquals("1\n<native fn>\n2\n", out());
  }

  @Test
  void clockExistsAndIncreases() {
    RunResult result = interpret(
        "var a = clock();\n"
            + "print a >= 0;\n"
            + "var b = clock();\n"
            + "while (b == a) b = clock();\n"
            + "print b > a;\n"
            + "print clock;");
    assertEquals(Status.OK, result.status());
    assertEquals("true\ntrue\n<native fn>\n", out());
  }

  @Test
  void nativeExceptionBecomesRuntimeError() {
    lox.defineNative("fail", args -> {
      throw new IllegalArgumentException("bad argument: " + args[0]);
    });
    RunResult result = interpret("fun f() {\n  return fail(42);\n}\nprint \"before\";\nf();\nprint \"after\";");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals(70, result.exitCode());
    assertEquals(
        new LoxError("bad argument: 42.0",
            List.of(new LoxError.Frame(2, "f"), new LoxError.Frame(5, null))),
        result.runtimeError());
    assertEquals("before\n", out());
    assertEquals("bad argument: 42.0\n[line 2] in f()\n[line 5] in script\n", err());
  }

  @Test
  void nativeExceptionWithoutMessageStillReports() {
    lox.defineNative("npe", args -> ((String) args[0]).length());
    RunResult result = interpret("npe(nil);");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertFalse(result.runtimeError().message().isEmpty());
    assertTrue(err().endsWith("\n[line 1] in script\n"), err());
  }

  @Test
  void nativeCastFailureIsARuntimeError() {
    lox.defineNative("twice", args -> 2 * (Double) args[0]);
    RunResult result = interpret("print twice(2);\nprint twice(\"x\");");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("4\n", out());
    assertTrue(err().endsWith("\n[line 2] in script\n"), err());
  }

  /** Kotlin, Scala or a sneaky throw can raise a checked exception through the interface. */
  @Test
  void nativeCheckedExceptionBecomesRuntimeError() {
    lox.defineNative("io", args -> sneakyThrow(new IOException("disk on fire")));
    RunResult result = interpret("io();");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("disk on fire\n[line 1] in script\n", err());
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> Object sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  @Test
  void nativeErrorMessageIsWrittenAsUtf8() {
    String message = "caf\u00e9 \u2713 \u65e5\u672c";
    lox.defineNative("fail", args -> {
      throw new IllegalStateException(message);
    });
    RunResult result = interpret("fail();");
    assertEquals(message, result.runtimeError().message());
    assertArrayEquals(utf8(message + "\n[line 1] in script\n"), err.toByteArray());
  }

  // ---- Streams and bytes ----

  @Test
  void utf8LiteralPrintsByteExact() {
    byte[] source = utf8("print \"h\u00e9llo \u2713 \u65e5\u672c \uD83D\uDE00\";");
    lox.interpret(source);
    lox.flush();
    assertArrayEquals(utf8("h\u00e9llo \u2713 \u65e5\u672c \uD83D\uDE00\n"), out.toByteArray());
  }

  @Test
  void invalidUtf8PrintsByteExact() {
    byte[] source = {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3,
        '"', ' ', '+', ' ', '"', (byte) 0xa9, (byte) 0x80, '"', ';'};
    RunResult result = lox.interpret(source);
    lox.flush();
    assertEquals(Status.OK, result.status());
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3, (byte) 0xa9, (byte) 0x80, '\n'},
        out.toByteArray());
  }

  @Test
  void stringEqualityIsByteEquality() {
    byte[] source = {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0xc3, '"', ' ', '+', ' ', '"', (byte) 0xa9,
        '"', ' ', '=', '=', ' ', '"', (byte) 0xc3, (byte) 0xa9, '"', ';'};
    lox.interpret(source);
    lox.flush();
    assertEquals("true\n", out());
  }

  @Test
  void compileErrorLexemePrintsByteExact() {
    byte[] source = {'v', 'a', 'r', ' ', '"', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, '"', ';'};
    lox.interpret(source);
    byte[] expected = new byte[] {'[', 'l', 'i', 'n', 'e', ' ', '1', ']', ' ', 'E', 'r', 'r', 'o', 'r',
        ' ', 'a', 't', ' ', '\'', '"', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, '"', '\'', ':', ' '};
    byte[] actual = err.toByteArray();
    byte[] head = java.util.Arrays.copyOf(actual, expected.length);
    assertArrayEquals(expected, head);
    assertEquals("Expect variable name.\n",
        new String(actual, expected.length, actual.length - expected.length, StandardCharsets.ISO_8859_1));
  }

  @Test
  void sourceEndsAtNulByte() {
    byte[] source = {'p', 'r', 'i', 'n', 't', ' ', '1', ';', 0, 'p', 'r', 'i', 'n', 't', ' ', '@'};
    assertEquals(Status.OK, lox.interpret(source).status());
    lox.flush();
    assertEquals("1\n", out());
  }

  @Test
  void flushEachLineWritesEveryLineAtOnce() {
    lox.setFlushEachLine(true);
    lox.defineNative("written", args -> (double) out.size());
    lox.interpret(utf8("print \"ab\"; print written();"));
    lox.flush();
    assertEquals("ab\n3\n", out());
  }

  @Test
  void outputReachesTheStreamByTheEndOfARun() {
    lox.interpret(utf8("for (var i = 0; i < 3000; i = i + 1) print i;"));
    String[] lines = out().split("\n");
    assertEquals(3000, lines.length);
    assertEquals("2999", lines[2999]);
  }

  @Test
  void oneStreamForBothKeepsTheOrderOfOutputAndErrors() {
    ByteArrayOutputStream both = new ByteArrayOutputStream();
    Lox shared = new Lox(both, both);
    shared.interpret(utf8("print \"one\";\nprint \"two\";\nprint nil * 2;"));
    shared.interpret(utf8("print \"three\";"));
    shared.interpret(utf8("print ;"));
    shared.flush();
    assertEquals("one\ntwo\nOperands must be numbers.\n[line 3] in script\nthree\n"
        + "[line 1] Error at ';': Expect expression.\n", both.toString(StandardCharsets.UTF_8));
  }

  // ---- Globals ----

  @Test
  void globalsPersistAcrossInterpretCalls() {
    interpret("var x = 1;");
    interpret("fun inc() { x = x + 1; return x; }");
    interpret("class Counter { get() { return x; } }");
    interpret("inc();");
    interpret("print Counter().get();");
    assertEquals("2\n", out());
  }

  @Test
  void globalsSurviveErrors() {
    interpret("var x = \"kept\";");
    interpret("print x +;");
    interpret("x = x + \" still\"; print -x;");
    interpret("print x;");
    assertEquals("kept still\n", out());
  }

  @Test
  void globalsDoNotLeakBetweenInstances() {
    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
    ByteArrayOutputStream err2 = new ByteArrayOutputStream();
    Lox other = new Lox(out2, err2);
    interpret("var secret = 1;");
    lox.defineNative("hidden", args -> 1.0);
    RunResult result = other.interpret(utf8("print secret;"));
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("Undefined variable 'secret'.\n[line 1] in script\n",
        err2.toString(StandardCharsets.UTF_8));
    assertEquals(Status.RUNTIME_ERROR, other.interpret(utf8("hidden();")).status());
    assertEquals(0, out2.size());
    // And the first is unaffected by the second's definitions.
    other.interpret(utf8("var secret = 2;"));
    interpret("print secret;");
    assertEquals("1\n", out());
  }

  @Test
  void sameScriptOnTwoInstancesHasSeparateGlobals() {
    Script script = Lox.compile(utf8("var n; if (n == nil) n = 0; n = n + 1; print n;")).script();
    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
    Lox other = new Lox(out2, new ByteArrayOutputStream());
    lox.run(script);
    lox.run(script);
    other.run(script);
    lox.flush();
    other.flush();
    // var n; redefines n as nil each run.
    assertEquals("1\n1\n", out());
    assertEquals("1\n", out2.toString(StandardCharsets.UTF_8));
  }

  // ---- Call depth ----

  @Test
  void recursionTenThousandDeep() {
    RunResult result = interpret(
        "fun depth(n) { if (n == 0) return 0; return 1 + depth(n - 1); }\nprint depth(10000);");
    assertEquals(Status.OK, result.status(), err());
    assertEquals("10000\n", out());
  }

  @Test
  void runawayRecursionIsAStackOverflow() {
    RunResult result = interpret("fun dive(n) {\n  return dive(n + 1);\n}\nprint \"start\";\ndive(0);\n");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals(70, result.exitCode());
    LoxError error = result.runtimeError();
    assertEquals("Stack overflow.", error.message());
    assertEquals(new LoxError.Frame(2, "dive"), error.trace().get(0));
    assertEquals(new LoxError.Frame(5, null), error.trace().get(error.trace().size() - 1));
    List<String> lines = err().lines().collect(Collectors.toList());
    assertEquals("Stack overflow.", lines.get(0));
    assertEquals("[line 2] in dive()", lines.get(1), "clox's first trace line");
    assertEquals("[line 5] in script", lines.get(lines.size() - 1));
    // Innermost and outermost 64 calls, and a line saying how many were left out.
    assertEquals(1 + 64 + 1 + 64, lines.size());
    assertTrue(lines.get(65).matches("\\.\\.\\. \\d+ more calls \\.\\.\\."), lines.get(65));
    assertEquals("start\n", out());
    // The VM is usable afterwards.
    interpret("print \"again\";");
    assertEquals("start\nagain\n", out());
  }

  @Test
  void runawayMethodRecursionIsAStackOverflow() {
    RunResult result = interpret("class A {\n  m(a, b, c) { return this.m(a, b, c) + 1; }\n}\nA().m(1, 2, 3);");
    assertEquals("Stack overflow.", result.runtimeError().message());
    assertEquals(new LoxError.Frame(2, "m"), result.runtimeError().trace().get(0));
  }

  @Test
  void runawayRecursionWithWideFramesIsAStackOverflow() {
    // Each frame holds 200 locals: the value stack runs out before the frame count does.
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      body.append("var v").append(i).append(" = ").append(i % 10).append(";\n");
    }
    RunResult result = interpret("fun wide(n) {\n" + body + "return wide(n + 1);\n}\nwide(0);");
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("Stack overflow.", result.runtimeError().message());
    assertEquals(new LoxError.Frame(202, "wide"), result.runtimeError().trace().get(0));
  }
}
