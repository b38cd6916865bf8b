package dev.lox.maven.run;

import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.concurrent.Threads;
import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.maven.compile.SourceError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
   * @param libraries library sources loaded into the program's VM before it, in this order
   */
  public record Request(
      Path main, IncrementalCompiler compiler, OutputStream out, JitMode jit, List<Path> libraries) {
    public Request {
      Objects.requireNonNull(main);
      Objects.requireNonNull(compiler);
      Objects.requireNonNull(out);
      Objects.requireNonNull(jit);
      libraries = List.copyOf(libraries);
    }

    /** With the compiling tier in lox-vm's default mode, and no libraries. */
    public Request(Path main, IncrementalCompiler compiler, OutputStream out) {
      this(main, compiler, out, Lox.DEFAULT_JIT, List.of());
    }
  }

  /**
   * How it went.
   *
   * @param prepared the program, or the compile errors that stopped it before it ran
   * @param result how the run ended; {@code null} when it did not run
   * @param stderr what the VM wrote to its error stream (a runtime error's message and trace)
   * @param errors the compile errors of the libraries and the program, libraries first
   * @param failedLibrary the library whose loading ended the run (then the program did not run)
   */
  public record Outcome(
      IncrementalCompiler.Prepared prepared,
      RunResult result,
      String stderr,
      List<SourceError> errors,
      Optional<Path> failedLibrary) {
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
    List<SourceError> errors = new ArrayList<>();
    List<Script> libraries = new ArrayList<>();
    for (Path library : request.libraries()) {
      IncrementalCompiler.Prepared prepared = request.compiler().prepare(library);
      errors.addAll(prepared.errors());
      libraries.add(prepared.script());
    }
    IncrementalCompiler.Prepared prepared = request.compiler().prepare(request.main());
    errors.addAll(prepared.errors());
    if (!errors.isEmpty()) {
      return new Outcome(prepared, null, "", errors, Optional.empty());
    }
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    libraries.add(prepared.script());
    Ran ran = run(libraries, request.out(), stderr, request.jit());
    Optional<Path> failedLibrary = ran.index() < request.libraries().size()
        ? Optional.of(request.libraries().get(ran.index()))
        : Optional.empty();
    return new Outcome(prepared, ran.result(), stderr.toString(StandardCharsets.UTF_8), List.of(), failedLibrary);
  }

  /** How running scripts in turn ended: the last one run, and its result. */
  record Ran(int index, RunResult result) {}

  /** Runs a script on a fresh VM, on its own thread, and waits for it to end. */
  static RunResult run(Script script, OutputStream out, OutputStream err, JitMode jit)
      throws IOException, InterruptedException {
    return run(List.of(script), out, err, jit).result();
  }

  /**
   * Runs scripts in turn on one fresh VM (so each sees the globals of those before it), on its
   * own thread, stopping at the first that does not end well, and waits for it to end.
   */
  static Ran run(List<Script> scripts, OutputStream out, OutputStream err, JitMode jit)
      throws IOException, InterruptedException {
    Lox lox = new Lox(out, err, jit);
    lox.setFlushEachLine(true);
    AtomicReference<Ran> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = Threads.daemon("lox-run", () -> {
      try {
        for (int i = 0; i < scripts.size(); i++) {
          RunResult ran = lox.run(scripts.get(i));
          result.set(new Ran(i, ran));
          if (ran.status() != Status.OK) {
            break;
          }
        }
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
