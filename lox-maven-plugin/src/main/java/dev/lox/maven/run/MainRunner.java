package dev.lox.maven.run;

import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.testing.concurrent.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a program's main script: from its chunk when that is fresh, else compiled first (see {@link
 * IncrementalCompiler#prepare}). The program runs on a thread of its own, so that the caller can
 * be interrupted while it runs: an interrupt stops the program ({@link Lox#stop()}) and the call
 * waits for its thread to end, so no thread outlives the call. Its output is streamed line by line
 * to the given stream.
 */
public final class MainRunner {
  private MainRunner() {}

  /**
   * What to run.
   *
   * @param main the main script's source file
   * @param compiler where its chunk is kept
   * @param out where the program prints; flushed after each line, never closed
   * @param jit the compiling tier's mode
   */
  public record Request(Path main, IncrementalCompiler compiler, OutputStream out, JitMode jit) {
    public Request {
      Objects.requireNonNull(main);
      Objects.requireNonNull(compiler);
      Objects.requireNonNull(out);
      Objects.requireNonNull(jit);
    }

    /** With the compiling tier in lox-vm's default mode. */
    public Request(Path main, IncrementalCompiler compiler, OutputStream out) {
      this(main, compiler, out, Lox.DEFAULT_JIT);
    }
  }

  /**
   * How it went.
   *
   * @param prepared the program, or the compile errors that stopped it before it ran
   * @param result how the run ended; {@code null} when it did not run
   * @param stderr what the VM wrote to its error stream (a runtime error's message and trace)
   */
  public record Outcome(IncrementalCompiler.Prepared prepared, RunResult result, String stderr) {
    public boolean ran() {
      return result != null;
    }
  }

  /**
   * Prepares and runs the program.
   *
   * @throws IOException when the source cannot be read or the chunk written, or lox-vm fails
   * @throws InterruptedException when interrupted; the program was stopped and has ended
   */
  public static Outcome run(Request request) throws IOException, InterruptedException {
    IncrementalCompiler.Prepared prepared = request.compiler().prepare(request.main());
    if (!prepared.succeeded()) {
      return new Outcome(prepared, null, "");
    }
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    RunResult result = run(prepared.script(), request.out(), stderr, request.jit());
    return new Outcome(prepared, result, stderr.toString(StandardCharsets.UTF_8));
  }

  /** Runs a script on a fresh VM, on its own thread, and waits for it to end. */
  static RunResult run(Script script, OutputStream out, OutputStream err, JitMode jit)
      throws IOException, InterruptedException {
    Lox lox = new Lox(out, err, jit);
    lox.setFlushEachLine(true);
    AtomicReference<RunResult> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = Threads.daemon("lox-run", () -> {
      try {
        result.set(lox.run(script));
        lox.flush();
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      lox.stop();
      Threads.joinUninterruptibly(thread);
      throw e;
    }
    if (failure.get() != null) {
      throw new IOException("lox-vm failed: " + failure.get(), failure.get());
    }
    return result.get();
  }
}
