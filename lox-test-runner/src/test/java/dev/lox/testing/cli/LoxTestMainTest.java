package dev.lox.testing.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.JitMode;
import dev.lox.testing.Fixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoxTestMainTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    String[] withHistory = new String[args.length + 2];
    withHistory[0] = "--history";
    withHistory[1] = dir.resolve("history").toString();
    System.arraycopy(args, 0, withHistory, 2, args.length);
    return LoxTestMain.execute(withHistory, new PrintWriter(out), new PrintWriter(err));
  }

  /** What was printed, times and the temporary directory's name made stable. */
  private String shown() {
    return out.toString()
        .replaceAll("Time elapsed: \\d+\\.\\d{3} s", "Time elapsed: T s")
        .replaceAll("\\((\\d+)\\.\\d{3} s\\)", "(T s)")
        .replace(" -- in " + dir.getFileName(), " -- in DIR");
  }

  @Test
  void passingTests_aLineForTheirDirectory_thenTheSummary_exitZero() {
    int code = run(Fixtures.fixtures().resolve("passing").toString());

    assertEquals(0, code, err.toString());
    assertEquals(
        "Tests run: 7, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: T s -- in passing\n"
            + "\nTests run: 7, Failures: 0, Errors: 0, Skipped: 0\n",
        shown());
    assertEquals("", err.toString());
  }

  @Test
  void failingTests_aBlockEach_summaryLast_exitOne() {
    int code = run("--timeout", "1", Fixtures.fixtures().resolve("failing").toString());

    assertEquals(1, code);
    String printed = out.toString();
    assertTrue(printed.contains("FAIL " + Fixtures.fixtures().resolve("failing/wrong_output.lox:1\n")), printed);
    assertTrue(printed.contains("FAIL " + Fixtures.fixtures().resolve("failing/missing_output.lox:2\n")), printed);
    assertTrue(printed.contains("  line 1: expected '3', got '2'\n"), printed);
    assertTrue(printed.contains("ERROR " + Fixtures.fixtures().resolve("failing/timeout.lox")), printed);
    assertTrue(printed.endsWith("\nTests run: 10, Failures: 6, Errors: 4, Skipped: 0\n"), printed);
  }

  @Test
  void progress_aLineForEachDirectoryAfterItsTests_neverInterleaved_evenInParallel() throws IOException {
    for (String directory : new String[] {"a", "b", "b/c", "d"}) {
      for (int i = 0; i < 6; i++) {
        write("suite/" + directory + "/t" + i + ".lox",
            i == 2 ? "print 1; // expect: 2\n" : "print " + i + "; // expect: " + i + "\n");
      }
    }
    write("suite/d/note.lox", "// nontest\n");

    int code = run("-j", "4", dir.resolve("suite").toString());

    assertEquals(1, code, err.toString());
    List<String> lines = shown().lines().toList();
    for (String suite : new String[] {"suite.a", "suite.b", "suite.b.c", "suite.d"}) {
      String line = "Tests run: 6, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: T s <<< FAILURE! -- in " + suite;
      assertEquals(1, lines.stream().filter(line::equals).count(), suite + ":\n" + out);
      String directory = dir.resolve("suite").resolve(suite.substring("suite.".length()).replace('.', '/')) + "/";
      int failedAt = lines.indexOf("FAIL " + directory + "t2.lox:1");
      assertTrue(failedAt >= 0 && failedAt < lines.indexOf(line), suite + ":\n" + out);
    }
    // Only whole blocks: each line is a failure's, a directory's, or the summary.
    for (String line : lines) {
      assertTrue(line.isEmpty() || line.startsWith("FAIL ") || line.startsWith("  ")
          || line.startsWith("Tests run: "), "a stray line '" + line + "' in:\n" + out);
    }
    assertTrue(shown().endsWith("\n\nTests run: 24, Failures: 4, Errors: 0, Skipped: 0\n"), out.toString());
  }

  @Test
  void verbose_aLineForEveryTest() throws IOException {
    Path good = write("v/good.lox", "print 1; // expect: 1\n");
    Path bad = write("v/bad.lox", "print 1;\nprint 1; // expect: 2\n");

    assertEquals(1, run("--verbose", dir.resolve("v").toString()));

    String printed = shown();
    assertTrue(printed.contains("PASS " + good + " (T s)\n"), printed);
    assertTrue(printed.contains("FAIL " + bad + ":2\n"), printed);
    assertTrue(printed.contains("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: T s <<< FAILURE! -- in v\n"), printed);
  }

  @Test
  void suitePrefix_namesTheSuitesLinesAndReports() throws IOException {
    write("p/money/total.lox", "print 1; // expect: 1\n");
    Path reports = dir.resolve("reports");

    assertEquals(0, run("--suite-prefix", "com.example.app", "--reports", reports.toString(),
        dir.resolve("p").toString()), err.toString());

    assertTrue(shown().contains("-- in com.example.app.money\n"), shown());
    assertTrue(java.nio.file.Files.isRegularFile(reports.resolve("TEST-com.example.app.money.xml")));
  }

  @Test
  void fork_runsInAChildJvm_withTheSameLinesAndSummary() throws IOException {
    write("f/good.lox", "print 1; // expect: 1\n");
    write("f/bad.lox", "print 1;\nprint 1; // expect: 2\n");

    assertEquals(1, run("--fork", "--arg-line", "-Xmx64m", dir.resolve("f").toString()), err.toString());

    assertTrue(out.toString().contains("FAIL " + dir.resolve("f/bad.lox") + ":2\n"), out.toString());
    assertTrue(out.toString().endsWith("\nTests run: 2, Failures: 1, Errors: 0, Skipped: 0\n"), out.toString());
  }

  @Test
  void argLineWithoutFork_isBadUsage() {
    assertEquals(64, run("--arg-line", "-Xmx64m", dir.toString()));
    assertEquals("lox-test: --arg-line applies only to tests run in a forked JVM (see --help)\n",
        err.toString());
  }

  @Test
  void maxFailures_skippedCountInSummary() {
    int code =
        run("-j", "1", "--max-failures", "1", "--filter", "*output*", Fixtures.fixtures().resolve("failing").toString());

    assertEquals(1, code);
    assertTrue(out.toString().endsWith("Tests run: 3, Failures: 1, Errors: 0, Skipped: 2\n"), out.toString());
  }

  @Test
  void filter_listsExclusionsAndRepeats_addUp() {
    int code = run("--filter", "wrong_*, !wrong_line", "--filter", "missing_output",
        Fixtures.fixtures().resolve("failing").toString());

    assertEquals(1, code);
    assertTrue(out.toString().endsWith("\nTests run: 4, Failures: 3, Errors: 1, Skipped: 0\n"), out.toString());
  }

  @Test
  void badSetting_namedByItsOption() {
    assertEquals(64, run("--timeout", "0", "--jobs", "0", "x.lox"));
    assertEquals(
        "lox-test: --jobs must be at least 1 (a whole number), not '0' (see --help)\n"
            + "lox-test: --timeout must be a number of seconds above 0, not '0' (see --help)\n",
        err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void jit_everyModeRunsTheTestsAlike() {
    for (String mode : new String[] {"off", "auto", "always"}) {
      out.getBuffer().setLength(0);
      int code = run("--jit", mode, Fixtures.fixtures().resolve("passing").toString());

      assertEquals(0, code, mode + ": " + err);
      assertTrue(shown().endsWith("-- in passing\n\nTests run: 7, Failures: 0, Errors: 0, Skipped: 0\n"), mode + ": " + out);
    }
  }

  @Test
  void jit_takesItsValueIntoTheRequest() {
    LoxTestCommand command = new LoxTestCommand(new PrintWriter(out), new PrintWriter(err));
    new picocli.CommandLine(command).parseArgs("--jit=always", "x.lox");

    assertEquals(JitMode.ALWAYS, command.request().jit());
  }

  @Test
  void jit_badMode_namedByItsOption() {
    assertEquals(64, run("--jit", "fast", "x.lox"));
    assertEquals("lox-test: --jit must be off, auto or always, not 'fast' (see --help)\n", err.toString());
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  @Test
  void lib_testsCallTheLibrarysFunctionsAndClasses() throws IOException {
    write("lib/b_shapes/square.lox", "class Square < Shape { init(s) { this.s = s; } area() { return this.s * this.s; } }\n");
    write("lib/a_shape.lox", "class Shape { describe() { return \"area \" + str(this.area()); } }\n");
    write("lib/a_str.lox", "fun str(n) { if (n == 9) return \"nine\"; return \"?\"; }\n");
    write("tests/square_test.lox", "print Square(3).describe(); // expect: area nine\n");
    write("tests/plain_test.lox", "print 1; // expect: 1\n");

    int code = run("--lib", dir.resolve("lib").toString(), dir.resolve("tests").toString());

    assertEquals(0, code, out + "" + err);
    assertEquals(
        "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: T s -- in tests\n"
            + "\nTests run: 2, Failures: 0, Errors: 0, Skipped: 0\n",
        shown());
  }

  @Test
  void lib_aCompileErrorIsReportedOnceWithFileAndLine_andNoTestRuns() throws IOException {
    Path lib = write("lib/bad.lox", "fun f() {\n  return 1 +;\n}\n");
    write("tests/a_test.lox", "print 1; // expect: 1\n");
    write("tests/b_test.lox", "print 2; // expect: 2\n");

    int code = run("--lib", lib.toString(), dir.resolve("tests").toString());

    assertEquals(64, code);
    assertEquals("", out.toString());
    assertEquals("lox-test: " + lib + ":[line 2] Error at ';': Expect expression.\n", err.toString());
  }

  @Test
  void lib_aRuntimeErrorWhileLoadingIsReportedOnce() throws IOException {
    Path lib = write("lib/bad.lox", "var x = nil;\nx.y = 1;\n");
    write("tests/a_test.lox", "print 1; // expect: 1\n");
    write("tests/b_test.lox", "print 2; // expect: 2\n");

    assertEquals(64, run("--lib", lib.toString(), dir.resolve("tests").toString()));
    assertEquals("lox-test: " + lib + ": runtime error while loading the library:\n"
        + "Only instances have fields.\n[line 2] in script\n", err.toString());
  }

  @Test
  void lib_missingOrWithAnInterpreter_isABadSetting() {
    assertEquals(64, run("--lib", dir.resolve("nope").toString(), "x.lox"));
    assertEquals(64, run("--lib", dir.toString(), "--interpreter", "clox", "x.lox"));
    assertEquals("lox-test: --lib: no such library file or directory: " + dir.resolve("nope") + " (see --help)\n"
        + "lox-test: --lib cannot go with an external interpreter (see --help)\n", err.toString());
  }

  @Test
  void reports_written() {
    Path reports = dir.resolve("reports");

    run("--reports", reports.toString(), Fixtures.fixtures().resolve("passing").toString());

    assertTrue(Files.isRegularFile(reports.resolve("TEST-passing.xml")));
  }

  @Test
  void badUsage_oneLine_exit64_noStackTrace() {
    assertEquals(64, run("--jobs", "two", "x.lox"));
    assertEquals(64, run(dir.resolve("missing.lox").toString()));
    assertEquals(64, run("--interpreter", "'unbalanced", "x.lox"));
    assertEquals(64, run("--update-errors", "x.lox"));
    assertEquals(64, run());
    String[] lines = err.toString().split("\n");
    assertEquals(5, lines.length, err.toString());
    for (String line : lines) {
      assertTrue(line.startsWith("lox-test: "), line);
    }
    assertEquals("lox-test: no such file or directory: " + dir.resolve("missing.lox"), lines[1]);
  }

  @Test
  void update_reportsWhatChanged() throws IOException {
    Path test = dir.resolve("t.lox");
    Files.writeString(test, "print 1; // expect: 2\n");

    int code = run("--update", test.toString());

    assertEquals(0, code);
    assertEquals("UPDATED " + test + "\n  line 1: 'print 1; // expect: 1'\n\n"
        + "Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: T s -- in DIR\n"
        + "\nTests run: 1, Failures: 0, Errors: 0, Skipped: 0\n", shown());
  }

  @Test
  void maxOutput_capsEachStream_andTheFailureSaysHowMuch() throws IOException {
    Path test = write("chatty.lox", "print \"0123456789\"; // expect: 0123456789\n");

    assertEquals(0, run("--max-output", "11", test.toString()), out + "" + err);
    assertEquals(1, run("--max-output", "10", test.toString()));

    assertTrue(out.toString().contains("wrote more than 10 bytes of output (stopped)"), out.toString());
  }

  @Test
  void maxOutput_badValue_namedByItsOption() {
    assertEquals(64, run("--max-output", "lots", "x.lox"));
    assertEquals("lox-test: --max-output must be a whole number of bytes from 1 to 1073741824 (1 GiB),"
        + " not 'lots' (see --help)\n", err.toString());
  }

  @Test
  void maxOutput_inTheHelp() {
    assertEquals(0, LoxTestMain.execute(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(err)));
    assertTrue(out.toString().contains("--max-output=BYTES"), out.toString());
  }

  @Test
  void aNamedPipe_isNotARegularFile_notMissing() throws Exception {
    Path fifo = dir.resolve("ff.lox");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    assertEquals(64, run(fifo.toString()));
    assertEquals("lox-test: not a regular file or directory: " + fifo + "\n", err.toString());
  }

  @Test
  void update_anExpectationLookalikeInAString_isLeftAlone_andTheFileStillPasses() throws IOException {
    Path test = write("t.lox", "print \"x // expect: y\"; // expect: old\n");

    assertEquals(0, run("--update", test.toString()), out + "" + err);
    assertEquals("print \"x // expect: y\"; // expect: x // expect: y\n", Files.readString(test));

    out.getBuffer().setLength(0);
    assertEquals(0, run(test.toString()), out.toString());
    assertTrue(shown().endsWith("-- in DIR\n\nTests run: 1, Failures: 0, Errors: 0, Skipped: 0\n"), out.toString());
  }

  @Test
  void update_thatWouldPutACommentInsideAString_isRefused_fileUntouched_testFails() throws IOException {
    String source = "print nil + 1; var s = \"a\nb\";\n";
    Path test = write("t.lox", source);

    assertEquals(1, run("--update", "--update-errors", test.toString()));

    assertEquals(source, Files.readString(test));
    // An unexpected runtime error: an error, not a failure.
    assertTrue(out.toString().endsWith("Tests run: 1, Failures: 0, Errors: 1, Skipped: 0\n"), out.toString());
    assertTrue(out.toString().contains("would change the program"), out.toString());
  }
}
