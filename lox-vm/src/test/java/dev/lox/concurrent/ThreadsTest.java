package dev.lox.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  @Test
  void daemonsAreNumberedPerFactory() {
    ThreadFactory factory = Threads.daemons("lox-test");
    Thread first = factory.newThread(() -> {});
    Thread second = factory.newThread(() -> {});
    assertEquals(List.of("lox-test-1", "lox-test-2"), List.of(first.getName(), second.getName()));
    assertTrue(first.isDaemon() && second.isDaemon());
    assertEquals("other-1", Threads.daemons("other").newThread(() -> {}).getName());
  }

  @Test
  void poolThreadsAreDaemons() throws Exception {
    ExecutorService pool = Threads.pool("lox-compile", 2);
    try {
      Future<Thread> thread = pool.submit(Thread::currentThread);
      assertTrue(thread.get().isDaemon());
      assertTrue(thread.get().getName().startsWith("lox-compile-"), thread.get().getName());
    } finally {
      Threads.shutdownAndWait(pool);
    }
    assertTrue(pool.isTerminated());
  }

  @Test
  void joinUninterruptiblyWaitsForTheEndAndKeepsTheInterrupt() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    Thread worker = Threads.daemon("worker", () -> {
      awaitQuietly(release);
      finished.set(true);
    });
    worker.start();
    AtomicBoolean interruptedAfter = new AtomicBoolean();
    AtomicBoolean finishedWhenJoined = new AtomicBoolean();
    Thread caller = Threads.daemon("caller", () -> {
      Threads.joinUninterruptibly(worker);
      finishedWhenJoined.set(finished.get());
      interruptedAfter.set(Thread.currentThread().isInterrupted());
    });
    caller.start();
    caller.interrupt();
    Thread.sleep(50);
    caller.interrupt();
    assertTrue(caller.isAlive(), "returned before the worker ended");
    release.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(caller.isAlive());
    assertTrue(finishedWhenJoined.get());
    assertTrue(interruptedAfter.get());
  }

  @Test
  void shutdownAndWaitInterruptsTasksAndWaitsForThem() {
    ExecutorService pool = Threads.pool("sleepers", 2);
    CountDownLatch started = new CountDownLatch(2);
    for (int i = 0; i < 2; i++) {
      pool.submit(() -> {
        started.countDown();
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
        return null;
      });
    }
    awaitQuietly(started);
    Threads.shutdownAndWait(pool);
    assertTrue(pool.isTerminated());
    assertFalse(Thread.currentThread().isInterrupted());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
