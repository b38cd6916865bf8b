package dev.lox.testing.exec;

import dev.lox.api.JitMode;
import dev.lox.concurrent.Threads;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The child JVM of a {@link ForkedExecutor}: runs the programs it is sent on an {@link
 * InProcessExecutor}, several at once, and sends back what each did ({@link ForkProtocol}). Ends
 * when its input ends. Its stdout carries nothing but answers: anything else printed goes to
 * stderr, which the parent passes on.
 */
public final class ForkedExecutorMain {
  private ForkedExecutorMain() {}

  public static void main(String[] args) throws IOException {
    Writer answers = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String setupLine = requests.readLine();
    if (setupLine == null) {
      return;
    }
    String[] setup = ForkProtocol.words(setupLine);
    JitMode jit = JitMode.parse(setup[1]);
    int maxOutput = Integer.parseInt(setup[2]);
    int jobs = Integer.parseInt(setup[3]);
    List<Path> libraryFiles = ForkProtocol.texts(setup, 4).stream().map(Path::of).toList();
    ProjectLibraries.Prepared libraries = ProjectLibraries.prepare(libraryFiles, jit);
    ExecutorService pool = Threads.pool("lox-fork", jobs);
    try (InProcessExecutor executor = new InProcessExecutor(jit, libraries.libraries(), maxOutput)) {
      String line;
      while ((line = requests.readLine()) != null) {
        String[] run = ForkProtocol.words(line);
        long id = Long.parseLong(run[1]);
        Duration timeout = Duration.ofNanos(Long.parseLong(run[2]));
        Path file = Path.of(ForkProtocol.texts(run, 3).get(0));
        byte[] source = ForkProtocol.decode(run[4]);
        pool.submit(() -> answer(answers, id, execute(executor, file, source, timeout)));
      }
      Threads.shutdownAndWait(pool);
    }
  }

  private static Execution execute(InProcessExecutor executor, Path file, byte[] source, Duration timeout) {
    long start = System.nanoTime();
    try {
      return executor.execute(file, source, timeout);
    } catch (OutOfMemoryError e) {
      return Execution.outOfMemory(e, Duration.ofNanos(System.nanoTime() - start));
    } catch (RuntimeException | Error e) {
      return Execution.crashed("the forked JVM failed: " + e, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static void answer(Writer answers, long id, Execution execution) {
    String line = ForkProtocol.done(id, execution) + "\n";
    synchronized (answers) {
      try {
        answers.write(line);
        answers.flush();
      } catch (IOException e) {
        // The parent is gone: nobody is left to tell.
      }
    }
  }
}
