package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lox.testing.exec.Execution;
import dev.lox.testing.exec.ForkedExecutor;
import dev.lox.testing.expect.Failure;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tests that exhaust the heap: in the runner's JVM (a small one, forked here) they are their own
 * errors and the tests beside them pass; with {@code fork}, they run in a child JVM with its own
 * heap, and the caller's is never at risk.
 */
class IsolationTest {
  /** Grows a linked list without end: every node stays reachable. */
  private static final String LIST_HOG = """
      class Node { init(next) { this.next = next; this.pad = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; } }
      var head = nil;
      while (true) { head = Node(head); }
      print "never"; // expect: done
      """;

  /** Doubles a string without end. */
  private static final String STRING_HOG = "var s = \"x\";\nwhile (true) { s = s + s; }\n";

  @TempDir Path dir;

  private void writeTests() throws IOException {
    Files.writeString(dir.resolve("hog.lox"), LIST_HOG);
    Files.writeString(dir.resolve("string_hog.lox"), STRING_HOG);
    Files.createDirectories(dir.resolve("ok"));
    for (int i = 1; i <= 6; i++) {
      // Each allocates a little, so that it would feel a heap another test used up.
      Files.writeString(dir.resolve("ok/ok" + i + ".lox"),
          "var s = \"\";\nfor (var i = 0; i < 2000; i = i + 1) s = s + \"x\";\nprint " + i
              + "; // expect: " + i + "\n");
    }
  }

  @Test
  void inProcess_aTestThatExhaustsTheHeap_isThatTestsError_theOthersRunAndPass() throws Exception {
    String runtime = System.getProperty("lox.runtime.classpath", "");
    assumeTrue(!runtime.isEmpty(), "run by Maven, which says where the runner's classes are");
    writeTests();
    List<String> command = new ArrayList<>(List.of(
        ForkedExecutor.currentJava().toString(), "-Xmx64m", "-XX:+UseSerialGC", "-cp",
        String.join(File.pathSeparator, Arrays.asList(runtime.split(","))),
        "dev.lox.testing.cli.LoxTestMain", "--no-history", "-j", "4", "--timeout", "60",
        dir.toString()));
    Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(run.waitFor(3, TimeUnit.MINUTES), output);

    assertEquals(1, run.exitValue(), output);
    assertTrue(output.contains("\nTests run: 8, Failures: 0, Errors: 2, Skipped: 0\n"), output);
    assertTrue(output.contains("ERROR " + dir.resolve("hog.lox")), output);
    assertTrue(output.contains("ERROR " + dir.resolve("string_hog.lox")), output);
    assertFalse(output.contains("ERROR " + dir.resolve("ok")), output);
  }

