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
        pool.submit(() -> run(answers, id, executor, file, source, timeout));
      }
      Threads.shutdownAndWait(pool);
    }
  }

  /**
   * Runs one program and answers for it. The answer for a program that ran out of memory is made
   * before it runs: while another program holds the heap, making any other answer can fail too,
   * and an answer lost would leave the parent waiting for it until the program's time is up.
   * Reported as out of memory, the program runs again alone (see TestRunner).
   */
  private static void run(Writer answers, long id, InProcessExecutor executor, Path file,
      byte[] source, Duration timeout) {
    String outOfMemory =
        ForkProtocol.done(id, Execution.outOfMemory(new OutOfMemoryError(), Duration.ZERO)) + "\n";
    String answer;
    try {
      answer = ForkProtocol.done(id, execute(executor, file, source, timeout)) + "\n";
    } catch (OutOfMemoryError e) {
      answer = outOfMemory;
    }
    try {
      answer(answers, answer);
    } catch (OutOfMemoryError e) {
      answer(answers, outOfMemory);
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

  private static void answer(Writer answers, String line) {
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
