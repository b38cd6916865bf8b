package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lox} command, run in-process: exit codes and output as clox gives them. */
class LoxMainTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int lox(byte[] stdin, String... args) {
    return LoxMain.run(args, new ByteArrayInputStream(stdin), out, err);
  }

  private int lox(String... args) {
    return lox(new byte[0], args);
  }

  private int repl(String stdin) {
    return lox(stdin.getBytes(StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String file(String name, String source) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, source, StandardCharsets.UTF_8);
    return path.toString();
  }

  // ---- Libraries (--lib) ----

  @Test
  void librariesLoadInOrderIntoTheProgramsGlobals() throws IOException {
    Files.createDirectories(dir.resolve("lib/shapes"));
    file("lib/b_math.lox", "fun twice(n) { return 2 * n; }\n");
    file("lib/a_base.lox", "class Shape { area() { return 0; } }\n");
    file("lib/shapes/square.lox", "class Square < Shape { init(s) { this.s = s; } area() { return twice(this.s) * this.s / 2; } }\n");
    String extra = file("extra.lox", "var answer = twice(21);\n");
    String main = file("main.lox", "print Square(3).area();\nprint answer;\n");
    assertEquals(0, lox("--lib", dir.resolve("lib").toString(), "--lib=" + extra, main), err());
    assertEquals("9\n42\n", out());
  }

  @Test
  void aDirectoryLoadsSortedByPath() throws IOException {
    Files.createDirectories(dir.resolve("lib/m"));
    file("lib/z.lox", "order = order + \"z\";\n");
    file("lib/m/x.lox", "order = order + \"mx\";\n");
    file("lib/a.lox", "var order = \"a\";\n");
    file("lib/notes.txt", "not lox");
    assertEquals(0, lox("--lib", dir.resolve("lib").toString(), file("main.lox", "print order;\n")), err());
    assertEquals("amxz\n", out());
  }

  @Test
  void aCompileErrorInALibraryNamesItsFileAndLineAndNothingRuns() throws IOException {
    String lib = file("lib.lox", "fun f() {\n  return 1 +;\n}\n");
    assertEquals(65, lox("--lib", lib, file("main.lox", "print \"never\";\n")));
    assertEquals("", out());
    assertEquals(lib + ":[line 2] Error at ';': Expect expression.\n", err());
  }

  @Test
  void aRuntimeErrorInALibraryIsReportedUnderItsNameAndTheProgramDoesNotRun() throws IOException {
    String lib = file("lib.lox", "var x = 1;\nprint x + nil;\n");
    assertEquals(70, lox("--lib", lib, file("main.lox", "print \"never\";\n")));
    assertEquals("", out());
    assertEquals(lib + ": runtime error while loading the library:\n"
        + "Operands must be two numbers or two strings.\n[line 2] in script\n", err());
  }

  @Test
  void theProgramsOwnErrorsAreAsWithoutLibraries() throws IOException {
    String lib = file("lib.lox", "fun f() { return nil + 1; }\n");
    assertEquals(70, lox("--lib", lib, file("main.lox", "print 1;\nf();\n")));
    assertEquals("1\n", out());
    assertEquals("Operands must be two numbers or two strings.\n[line 1] in f()\n[line 2] in script\n", err());
  }

  @Test
  void chunkLibrariesAreVerifiedAndRun() throws IOException {
    Path chunk = dir.resolve("lib.loxc");
    Files.write(chunk, dev.lox.Lox.compile("fun hi() { return \"hi\"; }".getBytes(StandardCharsets.UTF_8)).script().toBytes());
    assertEquals(0, lox("--lib", chunk.toString(), file("main.lox", "print hi();\n")), err());
    assertEquals("hi\n", out());
  }

  @Test
  void badLibraryUsage() throws IOException {
    assertEquals(64, lox("--lib"));
    assertEquals(64, lox("--lib", "x.lox"));
    assertEquals(74, lox("--lib", dir.resolve("missing").toString(), file("main.lox", "print 1;")));
    assertTrue(err().endsWith("lox: no such library file or directory: " + dir.resolve("missing") + "\n"), err());
    assertEquals("", out());
  }

  // ---- Running a file ----

  @Test
  void runsAFile() throws IOException {
    assertEquals(0, lox(file("ok.lox", "var a = \"h\u00e9\";\nprint a + \"llo\";\nprint 1 / 3;\n")));
    assertEquals("h\u00e9llo\n0.333333\n", out());
    assertEquals("", err());
  }

  @Test
  void compileErrorExits65() throws IOException {
    assertEquals(65, lox(file("bad.lox", "print 1;\nprint 1 +;\n")));
    assertEquals("", out());
    assertEquals("[line 2] Error at ';': Expect expression.\n", err());
  }

  @Test
  void runtimeErrorExits70() throws IOException {
    assertEquals(70, lox(file("boom.lox", "print \"before\";\nfun f() {\n  return -nil;\n}\nf();\n")));
    assertEquals("before\n", out());
    assertEquals("Operand must be a number.\n[line 3] in f()\n[line 5] in script\n", err());
  }

  @Test
  void fileBytesAreRunAsTheyAre() throws IOException {
    Path path = dir.resolve("bytes.lox");
    Files.write(path, new byte[] {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0xff, (byte) 0xc3, '"', ';',
        '\n', 0, 'x'});
    assertEquals(0, lox(path.toString()));
    assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xc3, '\n'}, out.toByteArray());
  }

  @Test
  void missingFileExits74NamingIt() {
    String missing = dir.resolve("no-such-file.lox").toString();
    assertEquals(74, lox(missing));
    assertTrue(err().contains("\"" + missing + "\""), err());
    assertEquals("", out());
  }

  @Test
  void directoryExits74() {
    assertEquals(74, lox(dir.toString()));
    assertTrue(err().contains(dir.toString()), err());
    assertEquals("", out());
  }

  // ---- Usage ----

  @Test
  void twoArgumentsAreAUsageError() throws IOException {
    String path = file("a.lox", "print 1;");
    assertEquals(64, lox(path, path));
    assertEquals("Usage: lox [--jit=off|auto|always] [path]\n", err());
    assertEquals("", out(), "nothing runs");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(64, lox("-x"));
    assertEquals("Usage: lox [--jit=off|auto|always] [path]\n", err());
    err.reset();
    assertEquals(64, lox("--bogus"));
    assertEquals("Usage: lox [--jit=off|auto|always] [path]\n", err());
  }

  @Test
  void jitModeIsAnOptionBeforeThePath() throws IOException {
    String path = file("a.lox", "fun f(n) { return n + 1; } print f(1);");
    for (String mode : new String[] {"off", "auto", "always"}) {
      out.reset();
      assertEquals(0, lox("--jit=" + mode, path), mode);
      assertEquals("2\n", out(), mode);
    }
    assertEquals(64, lox("--jit=fast", path));
    assertEquals("lox: --jit takes off, auto or always, not 'fast'\n"
        + "Usage: lox [--jit=off|auto|always] [path]\n", err());
  }

  @Test
  void help() {
    assertEquals(0, lox("--help"));
    assertTrue(out().startsWith("Usage: lox [--jit=off|auto|always] [path]\n"), out());
    assertEquals("", err());
    out.reset();
    assertEquals(0, lox("-h"));
    assertTrue(out().startsWith("Usage: lox [--jit=off|auto|always] [path]\n"), out());
  }

  @Test
  void version() {
    assertEquals(0, lox("--version"));
    assertTrue(out().matches("lox \\S+\n"), out());
    assertEquals("", err());
  }

  // ---- The REPL ----

  @Test
  void replLinesShareGlobals() {
    assertEquals(0, repl("var a = 1;\nfun twice(x) { return 2 * x; }\nprint twice(a);\n"));
    assertEquals("> > > 2\n> \n", out());
    assertEquals("", err());
  }

  @Test
  void replGoesOnAfterErrorsAsClox() {
    // Byte for byte what clox prints for this session.
    int exit = repl("var a = 1;\nprint a;\nprint ;\nprint a + 1;\nprint nil + 1;\nprint a;");
    assertEquals(0, exit);
    assertEquals("> > 1\n> > 2\n> > 1\n> \n", out());
    assertEquals("[line 1] Error at ';': Expect expression.\n"
        + "Operands must be two numbers or two strings.\n[line 1] in script\n", err());
  }

  @Test
  void replEndsAtEndOfInput() {
    assertEquals(0, repl(""));
    assertEquals("> \n", out());
    assertEquals("", err());
  }

  @Test
  void replEachLineIsItsOwnProgram() {
    // A statement cannot span lines: each line is compiled alone, with its newline, so the end
    // of "print\n" is on line 2 (as in clox).
    assertEquals(0, repl("print\n1;\n"));
    assertEquals("> > > \n", out());
    assertEquals("[line 2] Error at end: Expect expression.\n", err());
  }

  @Test
  void replPrintsBytesExactly() {
    byte[] stdin = {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0xe2, (byte) 0x9c, (byte) 0x93, (byte) 0xff,
        '"', ';', '\n'};
    assertEquals(0, lox(stdin));
    assertArrayEquals(new byte[] {'>', ' ', (byte) 0xe2, (byte) 0x9c, (byte) 0x93, (byte) 0xff, '\n',
        '>', ' ', '\n'}, out.toByteArray());
  }

  @Test
  void replSurvivesStackOverflow() {
    assertEquals(0, repl("fun f() { f(); }\nf();\nprint \"alive\";\n"));
    assertTrue(out().endsWith("> alive\n> \n"), out());
    assertTrue(err().startsWith("Stack overflow.\n[line 1] in f()\n"), err());
  }
}
