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

  @Test
  void location_ofAFailure_isItsFirstFailingExpectation() throws IOException {
    TestResult result = run("print 1; // expect: 1\nprint 2; // expect: 2\nprint 3; // expect: 3\n",
        ScriptedExecutor.exited("1\nx\ny\n", "", 0));

    assertEquals(java.util.Optional.of(2), result.firstFailureLine());
    assertEquals("expected '2', got 'x'", result.firstFailure().message());
  }

  @Test
  void location_ofAnUnexpectedError_isTheLineTheInterpreterNames() throws IOException {
    TestResult result = run("print 1; // expect: 1\nprint nil + 1;\nprint 3; // expect: 3\n",
        ScriptedExecutor.exited("1\n", "Operands must be numbers.\n[line 2] in script\n", 70));

    assertTrue(result.isError());
    assertEquals(java.util.Optional.of(2), result.firstFailureLine());
  }

  @Test
  void location_ofAStoppedTest_isTheFirstOutputItDidNotReach() throws IOException {
    Execution stopped = new Execution("1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        new byte[0], -1, Execution.Ending.TIMED_OUT, Duration.ZERO, "");
    TestResult result = run("print 1; // expect: 1\nwhile (true) {}\nprint 3; // expect: 3\n", stopped);

    assertEquals(java.util.Optional.of(3), result.firstFailureLine());
    assertEquals(TestResult.Outcome.FAILED, result.outcome());
  }

  @Test
  void location_withNoLineToName_isTheFirstExpectation_elseLineOne() throws IOException {
    TestResult extra = run("\nprint 1; // expect: 1\nprint 2;\n", ScriptedExecutor.exited("1\n2\n", "", 0));
    TestResult bare = run("while (true) {}\n", ended(Execution.Ending.TIMED_OUT));
    TestResult passed = run("print 1; // expect: 1\n", ScriptedExecutor.exited("1\n", "", 0));

    assertEquals(java.util.Optional.of(2), extra.firstFailureLine());
    assertEquals(java.util.Optional.of(1), bare.firstFailureLine());
    assertEquals(java.util.Optional.empty(), passed.firstFailureLine());
  }
}
