package dev.lox.testing;

import dev.lox.testing.exec.Execution;
import dev.lox.testing.exec.LoxExecutor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** An interpreter for tests of the runner itself: each file name gets a scripted run. */
public final class ScriptedExecutor implements LoxExecutor {
  private final Map<String, Execution> runs = new HashMap<>();
  private final Function<Path, Execution> otherwise;

  public ScriptedExecutor() {
    this(path -> exited("", "", 0));
  }

  public ScriptedExecutor(Function<Path, Execution> otherwise) {
    this.otherwise = otherwise;
  }

  public ScriptedExecutor on(String fileName, Execution run) {
    runs.put(fileName, run);
    return this;
  }

  public static Execution exited(String stdout, String stderr, int exitCode) {
    return new Execution(
        stdout.getBytes(StandardCharsets.ISO_8859_1),
        stderr.getBytes(StandardCharsets.ISO_8859_1),
        exitCode,
        Execution.Ending.EXITED,
        Duration.ofMillis(12),
        "");
  }

  @Override
  public Execution execute(Path file, byte[] source, Duration timeout) {
    return runs.getOrDefault(file.getFileName().toString(), otherwise.apply(file));
  }

  @Override
  public void close() {}
}
