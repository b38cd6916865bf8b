package dev.lox.testing.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.testing.exec.Execution.Ending;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Uses small shell scripts as interpreters: they print, fail and hang on demand. */
@DisabledOnOs(OS.WINDOWS)
class ExternalProcessExecutorTest {
  @TempDir Path dir;

  private List<String> script(String body) throws IOException {
    Path script = dir.resolve("interpreter.sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    script.toFile().setExecutable(true);
    return List.of(script.toString());
  }

  private Execution run(List<String> command, Duration timeout) throws IOException {
    Path test = dir.resolve("t.lox");
    Files.writeString(test, "print 1;");
    return new ExternalProcessExecutor(command).execute(test, new byte[0], timeout);
  }

  @Test
  void execute_capturesBothStreamsAndTheExitCode_fileGivenLast() throws IOException {
    Execution run =
        run(script("printf 'out:%s\\n' \"$1\"; printf '\\377err\\n' >&2; exit 70"), Duration.ofSeconds(10));

    assertEquals(Ending.EXITED, run.ending());
    assertEquals(70, run.exitCode());
    assertEquals("out:" + dir.resolve("t.lox") + "\n", new String(run.stdout(), StandardCharsets.UTF_8));
    assertEquals((byte) 0xff, run.stderr()[0]);
  }

  @Test
  void execute_pastTimeout_killsTheProcessAndItsChildren() throws IOException {
    Path marker = dir.resolve("child-survived");
    long start = System.nanoTime();

    Execution run =
        run(script("(sleep 3; touch " + marker + ") & sleep 30"), Duration.ofMillis(300));

    assertEquals(Ending.TIMED_OUT, run.ending());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 3);
    sleepPast(Duration.ofMillis(3500));
    assertTrue(Files.notExists(marker), "the interpreter's child was not killed");
  }

  @Test
  void execute_missingCommand_crashesWithAReadableReason() throws IOException {
    Execution run = run(List.of(dir.resolve("no-such-lox").toString()), Duration.ofSeconds(5));

    assertEquals(Ending.CRASHED, run.ending());
    assertTrue(run.detail().startsWith("cannot run '" + dir.resolve("no-such-lox") + "'"), run.detail());
  }

  private static void sleepPast(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void execute_pastAGivenOutputCap_isTheOutputLimit() throws IOException {
    Path test = dir.resolve("t.lox");
    Files.writeString(test, "");

    Execution run = new ExternalProcessExecutor(script("printf '123456'"), 5)
        .execute(test, new byte[0], Duration.ofSeconds(10));

    assertEquals(Ending.OUTPUT_LIMIT, run.ending());
    assertEquals("12345", new String(run.stdout(), StandardCharsets.UTF_8));
  }
}
