package dev.lox.testing.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads to run Lox on, and waiting for them.
 *
 * <p>Every thread made here is a daemon, so that a Lox program that will not stop cannot keep the
 * JVM (lox-test's, Surefire's, Maven's) alive after the work is over. Stacks are the JVM's usual
 * size: lox-vm compiles deeply nested source on a thread of its own, and its VM never recurses on
 * the Java stack.
 */
public final class Threads {
  /** How long one wait for a pool lasts before it is checked again. */
  private static final long POOL_WAIT_SECONDS = 60;

  private Threads() {}

  /** Makes daemon threads named {@code name-1}, {@code name-2}, and so on. */
  public static ThreadFactory daemons(String name) {
    AtomicInteger number = new AtomicInteger();
    return task -> daemon(name + "-" + number.incrementAndGet(), task);
  }

  /** A pool of {@code threads} daemon threads named {@code name-N}. */
  public static ExecutorService pool(String name, int threads) {
    return Executors.newFixedThreadPool(threads, daemons(name));
  }

  /** One daemon thread, not started. */
  public static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Waits for {@code thread} to end, however often the caller is interrupted meanwhile: for a
   * caller that has already asked the thread to stop and must not return while it still runs. An
   * interrupt is kept for the caller to see (its interrupt flag is set on return).
   */
  public static void joinUninterruptibly(Thread thread) {
    waitUninterruptibly(
        () -> {
          thread.join();
          return true;
        },
        () -> {});
  }

  /**
   * Stops a pool (interrupting its tasks) and waits, as {@link #joinUninterruptibly} does, until
   * its threads have ended, so that none outlives its user. Only for tasks that end soon when
   * interrupted or that were all done already.
   */
  public static void shutdownAndWait(ExecutorService pool) {
    pool.shutdownNow();
    waitUninterruptibly(
        () -> pool.awaitTermination(POOL_WAIT_SECONDS, TimeUnit.SECONDS), pool::shutdownNow);
  }

  /** A wait that may be interrupted; says whether what it waited for has happened. */
  @FunctionalInterface
  private interface Wait {
    boolean done() throws InterruptedException;
  }

  private static void waitUninterruptibly(Wait wait, Runnable onInterrupt) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (wait.done()) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
          onInterrupt.run();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
