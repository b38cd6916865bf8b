package dev.lox.maven.compile;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for compiling and running Lox: daemons, so that none can keep Maven's JVM alive. Their
 * stacks are ordinary: lox-vm compiles deeply nested source on a thread of its own, and its VM
 * never recurses on the Java stack. Every pool made here is shut down and waited for by its user:
 * no goal leaves a thread behind.
 */
public final class LoxThreads {
  private LoxThreads() {}

  /** A pool of {@code threads} threads named {@code name-N}. */
  public static ExecutorService pool(String name, int threads) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads, task -> thread(name + "-" + number.incrementAndGet(), task));
  }

  /** One unstarted thread. */
  public static Thread thread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Shuts a pool down and waits for its threads to end. Tasks here never block for long, so the
   * wait is short; an interrupt while waiting is kept for the caller to see.
   */
  public static void close(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
        pool.shutdownNow();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
