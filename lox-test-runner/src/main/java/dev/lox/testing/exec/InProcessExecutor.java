package dev.lox.testing.exec;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.concurrent.Threads;
import dev.lox.testing.exec.Execution.Ending;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each program on a fresh {@link Lox} in the calling thread, with stdout and stderr captured.
 * A program past its time limit, or past the output limit, is ended with {@link Lox#stop()}, which
 * the VM honours at its next loop iteration or call: the worker thread comes back, nothing is left
 * spinning. The time limit covers the whole test: loading libraries, compiling and running. This is the one class of the runner that uses the lox-vm API.
 */
public final class InProcessExecutor implements LoxExecutor {
  private final ScheduledThreadPoolExecutor watchdog = watchdog();
  private final JitMode jit;
  private final ProjectLibraries libraries;
  private final int outputLimit;

  /** Runs programs with the compiling tier in its default mode ({@link Lox#DEFAULT_JIT}). */
  public InProcessExecutor() {
    this(Lox.DEFAULT_JIT);
  }

  /** Runs programs with the compiling tier in {@code jit} mode. */
  public InProcessExecutor(JitMode jit) {
    this(jit, ProjectLibraries.NONE);
  }

  /** Runs programs with the compiling tier in {@code jit} mode, each after loading {@code libraries}. */
  public InProcessExecutor(JitMode jit, ProjectLibraries libraries) {
    this(jit, libraries, OutputLimit.BYTES);
  }

  /** As {@link #InProcessExecutor(JitMode, ProjectLibraries)}, with an output limit per stream. */
  public InProcessExecutor(JitMode jit, ProjectLibraries libraries, int outputLimit) {
    this.jit = java.util.Objects.requireNonNull(jit);
    this.libraries = java.util.Objects.requireNonNull(libraries);
    this.outputLimit = OutputLimit.checked(outputLimit);
  }

  /**
   * One thread for every test's alarm. A cancelled alarm leaves the queue at once: else it would
   * keep its test's VM, and all the program made, reachable until its time would have run out.
   */
  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor watchdog =
        new ScheduledThreadPoolExecutor(1, Threads.daemons("lox-test-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true);
    return watchdog;
  }

  @Override
  public int outputLimit() {
    return outputLimit;
  }

  /** The compiling tier's mode of each test's VM. */
  public JitMode jit() {
    return jit;
  }

  @Override
  public Execution execute(Path file, byte[] source, Duration timeout) {
    AtomicReference<Ending> stopReason = new AtomicReference<>();
    AtomicReference<Lox> running = new AtomicReference<>();
    Runnable stopForOutput = () -> stop(running.get(), stopReason, Ending.OUTPUT_LIMIT);
    CappedOutputStream out = new CappedOutputStream(outputLimit, stopForOutput);
    CappedOutputStream err = new CappedOutputStream(outputLimit, stopForOutput);
    Lox lox = new Lox(out, err, jit);
    running.set(lox);
    long start = System.nanoTime();
    ScheduledFuture<?> alarm =
        watchdog.schedule(
            () -> stop(running.get(), stopReason, Ending.TIMED_OUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
    RunResult result;
    try {
      // The libraries share the program's VM, so their globals are the program's; its stopping
      // and output limits apply to them too.
      ProjectLibraries.Loaded loaded = libraries.runOn(lox);
      result = loaded.succeeded() ? lox.interpret(source) : loaded.result();
      lox.flush();
    } catch (RuntimeException | StackOverflowError e) {
      // A failure inside the VM is a finding about the VM; report it on this test and go on.
      return Execution.crashed("lox-vm failed: " + e, since(start));
    } catch (OutOfMemoryError e) {
      // The program's objects die with this frame (nothing else holds its VM), so the heap comes
      // back for the other tests; what it printed is dropped, being likely part of the problem.
      running.set(null);
      return Execution.outOfMemory(e, since(start));
    } finally {
      running.set(null);
      alarm.cancel(false);
    }
    Duration elapsed = since(start);
    // The VM honours a stop only at a call or loop iteration, and compiling has neither: a test
    // that used up its time compiling, or printed past the limit in its last statement, ends as
    // stopped even when the program then ran to its end.
    if (result.status() == Status.STOPPED || stopReason.get() != null) {
      Ending ending = stopReason.get() == null ? Ending.TIMED_OUT : stopReason.get();
      return new Execution(out.toByteArray(), err.toByteArray(), -1, ending, elapsed, "");
    }
    return new Execution(
        out.toByteArray(), err.toByteArray(), result.exitCode(), Ending.EXITED, elapsed, "");
  }

  private static void stop(Lox lox, AtomicReference<Ending> reason, Ending ending) {
    reason.compareAndSet(null, ending);
    if (lox != null) {
      lox.stop();
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
