package dev.lox.testing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.testing.ScriptedExecutor;
import dev.lox.testing.SuiteResult;
import dev.lox.testing.TestFileRunner;
import dev.lox.testing.TestRequest;
import dev.lox.testing.TestResult;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.TestRunner;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.Execution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lines read like Surefire's. */
class ConsoleReportTest {
  @TempDir Path dir;

  private TestResult run(String name, String source, Execution execution) throws IOException {
    Path file = Files.writeString(dir.resolve(name), source);
    return new TestFileRunner(new ScriptedExecutor(path -> execution), Duration.ofSeconds(1), UpdateMode.NONE)
        .run(new TestFile(file, dir, name));
  }

  @Test
  void summary_countsFailuresAndErrorsApart() throws IOException {
    Path tests = dir.resolve("lox");
    Files.createDirectories(tests.resolve("closures"));
    Files.writeString(tests.resolve("ok.lox"), "print 1; // expect: 1\n");
    Files.writeString(tests.resolve("wrong.lox"), "print 1; // expect: 2\n");
    Files.writeString(tests.resolve("closures/crash.lox"), "print nil + 1;\n");
    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(tests)).jobs(2).build());

    assertEquals("Tests run: 3, Failures: 1, Errors: 1, Skipped: 0", ConsoleReport.summary(run));
  }

  @Test
  void suiteLines_readLikeSurefires() throws IOException {
    TestResult passed = run("ok.lox", "print 1; // expect: 1\n", ScriptedExecutor.exited("1\n", "", 0));
    TestResult failed = run("wrong.lox", "print 1; // expect: 2\n", ScriptedExecutor.exited("1\n", "", 0));
    TestResult error = run("crash.lox", "print nil + 1;\n",
        ScriptedExecutor.exited("", "Boom.\n[line 1] in script\n", 70));

    assertEquals("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.012 s -- in lox.closures",
        ConsoleReport.suiteLine(new SuiteResult("lox.closures", List.of(passed), Duration.ofMillis(12))));
    assertEquals("Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 1.500 s <<< FAILURE! -- in lox",
        ConsoleReport.suiteLine(new SuiteResult("lox", List.of(passed, failed, error), Duration.ofMillis(1500))));
  }

  @Test
  void testLines_nameTheTestAndWhereItWentWrong() throws IOException {
    TestResult passed = run("ok.lox", "print 1; // expect: 1\n", ScriptedExecutor.exited("1\n", "", 0));
    TestResult failed = run("wrong.lox", "print 0;\nprint 1; // expect: 2\n", ScriptedExecutor.exited("1\n", "", 0));
    TestResult error = run("crash.lox", "print nil + 1;\n",
        ScriptedExecutor.exited("", "Boom.\n[line 1] in script\n", 70));

    assertEquals("PASS t/ok.lox (0.012 s)", ConsoleReport.testLine(passed, "t/ok.lox"));
    assertEquals("FAIL t/wrong.lox:2 (0.012 s)", ConsoleReport.testLine(failed, "t/wrong.lox"));
    assertEquals("ERROR t/crash.lox:1 (0.012 s)", ConsoleReport.testLine(error, "t/crash.lox"));
  }
}
