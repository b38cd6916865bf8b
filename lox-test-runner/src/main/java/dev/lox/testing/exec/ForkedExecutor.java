package dev.lox.testing.exec;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.concurrent.Threads;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs programs in a child JVM, as Surefire's {@code forkCount=1} does: one child for the whole
 * run, started with its own JVM options ({@code argLine}, such as {@code -Xmx256m}), running the
 * programs it is sent in parallel on an {@link InProcessExecutor} ({@link ForkedExecutorMain}). A
 * program that exhausts the child's heap is reported as that test's error, as in-process; one that
 * takes the child down (or hangs it past every timeout) fails as a crash, with the tests running
 * beside it, and the next test starts a new child. The parent's heap never holds a program.
 */
public final class ForkedExecutor implements LoxExecutor {
  /**
   * Time the child gets beyond a test's own timeout to answer (its watchdog stops the program at
   * the timeout; this covers a child too busy collecting garbage to answer).
   */
  private static final Duration GRACE = Duration.ofSeconds(60);

  private final Settings settings;
  private final AtomicLong ids = new AtomicLong();
  private final Object childLock = new Object();
  /** The running child, if any; guarded by {@link #childLock}. */
  private Child child;

  /**
   * How to start the child and run its programs.
   *
   * @param java the {@code java} command
   * @param jvmOptions options before the class path, as words ({@code -Xmx256m})
   * @param classpath the runner, lox-vm and its dependencies ({@link #defaultClasspath()})
   * @param jit the compiling tier's mode
   * @param libraries library files loaded before each program, as {@link ProjectLibraries} takes
   * @param outputLimit bytes each program may write to each stream
   * @param jobs programs run at once in the child
   */
  public record Settings(
      Path java,
      List<String> jvmOptions,
      List<Path> classpath,
      JitMode jit,
      List<Path> libraries,
      int outputLimit,
      int jobs) {
    public Settings {
      jvmOptions = List.copyOf(jvmOptions);
      classpath = List.copyOf(classpath);
      libraries = List.copyOf(libraries);
    }
  }

  public ForkedExecutor(Settings settings) {
    this.settings = settings;
  }

  /** The {@code java} of the JVM running now, for a child of the same version. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /**
   * Classes whose code sources make the child's class path: the runner, lox-vm, and ASM, lox-vm's
   * one runtime dependency (named, not imported: the runner itself does not use it).
   */
  private static final List<String> CHILD_CLASSES =
      List.of(ForkedExecutorMain.class.getName(), Lox.class.getName(), "org.objectweb.asm.ClassVisitor");

  /**
   * What the child needs on its class path, found where this JVM loaded it from (wherever that is:
   * jars in a Maven repository for the plugin, {@code target/classes} in a build).
   */
  public static List<Path> defaultClasspath() {
    Set<Path> entries = new LinkedHashSet<>();
    for (String name : CHILD_CLASSES) {
      Class<?> type;
      try {
        type = Class.forName(name, false, ForkedExecutor.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("cannot find " + name + " to run tests in a forked JVM", e);
      }
      CodeSource source = type.getProtectionDomain().getCodeSource();
      if (source == null) {
        throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from");
      }
      try {
        entries.add(Path.of(source.getLocation().toURI()));
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from", e);
      }
    }
    return List.copyOf(entries);
  }

  @Override
  public int outputLimit() {
    return settings.outputLimit();
  }

  @Override
  public Execution execute(Path file, byte[] source, Duration timeout) {
    long id = ids.incrementAndGet();
    long start = System.nanoTime();
    Child running;
    CompletableFuture<Execution> answer = new CompletableFuture<>();
    try {
      running = child();
      running.pending.put(id, answer);
      running.send(ForkProtocol.run(id, timeout, file.toString(), source));
    } catch (IOException e) {
      return Execution.crashed("cannot run the forked JVM: " + e.getMessage(), since(start));
    }
    try {
      return answer.get(timeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      running.kill("it did not answer within " + timeout.plus(GRACE).toSeconds() + " s");
      return Execution.crashed("the forked JVM did not answer in time and was stopped", since(start));
    } catch (ExecutionException e) {
      return Execution.crashed(e.getCause().getMessage(), since(start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Execution.crashed("interrupted while waiting for the forked JVM", since(start));
    }
  }

  /** The child, started now if there is none or the last one has ended. */
  private Child child() throws IOException {
    synchronized (childLock) {
      if (child == null || !child.process.isAlive()) {
        child = Child.start(settings);
      }
      return child;
    }
  }

  @Override
  public void close() {
    synchronized (childLock) {
      if (child != null) {
        child.close();
        child = null;
      }
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /** One child JVM: its process, its input, and the answers it still owes. */
  private static final class Child {
    final Process process;
    final Writer requests;
    final Map<Long, CompletableFuture<Execution>> pending = new ConcurrentHashMap<>();

    private Child(Process process) {
      this.process = process;
      this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Child start(Settings settings) throws IOException {
      List<String> command = new ArrayList<>();
      command.add(settings.java().toString());
      command.addAll(settings.jvmOptions());
      command.add("-cp");
      command.add(String.join(File.pathSeparator, settings.classpath().stream().map(Path::toString).toList()));
      command.add(ForkedExecutorMain.class.getName());
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      Child child = new Child(process);
      Threads.daemon("lox-fork-answers", child::readAnswers).start();
      child.send(ForkProtocol.setup(
          settings.jit().optionName(),
          settings.outputLimit(),
          settings.jobs(),
          settings.libraries().stream().map(Path::toString).toList()));
      return child;
    }

    synchronized void send(String line) throws IOException {
      requests.write(line);
      requests.write('\n');
      requests.flush();
    }

    /** Hands each answer to its waiting test; when the child ends, fails those still waiting. */
    private void readAnswers() {
      try (BufferedReader answers = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = answers.readLine()) != null) {
          String[] done = ForkProtocol.words(line);
          if (done.length == 8 && done[0].equals(ForkProtocol.DONE)) {
            CompletableFuture<Execution> answer = pending.remove(Long.parseLong(done[1]));
            if (answer != null) {
              answer.complete(ForkProtocol.execution(done));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // Handled below, as the child's end.
      }
      String end;
      try {
        end = "exit code " + process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        end = "interrupted";
      }
      failPending("the forked JVM ended (" + end + ") while this test ran");
    }

    void failPending(String why) {
      for (Long id : List.copyOf(pending.keySet())) {
        CompletableFuture<Execution> answer = pending.remove(id);
        if (answer != null) {
          answer.completeExceptionally(new IOException(why));
        }
      }
    }

    void kill(String why) {
      process.destroyForcibly();
      failPending("the forked JVM was stopped: " + why);
    }

    /** Ends the child: its input closes, so it finishes what it runs and exits. */
    void close() {
      try {
        requests.close();
      } catch (IOException e) {
        // Already gone.
      }
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