  @Test
  void testsThatRanOutOfMemoryBesideOthers_runAgainAlone_andThatIsTheirResult() throws Exception {
    Files.writeString(dir.resolve("hog.lox"), "print 1; // expect: 1\n");
    Files.writeString(dir.resolve("victim.lox"), "print 2; // expect: 2\n");
    Files.writeString(dir.resolve("bystander.lox"), "print 3; // expect: 3\n");
    java.util.Map<String, Integer> runs = new java.util.concurrent.ConcurrentHashMap<>();
    Execution outOfMemory = Execution.outOfMemory(new OutOfMemoryError("Java heap space"), java.time.Duration.ZERO);
    Execution vmOutOfMemory = ScriptedExecutor.exited("", "Out of memory.\n[line 1] in script\n", 70);
    ScriptedExecutor executor = new ScriptedExecutor(file -> {
      String name = file.getFileName().toString();
      int run = runs.merge(name, 1, Integer::sum);
      return switch (name) {
        case "hog.lox" -> outOfMemory;                    // every time: the runaway
        case "victim.lox" -> run == 1 ? vmOutOfMemory : ScriptedExecutor.exited("2\n", "", 0);
        default -> ScriptedExecutor.exited("3\n", "", 0);
      };
    });
    List<String> finished = new ArrayList<>();

    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir)).jobs(3)
        .listener(new TestListener() {
          @Override
          public void testFinished(TestResult result) {
            finished.add(result.file().baseName() + (result.failed() ? " failed" : " passed"));
          }
        }).build(), executor);

    assertEquals(java.util.Map.of("hog.lox", 2, "victim.lox", 2, "bystander.lox", 1), runs);
    assertEquals(2, run.passed());
    assertEquals(1, run.errors());
    assertEquals("hog", run.failures().get(0).file().baseName());
    assertEquals(Failure.Kind.OUT_OF_MEMORY, run.failures().get(0).firstFailure().kind());
    // Each reported once, with its final result.
    assertEquals(List.of("bystander passed", "hog failed", "victim passed"), finished.stream().sorted().toList());
  }

  @Test
  void aTestWhoseSuiteRanOutOfMemoryWhileBeingReported_runsAgainAlone_notAnError() throws Exception {
    Files.writeString(dir.resolve("only.lox"), "print 1; // expect: 1\n");
    ScriptedExecutor executor = new ScriptedExecutor(file -> ScriptedExecutor.exited("1\n", "", 0));
    List<String> suites = new ArrayList<>();

    Path reports = dir.resolve("reports");

    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir)).jobs(2).reportsDir(reports)
        .listener(new TestListener() {
          @Override
          public void suiteFinished(SuiteResult suite) {
            suites.add(suite.name() + " " + suite.results().size());
            if (suites.size() == 1) {
              // As when another test still holds the heap while this suite's report is made.
              throw new OutOfMemoryError("Java heap space");
            }
          }
        }).build(), executor);

    assertEquals(1, run.passed());
    assertEquals(0, run.errors());
    assertEquals(List.of(), run.failures());
    String suite = dir.getFileName().toString();
    // Reported again in full, and counted once.
    assertEquals(List.of(suite + " 1", suite + " 1"), suites);
    assertEquals(List.of(reports.resolve("TEST-" + suite + ".xml")), run.reports());
    assertTrue(Files.readString(run.reports().get(0)).contains("tests=\"1\""));
  }

  @Test
  void forked_aTestThatExhaustsTheChildsHeap_isItsError_resultsAndReportsAsInProcess() throws Exception {
    writeTests();
    Path reports = dir.resolve("reports");
    List<String> started = new ArrayList<>();

    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir))
        .fork(true)
        .argLine("-Xmx64m -XX:+UseSerialGC")
        .jobs(4)
        .timeoutSeconds(60)
        .reportsDir(reports)
        .listener(new TestListener() {
          @Override
          public void suiteFinished(SuiteResult suite) {
            started.add(suite.name());
          }
        })
        .build());

    assertEquals(List.of(), run.problems());
    assertEquals(6, run.passed());
    assertEquals(2, run.errors());
    assertTrue(run.failures().stream().allMatch(TestResult::ranOutOfMemory), run.failures().toString());
    String root = dir.getFileName().toString();
    assertEquals(List.of(root + ".ok", root), started);
    assertEquals(List.of(reports.resolve("TEST-" + root + ".xml"), reports.resolve("TEST-" + root + ".ok.xml")),
        run.reports());
    assertTrue(Files.readString(run.reports().get(0)).contains("errors=\"2\""));
  }

  @Test
  void forked_aWrongOutputIsAFailureAsInProcess() throws Exception {
    Files.writeString(dir.resolve("wrong.lox"), "print 1; // expect: 2\n");
    Files.writeString(dir.resolve("error.lox"), "print nil + 1;\n");

    TestRunResult forked = TestRunner.run(TestRequest.builder(List.of(dir)).fork(true).build());
    TestRunResult inProcess = TestRunner.run(TestRequest.builder(List.of(dir)).build());

    assertEquals(1, forked.failuresWithoutErrors());
    assertEquals(1, forked.errors());
    assertEquals(inProcess.failures().stream().map(r -> r.failures().toString()).toList(),
        forked.failures().stream().map(r -> r.failures().toString()).toList());
  }

  @Test
  void forkSettings_checkedWithTheRest() {
    InvalidTestRequestException external = assertThrows(InvalidTestRequestException.class,
        () -> TestRequest.builder(List.of(dir)).fork(true).interpreter("clox").build());
    assertEquals("fork cannot go with an external interpreter, which runs each test in a process of its own",
        external.problems().get(0).toString());

    InvalidTestRequestException alone = assertThrows(InvalidTestRequestException.class,
        () -> TestRequest.builder(List.of(dir)).argLine("-Xmx64m").build());
    assertEquals("argLine applies only to tests run in a forked JVM", alone.problems().get(0).toString());

    InvalidTestRequestException quotes = assertThrows(InvalidTestRequestException.class,
        () -> TestRequest.builder(List.of(dir)).fork(true).argLine("-Dx=\"a").build());
    assertEquals("argLine has unbalanced quotes, not '-Dx=\"a'", quotes.problems().get(0).toString());
  }
}
