package dev.lox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.lox.api.JitMode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code .lox} program under {@code src/test/lox} in-process and checks it against its
 * comments, with the rules of the book's test runner (tool/bin/test.dart, suite "clox"), as
 * {@code shared/tools/lox-conformance} implements them:
 *
 * <ul>
 *   <li>{@code // expect: TEXT}: the next line of stdout, in order, and nothing more;
 *   <li>{@code // expect runtime error: MSG}: the first stderr line is MSG, the first later stderr
 *       line with {@code [line N]} has N equal to the comment's line; exit code 70;
 *   <li>{@code // Error...}, {@code // [line N] Error...}, {@code // [c line N] Error...}: each is
 *       a compile error {@code [line N] Error...} on stderr; every non-empty stderr line must be
 *       one of them; exit code 65 ({@code // [java line N]} is ignored);
 *   <li>{@code // nontest}: not a test.
 * </ul>
 *
 * <p>Each program runs interpreted and checked against its comments, then with the compiling tier
 * in both of its modes, where it must print the same bytes and exit the same way.
 *
 * <p>Everything is compared as bytes: files and output are decoded as ISO-8859-1, one char per
 * byte, so invalid UTF-8 and NUL bytes match exactly. The {@code lifted/} programs go beyond clox
 * on purpose and must pass here.
 */
class LoxProgramsTest {
  private static final Path ROOT = Path.of("src", "test", "lox");
  /** Folders the book's runner skips for clox (they test jlox-only stages). */
  private static final List<String> SKIPPED_DIRS = List.of("scanning/", "expressions/", "benchmark/");
  private static final long TIMEOUT_SECONDS = 60;

  // UNIX_LINES: only '\n' ends a line, so '.' matches '\r' and U+0085 (byte 0x85) as Python's does.
  private static final Pattern EXPECT_OUTPUT = Pattern.compile("// expect: ?(.*)", Pattern.UNIX_LINES);
  private static final Pattern EXPECT_ERROR = Pattern.compile("// (Error.*)", Pattern.UNIX_LINES);
  private static final Pattern ERROR_LINE =
      Pattern.compile("// \\[((java|c) )?line (\\d+)\\] (Error.*)", Pattern.UNIX_LINES);
  private static final Pattern EXPECT_RUNTIME =
      Pattern.compile("// expect runtime error: (.+)", Pattern.UNIX_LINES);
  private static final Pattern SYNTAX_ERROR =
      Pattern.compile("\\[.*line (\\d+)\\] (Error.+)", Pattern.UNIX_LINES);
  private static final Pattern STACK_TRACE = Pattern.compile("\\[line (\\d+)\\]");
  private static final Pattern NONTEST = Pattern.compile("// nontest");

  /** What a program's comments expect. */
  record Expectations(
      List<ExpectedLine> output, Set<String> errors, String runtimeError, int runtimeLine, int exitCode) {}

  record ExpectedLine(int line, String text) {}

  @TestFactory
  Stream<DynamicTest> programs() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ROOT)) {
      files = walk.filter(p -> p.toString().endsWith(".lox") && Files.isRegularFile(p))
          .sorted()
          .collect(Collectors.toList());
    }
    assertFalse(files.isEmpty(), "no .lox programs found under " + ROOT.toAbsolutePath());
    return files.stream()
        .map(path -> Map.entry(ROOT.relativize(path).toString().replace('\\', '/'), path))
        .filter(e -> SKIPPED_DIRS.stream().noneMatch(e.getKey()::startsWith))
        .map(e -> DynamicTest.dynamicTest(e.getKey(), e.getValue().toUri(), () -> check(e.getKey(), e.getValue())));
  }

  private static void check(String name, Path path) throws Exception {
    byte[] source = Files.readAllBytes(path);
    Expectations expected = parse(source);
    if (expected == null) {
      return; // nontest
    }
    Run run = runInProcess(source, JitMode.OFF);
    List<String> failures = verify(expected, run);
    if (!failures.isEmpty()) {
      fail(name + " failed:\n" + report(failures, expected, run));
    }
    // The compiling tier must be invisible: the same bytes out, the same exit, in every mode.
    for (JitMode mode : List.of(JitMode.ALWAYS, JitMode.AUTO)) {
      Run compiled = runInProcess(source, mode);
      assertEquals(run, compiled, name + " with --jit=" + mode.optionName());
    }
  }

  // ---- The checker itself, so that a lenient checker cannot pass everything ----

  private static Expectations expect(String source) {
    return parse(source.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void checkerParsesEveryKindOfComment() {
    Expectations e = expect(String.join("\n",
        "print 1; // expect: 1",
        "print \"\"; // expect:",
        "a; // Error at 'a': oops",
        "// [line 7] Error at end: late",
        "// [c line 8] Error: c only",
        "// [java line 9] Error: ignored",
        "x; // expect runtime error: Bad thing."));
    assertEquals(List.of(new ExpectedLine(1, "1"), new ExpectedLine(2, "")), e.output());
    assertEquals(Set.of("[3] Error at 'a': oops", "[7] Error at end: late", "[8] Error: c only"), e.errors());
    assertEquals("Bad thing.", e.runtimeError());
    assertEquals(7, e.runtimeLine());
    assertNull(expect("print 1; // expect: 1\n// nontest\n"));
  }

  @Test
  void checkerPassesAMatchingRun() {
    Expectations e = expect("print 1; // expect: 1\nprint 2; // expect: 2\n");
    assertEquals(List.of(), verify(e, new Run(List.of("1", "2"), List.of(), 0, null)));
  }

  @Test
  void checkerReportsOutputDifferences() {
    Expectations e = expect("print 1; // expect: 1\nprint 2; // expect: 2\n");
    assertEquals(List.of("line 2: expected '2', got '3'"),
        verify(e, new Run(List.of("1", "3"), List.of(), 0, null)));
    assertEquals(List.of("line 2: missing expected output '2'"),
        verify(e, new Run(List.of("1"), List.of(), 0, null)));
    assertEquals(List.of("unexpected output '4'"),
        verify(e, new Run(List.of("1", "2", "4"), List.of(), 0, null)));
    assertEquals(List.of("expected exit code 0, got 70"),
        verify(e, new Run(List.of("1", "2"), List.of(), 70, null)));
  }

  @Test
  void checkerReportsRuntimeErrorDifferences() {
    Expectations e = expect("\nnil(); // expect runtime error: Can only call functions and classes.\n");
    assertEquals(List.of(), verify(e, new Run(List.of(),
        List.of("Can only call functions and classes.", "[line 2] in script"), 70, null)));
    assertEquals(List.of("expected runtime error on line 2, got 3"), verify(e, new Run(List.of(),
        List.of("Can only call functions and classes.", "[line 3] in script"), 70, null)));
    assertEquals(List.of("expected runtime error 'Can only call functions and classes.' and got 'Other.'"),
        verify(e, new Run(List.of(), List.of("Other.", "[line 2] in script"), 70, null)));
    assertEquals(
        List.of("expected runtime error 'Can only call functions and classes.' and got none",
            "expected exit code 70, got 0"),
        verify(e, new Run(List.of(), List.of(), 0, null)));
  }

  @Test
  void checkerReportsCompileErrorDifferences() {
    Expectations e = expect("print; // Error at ';': Expect expression.\n");
    assertEquals(List.of(), verify(e, new Run(List.of(),
        List.of("[line 1] Error at ';': Expect expression."), 65, null)));
    assertEquals(List.of("unexpected stderr: [line 2] Error: Extra.",
            "missing expected error: [1] Error at ';': Expect expression."),
        verify(e, new Run(List.of(), List.of("[line 2] Error: Extra."), 65, null)));
    assertEquals(List.of("missing expected error: [1] Error at ';': Expect expression.",
            "expected exit code 65, got 0"),
        verify(e, new Run(List.of(), List.of(), 0, null)));
  }

  @Test
  void checkerComparesBytes() {
    byte[] source = {'p', 'r', 'i', 'n', 't', ' ', '"', (byte) 0x85, (byte) 0xff, '"', ';', ' ', '/', '/',
        ' ', 'e', 'x', 'p', 'e', 'c', 't', ':', ' ', (byte) 0x85, (byte) 0xff};
    Expectations e = parse(source);
    assertEquals(List.of(new ExpectedLine(1, "\u0085\u00ff")), e.output());
    assertEquals(List.of("line 1: expected '\u0085\u00ff', got '\u0085\u00fe'"),
        verify(e, new Run(List.of("\u0085\u00fe"), List.of(), 0, null)));
  }

  /** Parses the expectations; {@code null} for a {@code // nontest} file. */
  static Expectations parse(byte[] source) {
    // Python's text mode reads with universal newlines: "\r\n" and "\r" both end a line.
    String text = latin1(source).replace("\r\n", "\n").replace('\r', '\n');
    String[] lines = text.split("\n", -1);
    List<ExpectedLine> output = new ArrayList<>();
    Set<String> errors = new LinkedHashSet<>();
    String runtimeError = null;
    int runtimeLine = 0;
    int exitCode = 0;
    for (int i = 0; i < lines.length; i++) {
      int n = i + 1;
      String line = lines[i];
      if (NONTEST.matcher(line).find()) {
        return null;
      }
      Matcher m = EXPECT_OUTPUT.matcher(line);
      if (m.find()) {
        output.add(new ExpectedLine(n, m.group(1)));
        continue;
      }
      m = EXPECT_ERROR.matcher(line);
      if (m.find()) {
        errors.add("[" + n + "] " + m.group(1));
        exitCode = 65;
        continue;
      }
      m = ERROR_LINE.matcher(line);
      if (m.find()) {
        if (m.group(2) == null || m.group(2).equals("c")) {
          errors.add("[" + m.group(3) + "] " + m.group(4));
          exitCode = 65;
        }
        continue;
      }
      m = EXPECT_RUNTIME.matcher(line);
      if (m.find()) {
        runtimeError = m.group(1);
        runtimeLine = n;
        exitCode = 70;
      }
    }
    return new Expectations(output, errors, runtimeError, runtimeLine, exitCode);
  }

  /** What one run printed and returned. */
  record Run(List<String> stdout, List<String> stderr, int exitCode, Throwable thrown) {}

  private static Run runInProcess(byte[] source, JitMode jit) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err, jit);
    int[] exit = {-1};
    Throwable[] thrown = new Throwable[1];
    Thread runner = new Thread(() -> {
      try {
        exit[0] = lox.interpret(source).exitCode();
        lox.flush();
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, "lox-program");
    runner.start();
    runner.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    if (runner.isAlive()) {
      lox.stop();
      runner.join(TimeUnit.SECONDS.toMillis(5));
      fail("timed out after " + TIMEOUT_SECONDS + " s");
    }
    return new Run(lines(out.toByteArray()), lines(err.toByteArray()), exit[0], thrown[0]);
  }

  /** Output split as the reference runner splits it: CRLF folded, one trailing empty line dropped. */
  private static List<String> lines(byte[] bytes) {
    List<String> lines =
        new ArrayList<>(Arrays.asList(latin1(bytes).replace("\r\n", "\n").split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  static List<String> verify(Expectations expected, Run run) {
    List<String> fails = new ArrayList<>();
    if (run.thrown() != null) {
      StringWriter trace = new StringWriter();
      run.thrown().printStackTrace(new PrintWriter(trace));
      fails.add("the VM threw " + trace);
    }
    List<String> stderr = run.stderr();
    if (expected.runtimeError() != null) {
      if (stderr.size() < 2) {
        fails.add("expected runtime error '" + expected.runtimeError() + "' and got none");
      } else {
        if (!stderr.get(0).equals(expected.runtimeError())) {
          fails.add("expected runtime error '" + expected.runtimeError() + "' and got '"
              + stderr.get(0) + "'");
        }
        Integer traceLine = null;
        for (String l : stderr.subList(1, stderr.size())) {
          Matcher m = STACK_TRACE.matcher(l);
          if (m.find()) {
            traceLine = Integer.parseInt(m.group(1));
            break;
          }
        }
        if (traceLine == null) {
          fails.add("expected a stack trace line '[line N]'");
        } else if (traceLine != expected.runtimeLine()) {
          fails.add("expected runtime error on line " + expected.runtimeLine() + ", got " + traceLine);
        }
      }
    } else {
      Set<String> found = new TreeSet<>();
      for (String l : stderr) {
        Matcher m = SYNTAX_ERROR.matcher(l);
        String key = m.find() ? "[" + m.group(1) + "] " + m.group(2) : null;
        if (key != null && expected.errors().contains(key)) {
          found.add(key);
        } else if (!l.isEmpty()) {
          fails.add("unexpected stderr: " + l);
        }
      }
      for (String e : new TreeSet<>(expected.errors())) {
        if (!found.contains(e)) {
          fails.add("missing expected error: " + e);
        }
      }
    }
    if (run.exitCode() != expected.exitCode()) {
      fails.add("expected exit code " + expected.exitCode() + ", got " + run.exitCode());
    }
    List<String> stdout = run.stdout();
    List<ExpectedLine> out = expected.output();
    for (int i = 0; i < stdout.size(); i++) {
      if (i >= out.size()) {
        fails.add("unexpected output '" + stdout.get(i) + "'");
      } else if (!out.get(i).text().equals(stdout.get(i))) {
        fails.add("line " + out.get(i).line() + ": expected '" + out.get(i).text() + "', got '"
            + stdout.get(i) + "'");
      }
    }
    for (ExpectedLine missing : out.subList(Math.min(stdout.size(), out.size()), out.size())) {
      fails.add("line " + missing.line() + ": missing expected output '" + missing.text() + "'");
    }
    return fails;
  }

  private static String report(List<String> failures, Expectations expected, Run run) {
    StringBuilder text = new StringBuilder();
    failures.stream().limit(20).forEach(f -> text.append(f).append('\n'));
    if (failures.size() > 20) {
      text.append("... and ").append(failures.size() - 20).append(" more\n");
    }
    text.append("--- expected stdout (").append(expected.output().size()).append(" lines)\n");
    expected.output().stream().limit(40).forEach(l -> text.append(printable(l.text())).append('\n'));
    text.append("--- actual stdout (").append(run.stdout().size()).append(" lines)\n");
    run.stdout().stream().limit(40).forEach(l -> text.append(printable(l)).append('\n'));
    text.append("--- actual stderr (exit ").append(run.exitCode()).append(")\n");
    run.stderr().stream().limit(20).forEach(l -> text.append(printable(l)).append('\n'));
    return text.toString();
  }

  /** A line with bytes outside printable ASCII written as \xNN, so failures read clearly. */
  private static String printable(String latin1) {
    StringBuilder text = new StringBuilder();
    for (char c : latin1.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        text.append(c);
      } else {
        text.append(String.format("\\x%02x", (int) c));
      }
    }
    return text.toString();
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
