package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestRunnerTest {
  @TempDir Path dir;

  private Path write(String name, String source) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    return file;
  }

  @Test
  void run_eachDirectoryIsAnnouncedOnceItsLastTestIsDone_withItsCounts() throws IOException {
    write("tests/a/ok.lox", "print 1; // expect: 1\n");
    write("tests/a/wrong.lox", "print 1; // expect: 2\n");
    write("tests/a/crash.lox", "print nil + 1;\n");
    write("tests/b/ok.lox", "print 1; // expect: 1\n");
    write("tests/b/note.lox", "// nontest\n");
    write("tests/only_notes/note.lox", "// nontest\n");
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    List<SuiteResult> suites = Collections.synchronizedList(new ArrayList<>());
    TestListener listener = new TestListener() {
      @Override
      public void testFinished(TestResult result) {
        events.add("test " + result.file().relativePath());
      }

      @Override
      public void suiteFinished(SuiteResult suite) {
        events.add("suite " + suite.name());
        suites.add(suite);
      }
    };

    TestRunner.run(TestRequest.builder(List.of(dir.resolve("tests"))).jobs(3).listener(listener).build());

    assertEquals(List.of("tests.a", "tests.b"), suites.stream().map(SuiteResult::name).sorted().toList());
    for (String test : List.of("a/ok.lox", "a/wrong.lox", "a/crash.lox", "b/ok.lox")) {
      String suite = "suite tests." + test.substring(0, 1);
      assertTrue(events.indexOf("test " + test) < events.indexOf(suite), events.toString());
    }
    SuiteResult a = suites.stream().filter(x -> x.name().equals("tests.a")).findFirst().orElseThrow();
    assertEquals(List.of("a/crash.lox", "a/ok.lox", "a/wrong.lox"),
        a.results().stream().map(r -> r.file().relativePath()).toList());
    assertEquals(List.of(3L, 1L, 1L, 0L), List.of(a.run(), a.failures(), a.errors(), a.skipped()));
    assertTrue(a.failed());
    assertTrue(!a.elapsed().isNegative());
    SuiteResult b = suites.stream().filter(x -> x.name().equals("tests.b")).findFirst().orElseThrow();
    assertEquals(1, b.run());
  }

  @Test
  void run_maxFailures_stopsStartingTests_restSkipped() throws IOException {
    for (int i = 0; i < 5; i++) {
      write("t" + i + ".lox", "print " + i + "; // expect: x\n");
    }

    TestRunResult run =
        TestRunner.run(TestRequest.builder(List.of(dir)).jobs(1).maxFailures(2).build());

    assertEquals(0, run.passed());
    assertEquals(2, run.failed());
    assertEquals(3, run.skipped());
    assertEquals(5, run.results().size());
  }

  @Test
  void run_failuresOfTheLastRun_runFirst() throws IOException {
    write("a.lox", "print 1; // expect: 1\n");
    Path b = write("b.lox", "print 2; // expect: 1\n");
    Path history = dir.resolve("history/failures");
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    TestListener recorder =
        new TestListener() {
          @Override
          public void testStarted(dev.lox.testing.discovery.TestFile file) {
            order.add(file.relativePath());
          }
        };

    TestRunner.run(TestRequest.builder(List.of(dir)).jobs(1).failureHistory(history).build());
    TestRunResult second =
        TestRunner.run(
            TestRequest.builder(List.of(dir)).jobs(1).failureHistory(history).listener(recorder).build());

    assertEquals(List.of(b.toAbsolutePath().normalize().toString()), Files.readAllLines(history));
    assertEquals(List.of("b.lox", "a.lox"), order);
    assertEquals(List.of("a.lox", "b.lox"), second.results().stream().map(r -> r.file().relativePath()).toList());
  }

  @Test
  void run_update_rewritesFailingTests_thenTheyPass() throws IOException {
    Path byExample = write("example.lox", "print 1 + 1; // expect:\nprint \"x\";\n");
    Path withError = write("error.lox", "print y; // expect: 1\n");

    TestRunResult updated =
        TestRunner.run(TestRequest.builder(List.of(dir)).update(UpdateMode.OUTPUT).build());

    assertEquals(1, updated.passed());
    assertEquals(1, updated.failed());
    assertEquals(
        "print 1 + 1; // expect: 2\nprint \"x\";\n// expect: x\n",
        Files.readString(byExample, StandardCharsets.UTF_8));
    assertEquals("print y; // expect: 1\n", Files.readString(withError));
    TestResult refused = updated.failures().get(0);
    assertTrue(refused.update().orElseThrow().reason().contains("--update-errors"));

    TestRunResult withErrors =
        TestRunner.run(TestRequest.builder(List.of(dir)).update(UpdateMode.OUTPUT_AND_ERRORS).build());

    assertEquals(2, withErrors.passed());
    assertEquals("print y; // expect runtime error: Undefined variable 'y'.\n", Files.readString(withError));
    assertEquals(2, TestRunner.run(TestRequest.builder(List.of(dir)).build()).passed());
  }

  @Test
  void run_reportsDir_oneReportPerDirectory() throws IOException {
    write("a.lox", "print 1; // expect: 1\n");
    write("sub/b.lox", "print 1; // expect: 2\n");
    Path reports = dir.resolve("reports");

    TestRunResult run =
        TestRunner.run(TestRequest.builder(List.of(dir)).reportsDir(reports).build());

    String root = dir.getFileName().toString();
    assertEquals(
        List.of(reports.resolve("TEST-" + root + ".xml"), reports.resolve("TEST-" + root + ".sub.xml")),
        run.reports());
  }

  @Test
  void run_suitePrefix_namesTheReportsAndClassnames_timesAreTheSuitesWallTime() throws Exception {
    // Two slow tests in one directory, run one after the other: the suite took both their times.
    write("sub/slow1.lox", "var t = clock(); while (clock() - t < 0.2) {} print 1; // expect: 1\n");
    write("sub/slow2.lox", "var t = clock(); while (clock() - t < 0.2) {} print 2; // expect: 2\n");
    write("top.lox", "print 1; // expect: 1\n");
    Path reports = dir.resolve("reports");

    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir))
        .jobs(1).suitePrefix("com.example.app").reportsDir(reports).build());

    // In discovery order: sub/ sorts before top.lox.
    assertEquals(List.of(reports.resolve("TEST-com.example.app.sub.xml"),
        reports.resolve("TEST-com.example.app.xml")), run.reports());
    org.w3c.dom.Element sub = javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder().parse(run.reports().get(0).toFile()).getDocumentElement();
    assertEquals("com.example.app.sub", sub.getAttribute("name"));
    assertEquals("com.example.app.sub",
        ((org.w3c.dom.Element) sub.getElementsByTagName("testcase").item(0)).getAttribute("classname"));
    assertTrue(Double.parseDouble(sub.getAttribute("time")) >= 0.4, sub.getAttribute("time"));
  }

  @Test
  void run_badSuitePrefix_refused() {
    InvalidTestRequestException e = assertThrows(InvalidTestRequestException.class,
        () -> TestRequest.builder(List.of(dir)).suitePrefix("a b").build());

    assertEquals("suite prefix must be letters, digits and . _ $ -, not 'a b'",
        e.problems().get(0).toString());
  }

  @Test
  void run_badSettings_refusedWhenTheRequestIsBuilt() {
    TestRequest.Builder request =
        TestRequest.builder(List.of(dir.resolve("missing"))).jobs(0).filters(List.of("["));

    InvalidTestRequestException e = assertThrows(InvalidTestRequestException.class, request::build);

    assertEquals(2, e.problems().size());
    assertTrue(e.problems().get(0).toString().startsWith("jobs must be at least 1"));
  }

  @Test
  void run_missingPath_problemAndNoRun() {
    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir.resolve("missing"))).build());

    assertEquals(0, run.results().size());
    assertEquals(List.of("no such file or directory: " + dir.resolve("missing")), run.problems());
  }

  @Test
  void run_nontestFiles_notCounted() throws IOException {
    write("helper.lox", "// nontest\n");

    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(dir)).build());

    assertEquals(List.of(), run.results());
    assertTrue(run.succeeded());
  }
}
