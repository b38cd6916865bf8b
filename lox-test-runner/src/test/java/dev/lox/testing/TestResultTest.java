package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.Execution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which failed tests are Surefire errors and which are failures. */
class TestResultTest {
  @TempDir Path dir;

  private TestResult run(String source, Execution execution) throws IOException {
    Path file = dir.resolve("t.lox");
    Files.writeString(file, source);
    ScriptedExecutor executor = new ScriptedExecutor(path -> execution);
    return new TestFileRunner(executor, Duration.ofSeconds(1), UpdateMode.NONE)
        .run(new TestFile(file, dir, "t.lox"));
  }

  private static Execution ended(Execution.Ending ending) {
    return new Execution(new byte[0], new byte[0], -1, ending, Duration.ZERO, "it broke");
  }

  @Test
  void wrongOrMissingOutput_isAFailure() throws IOException {
    TestResult wrong = run("print 1; // expect: 2\n", ScriptedExecutor.exited("1\n", "", 0));
    TestResult missing = run("// expect: 2\n", ScriptedExecutor.exited("", "", 0));

    assertTrue(wrong.failed() && !wrong.isError());
    assertTrue(missing.failed() && !missing.isError());
  }

  @Test
  void expectedErrorsThatAreWrongOrMissing_areFailures() throws IOException {
    String runtime = "nil(); // expect runtime error: Can only call functions and classes.\n";
    TestResult otherMessage = run(runtime, ScriptedExecutor.exited("", "Other.\n[line 1] in script\n", 70));
    TestResult otherLine = run(runtime, ScriptedExecutor.exited("", "Can only call functions and classes.\n[line 9] in script\n", 70));
    TestResult none = run(runtime, ScriptedExecutor.exited("", "", 0));
    TestResult missingCompileError = run("print; // Error at ';': Expect expression.\n", ScriptedExecutor.exited("", "", 0));

    for (TestResult result : new TestResult[] {otherMessage, otherLine, none, missingCompileError}) {
      assertTrue(result.failed(), result.toString());
      assertFalse(result.isError(), result.failures().toString());
    }
  }

  @Test
  void aRuntimeErrorTheTestDoesNotExpect_isAnError() throws IOException {
    TestResult result =
        run("print nil + 1;\n", ScriptedExecutor.exited("", "Operands must be numbers.\n[line 1] in script\n", 70));

    assertTrue(result.isError(), result.failures().toString());
  }

  @Test
  void aCompileErrorInATestNotExpectingOne_isAnError_evenIfItExpectsARuntimeError() throws IOException {
    String stderr = "[line 1] Error at ';': Expect expression.\n";
    TestResult plain = run("print; // expect: 1\n", ScriptedExecutor.exited("", stderr, 65));
    TestResult expectingRuntimeError =
        run("print; // expect runtime error: Boom.\n", ScriptedExecutor.exited("", stderr, 65));

    assertTrue(plain.isError(), plain.failures().toString());
    assertTrue(expectingRuntimeError.isError(), expectingRuntimeError.failures().toString());
  }

  @Test
  void stoppedCrashedOrStrangeExits_areErrors() throws IOException {
    assertTrue(run("// expect: 1\n", ended(Execution.Ending.TIMED_OUT)).isError());
    assertTrue(run("// expect: 1\n", ended(Execution.Ending.OUTPUT_LIMIT)).isError());
    assertTrue(run("// expect: 1\n", ended(Execution.Ending.CRASHED)).isError());
    // A signal, or an interpreter's own internal error: no Lox program exits so.
    assertTrue(run("// expect: 1\n", ScriptedExecutor.exited("1\n", "", 139)).isError());
  }

  @Test
  void aBrokenTest_isAnError_andPassedOrSkippedTestsAreNeither() throws IOException {
    TestResult broken = run("nil(); // expect runtime error: X.\nprint; // Error at ';': Y.\n",
        ScriptedExecutor.exited("", "", 0));
    TestResult passed = run("print 1; // expect: 1\n", ScriptedExecutor.exited("1\n", "", 0));

    assertTrue(broken.isError());
    assertFalse(passed.failed() || passed.isError());
    assertFalse(TestResult.skipped(passed.file(), "not run").isError());
    assertEquals(TestResult.Outcome.PASSED, passed.outcome());
  }
}
