package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ForkedExecutorTest {
  private static ForkedExecutor.Settings settings(List<String> jvmOptions) {
    return new ForkedExecutor.Settings(ForkedExecutor.currentJava(), jvmOptions,
        ForkedExecutor.defaultClasspath(), Lox.DEFAULT_JIT, List.of(), OutputLimit.BYTES, 2);
  }

  private static byte[] source(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void programsRunInTheChild_inParallel_eachAnsweredWithItsOwnOutput() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try (ForkedExecutor forked = new ForkedExecutor(settings(List.of("-Xmx64m")))) {
      List<Future<Execution>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String program = "print " + i + ";\nprint \"line\nbreak\";\n"; // a string across two lines
        runs.add(callers.submit(() -> forked.execute(Path.of("t.lox"), source(program), Duration.ofSeconds(30))));
      }
      for (int i = 0; i < 8; i++) {
        Execution run = runs.get(i).get();
        assertEquals(Execution.Ending.EXITED, run.ending(), run.detail());
        assertArrayEquals(source(i + "\nline\nbreak\n"), run.stdout());
      }
      Execution error = forked.execute(Path.of("e.lox"), source("print nil + 1;\n"), Duration.ofSeconds(30));
      assertEquals(70, error.exitCode());
      assertTrue(new String(error.stderr(), StandardCharsets.UTF_8).contains("[line 1]"));
      Execution timedOut = forked.execute(Path.of("f.lox"), source("while (true) {}\n"), Duration.ofMillis(300));
      assertEquals(Execution.Ending.TIMED_OUT, timedOut.ending());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aChildThatCannotStart_failsTheTestAsACrash_namingTheForkedJvm() {
    // A heap this small: the JVM refuses to start and exits.
    try (ForkedExecutor forked = new ForkedExecutor(settings(List.of("-Xmx1k")))) {
      Execution run = forked.execute(Path.of("t.lox"), source("print 1;\n"), Duration.ofSeconds(30));

      assertEquals(Execution.Ending.CRASHED, run.ending());
      assertTrue(run.detail().contains("forked JVM"), run.detail());
    }
  }
}
