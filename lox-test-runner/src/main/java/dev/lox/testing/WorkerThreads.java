package dev.lox.testing;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads tests run on, for the runner and the JUnit engine alike. */
public final class WorkerThreads {
  /** The compiler and VM may recurse deeply on deeply nested programs; give them room. */
  private static final long STACK_BYTES = 64L * 1024 * 1024;

  private WorkerThreads() {}

  /**
   * A pool of {@code jobs} daemon threads with large stacks; daemons, so that a program that will
   * not stop cannot keep the JVM alive after the run is over.
   */
  public static ExecutorService pool(int jobs) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newFixedThreadPool(
        jobs,
        task -> {
          Thread thread = new Thread(null, task, "lox-test-" + number.incrementAndGet(), STACK_BYTES);
          thread.setDaemon(true);
          return thread;
        });
  }
}
