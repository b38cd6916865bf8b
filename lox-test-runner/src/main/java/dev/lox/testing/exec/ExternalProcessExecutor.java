package dev.lox.testing.exec;

import dev.lox.testing.exec.Execution.Ending;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each program as {@code COMMAND... FILE}, the way the book's runner starts clox. Output goes
 * to temporary files rather than pipes, so a chatty child never blocks on a full pipe and no reader
 * threads are needed. A child past its time limit is killed together with its descendants (a
 * launcher script's JVM, say).
 */
public final class ExternalProcessExecutor implements LoxExecutor {
  private final List<String> command;
  private final int outputLimit;

  /** @param command the interpreter command as words, without the file argument */
  public ExternalProcessExecutor(List<String> command) {
    this(command, OutputLimit.BYTES);
  }

  /**
   * @param command the interpreter command as words, without the file argument
   * @param outputLimit the bytes kept of each stream; a run that writes more fails
   */
  public ExternalProcessExecutor(List<String> command, int outputLimit) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty interpreter command");
    }
    this.command = List.copyOf(command);
    this.outputLimit = OutputLimit.checked(outputLimit);
  }

  @Override
  public int outputLimit() {
    return outputLimit;
  }

  @Override
  public Execution execute(Path file, byte[] source, Duration timeout) {
    long start = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("lox-test-", ".out");
      err = Files.createTempFile("lox-test-", ".err");
      List<String> words = new ArrayList<>(command);
      words.add(file.toString());
      Process process =
          new ProcessBuilder(words)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .start();
      Ending ending = await(process, timeout);
      byte[] stdout = readCapped(out);
      byte[] stderr = readCapped(err);
      if (ending == Ending.EXITED
          && (Files.size(out) > outputLimit || Files.size(err) > outputLimit)) {
        ending = Ending.OUTPUT_LIMIT;
      }
      int exitCode = ending == Ending.EXITED ? process.exitValue() : -1;
      return new Execution(stdout, stderr, exitCode, ending, since(start), "");
    } catch (IOException e) {
      return Execution.crashed(
          "cannot run '" + String.join(" ", command) + "': " + e.getMessage(), since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Execution.crashed("interrupted", since(start));
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static Ending await(Process process, Duration timeout) throws InterruptedException {
    try {
      if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        return Ending.EXITED;
      }
      return Ending.TIMED_OUT;
    } finally {
      if (process.isAlive()) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
      }
    }
  }

  private byte[] readCapped(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(outputLimit);
    }
  }

  private static File nullDevice() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover temporary file is harmless, and the test result matters more.
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {}
}
