package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.testing.exec.Execution.Ending;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessExecutorTest {
  private final InProcessExecutor executor = new InProcessExecutor();

  @AfterEach
  void close() {
    executor.close();
  }

  private Execution run(String source, Duration timeout) {
    return executor.execute(Path.of("t.lox"), source.getBytes(StandardCharsets.UTF_8), timeout);
  }

  @Test
  void execute_inEveryJitMode_printsTheSame() {
    for (dev.lox.api.JitMode mode : dev.lox.api.JitMode.values()) {
      try (InProcessExecutor jitted = new InProcessExecutor(mode)) {
        Execution run = jitted.execute(Path.of("t.lox"),
            "fun f(n) { if (n < 2) return n; return f(n - 1) + f(n - 2); } print f(12);"
                .getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        assertEquals(mode, jitted.jit());
        assertEquals("144\n", new String(run.stdout(), StandardCharsets.UTF_8), mode.toString());
      }
    }
  }

  @Test
  void execute_printsAndExitsZero() {
    Execution run = run("print 1 + 2;", Duration.ofSeconds(10));

    assertEquals(Ending.EXITED, run.ending());
    assertEquals(0, run.exitCode());
    assertEquals("3\n", new String(run.stdout(), StandardCharsets.UTF_8));
  }

  @Test
  void execute_errorsGoToStderr_withCloxExitCodes() {
    Execution compile = run("print;", Duration.ofSeconds(10));
    Execution runtime = run("print nil + 1;", Duration.ofSeconds(10));

    assertEquals(65, compile.exitCode());
    assertEquals("[line 1] Error at ';': Expect expression.\n", new String(compile.stderr(), StandardCharsets.UTF_8));
    assertEquals(70, runtime.exitCode());
    assertEquals(
        "Operands must be two numbers or two strings.\n[line 1] in script\n",
        new String(runtime.stderr(), StandardCharsets.UTF_8));
  }

  @Test
  void execute_endlessLoop_stoppedAtTheTimeout_threadComesBack() {
    long start = System.nanoTime();

    Execution run = run("while (true) {}", Duration.ofMillis(300));

    assertEquals(Ending.TIMED_OUT, run.ending());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
  }

  @Test
  void execute_endlessPrinting_stoppedAtTheOutputLimit() {
    Execution run = run("while (true) print \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\";", Duration.ofSeconds(60));

    assertEquals(Ending.OUTPUT_LIMIT, run.ending());
    assertEquals(OutputLimit.BYTES, run.stdout().length);
  }

  /** Straight-line code, no loop or call: long to compile, and nothing in it that checks a stop. */
  private static String slowToCompile(String last) {
    StringBuilder source = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      source.append("var v").append(i).append(" = ").append(i).append(" + ").append(i).append(";\n");
    }
    return source.append(last).toString();
  }

  @Test
  void execute_compilingPastTheTimeout_timesOut() {
    Execution run = run(slowToCompile("print 1;\n"), Duration.ofMillis(1));

    assertEquals(Ending.TIMED_OUT, run.ending());
  }

  @Test
  void execute_compileErrorFoundPastTheTimeout_timesOut() {
    Execution run = run(slowToCompile("print;\n"), Duration.ofMillis(1));

    assertEquals(Ending.TIMED_OUT, run.ending());
  }

  @Test
  void execute_pastAGivenOutputCap_stopped() {
    try (InProcessExecutor capped = new InProcessExecutor(dev.lox.Lox.DEFAULT_JIT, ProjectLibraries.NONE, 5)) {
      Execution run = capped.execute(Path.of("t.lox"), "print 12345;".getBytes(StandardCharsets.UTF_8),
          Duration.ofSeconds(10));

      assertEquals(Ending.OUTPUT_LIMIT, run.ending());
      assertEquals("12345", new String(run.stdout(), StandardCharsets.UTF_8));
      assertEquals(5, capped.outputLimit());
    }
  }
}
