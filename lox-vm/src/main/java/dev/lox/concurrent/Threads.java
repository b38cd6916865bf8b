package dev.lox.concurrent;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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

  /**
   * A pool of {@code threads} daemon threads named {@code name-N}, whose workers outlive a full
   * heap (see {@link WorkQueue}).
   */
  public static ExecutorService pool(String name, int threads) {
    return new ThreadPoolExecutor(
        threads, threads, 0L, TimeUnit.MILLISECONDS, new WorkQueue(), daemons(name));
  }

  /**
   * The queue of a pool's tasks. A worker that waits on it for a task allocates (the JDK's locks
   * queue a node for each waiter); when that runs out of memory, while a Lox program beside it
   * fills the heap, the error would end the worker, and while the heap stays full no other takes
   * its place: a task left in the queue would never run. Waiting is tried again instead, once the
   * program's run has ended and given the heap back.
   */
  private static final class WorkQueue extends LinkedBlockingQueue<Runnable> {
    @Override
    public Runnable take() throws InterruptedException {
      while (true) {
        try {
          return super.take();
        } catch (OutOfMemoryError e) {
          Thread.sleep(1);
        }
      }
    }
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
   * interrupt is kept for the caller to see (its interrupt flag is set on return). Written without
   * lambdas: lox-vm's compiler calls it on the start path, where bootstrapping one costs time.
   */
  public static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops a pool (interrupting its tasks) and waits, as {@link #joinUninterruptibly} does, until
   * its threads have ended, so that none outlives its user. Only for tasks that end soon when
   * interrupted or that were all done already.
   */
  public static void shutdownAndWait(ExecutorService pool) {
    pool.shutdownNow();
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(POOL_WAIT_SECONDS, TimeUnit.SECONDS)) {
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
