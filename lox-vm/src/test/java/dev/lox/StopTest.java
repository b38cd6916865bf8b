package dev.lox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Lox#stop()}: ending a run from another thread. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StopTest {
  /** The compiling tier's mode these tests run in; a subclass runs them all compiled. */
  JitMode mode() {
    return JitMode.OFF;
  }

  /** How long a stop may take to land. Generous: CI machines are slow and shared. */
  private static final long STOP_WITHIN_MS = 5_000;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Lox lox = new Lox(out, err, mode());
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "stop-test-runner");
    thread.setDaemon(true);
    return thread;
  });

  @AfterEach
  void tearDown() {
    lox.stop(); // in case a test failed with its program still running
    executor.shutdownNow();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Starts the program, lets it run a little, stops it; returns the result and checks timing. */
  private RunResult runAndStop(String source) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    lox.defineNative("started", args -> {
      started.countDown();
      return null;
    });
    Future<RunResult> run = executor.submit(() -> lox.interpret(utf8("started();\n" + source)));
    assertTrue(started.await(30, TimeUnit.SECONDS), "program did not start");
    Thread.sleep(100);
    assertFalse(run.isDone(), "the program ended by itself");
    long before = System.nanoTime();
    lox.stop();
    RunResult result = run.get(STOP_WITHIN_MS, TimeUnit.MILLISECONDS);
    long tookMs = (System.nanoTime() - before) / 1_000_000;
    assertTrue(tookMs < STOP_WITHIN_MS, "stop took " + tookMs + " ms");
    lox.flush();
    return result;
  }

  private void assertStopped(RunResult result) {
    assertEquals(Status.STOPPED, result.status(), () -> "stderr: " + err.toString(StandardCharsets.UTF_8));
    assertEquals(130, result.exitCode());
    assertEquals(null, result.runtimeError());
    assertEquals("", err.toString(StandardCharsets.UTF_8), "a stop is not an error");
  }

  @Test
  void stopsAnEmptyInfiniteLoop() throws Exception {
    assertStopped(runAndStop("while (true) {}"));
  }

  @Test
  void stopsAForLoopWithWork() throws Exception {
    assertStopped(runAndStop("var i = 0; for (;;) { i = i + 1; var s = \"a\" + \"b\"; }"));
  }

  @Test
  void stopsALoopOfCalls() throws Exception {
    assertStopped(runAndStop("fun f(n) { if (n > 0) return f(n - 1); return n; }\nwhile (true) f(50);"));
  }

  @Test
  void stopsEndlessCallsWithoutAnyLoop() throws Exception {
    // 2^60 calls, never deeper than 60 frames, and no loop instruction anywhere.
    assertStopped(runAndStop("fun tree(n) { if (n == 0) return; tree(n - 1); tree(n - 1); }\ntree(60);"));
  }

  @Test
  void stopsEndlessMethodCalls() throws Exception {
    assertStopped(runAndStop(String.join("\n",
        "class Tree {",
        "  walk(n) { if (n == 0) return; this.walk(n - 1); this.walk(n - 1); }",
        "}",
        "class Sub < Tree { walk(n) { if (n == 0) return; super.walk(n - 1); super.walk(n - 1); } }",
        "Sub().walk(60);")));
  }

  @Test
  void stopsEndlessNativeAndClassCalls() throws Exception {
    assertStopped(runAndStop("class P { init() {} }\nfun spin(n) { if (n == 0) return; P(); clock(); spin(n - 1); spin(n - 1); }\nspin(60);"));
  }

  @Test
  void outputBeforeTheStopIsKept() throws Exception {
    RunResult result = runAndStop("print \"before\";\nwhile (true) {}\nprint \"after\";");
    assertStopped(result);
    assertEquals("before\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stopBeforeRunAppliesToTheNextRun() throws Exception {
    lox.stop();
    RunResult result =
        CompletableFuture.supplyAsync(() -> lox.interpret(utf8("while (true) {}")), executor)
            .get(STOP_WITHIN_MS, TimeUnit.MILLISECONDS);
    assertStopped(result);
    // The request is used up: the run after that goes to the end.
    assertEquals(Status.OK, lox.interpret(utf8("for (var i = 0; i < 3; i = i + 1) print i;")).status());
    lox.flush();
    assertEquals("0\n1\n2\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stopBeforeARunWithoutLoopsOrCallsDoesNotLeakIntoLaterRuns() {
    lox.stop();
    // Nothing to stop at: the next run completes...
    assertEquals(Status.OK, lox.interpret(utf8("print 1;")).status());
    // ... and the request that applied to it must not stop the run after it.
    assertEquals(Status.OK, lox.interpret(utf8("for (var i = 0; i < 3; i = i + 1) print i;")).status());
    lox.flush();
    assertEquals("1\n0\n1\n2\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsAgainAfterBeingStopped() throws Exception {
    assertStopped(runAndStop("var kept = \"yes\";\nfun f() { while (true) {} }\nf();"));
    RunResult result = lox.interpret(utf8("print kept; fun g(n) { return n * 2; } print g(21);"));
    lox.flush();
    assertEquals(Status.OK, result.status());
    assertEquals("yes\n42\n", out.toString(StandardCharsets.UTF_8));
    // And it can be stopped again.
    assertStopped(runAndStop("while (true) {}"));
  }

  @Test
  void stopWhileIdleThenRunCompiledScript() throws Exception {
    Script script = Lox.compile(utf8("var n = 0; while (n < 5) n = n + 1; print n;")).script();
    assertEquals(Status.OK, lox.run(script).status());
    lox.stop();
    assertEquals(Status.STOPPED, lox.run(script).status());
    assertEquals(Status.OK, lox.run(script).status());
    lox.flush();
    assertEquals("5\n5\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stoppingOneInstanceLeavesOthersRunning() throws Exception {
    ByteArrayOutputStream otherOut = new ByteArrayOutputStream();
    Lox other = new Lox(otherOut, new ByteArrayOutputStream(), mode());
    CountDownLatch otherStarted = new CountDownLatch(1);
    other.defineNative("started", args -> {
      otherStarted.countDown();
      return null;
    });
    Future<RunResult> otherRun = executor.submit(() -> other.interpret(utf8(
        "started(); var i = 0; while (i < 3000000) i = i + 1; print i;")));
    assertTrue(otherStarted.await(30, TimeUnit.SECONDS));
    assertStopped(runAndStop("while (true) {}"));
    assertEquals(Status.OK, otherRun.get(30, TimeUnit.SECONDS).status());
    other.flush();
    assertEquals("3e+06\n", otherOut.toString(StandardCharsets.UTF_8));
  }

  // ---- Natives that block ----

  /** A native that sleeps, as host code waiting on I/O or a lock would. */
  private static Object sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return null;
  }

  @Test
  void stopWakesANativeThatSleeps() throws Exception {
    lox.defineNative("sleep", args -> sleep(10_000));
    long before = System.nanoTime();
    RunResult result = runAndStop("print \"before\";\nsleep();\nprint \"after\";");
    assertTrue(System.nanoTime() - before < 5_000_000_000L, "the native was not woken");
    assertStopped(result);
    assertEquals("before\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void stopWakesANativeThatSwallowsTheInterrupt() throws Exception {
    lox.defineNative("nap", args -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        return "woken";
      }
      return "slept";
    });
    assertStopped(runAndStop("var r = nap();\nprint r;"));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theInterruptOfAStopDoesNotOutliveTheRun() throws Exception {
    lox.defineNative("sleep", args -> sleep(10_000));
    CountDownLatch started = new CountDownLatch(1);
    lox.defineNative("started", args -> {
      started.countDown();
      return null;
    });
    Future<Boolean> interruptedAfter = executor.submit(() -> {
      RunResult result = lox.interpret(utf8("started();\nsleep();"));
      assertEquals(Status.STOPPED, result.status());
      return Thread.currentThread().isInterrupted();
    });
    assertTrue(started.await(30, TimeUnit.SECONDS));
    Thread.sleep(100);
    lox.stop();
    assertFalse(interruptedAfter.get(STOP_WITHIN_MS, TimeUnit.MILLISECONDS), "interrupt flag leaked");
    // The stop is spent: the next run on that thread goes to the end.
    Future<RunResult> next = executor.submit(() -> lox.interpret(utf8("var i = 0; while (i < 10) i = i + 1;")));
    assertEquals(Status.OK, next.get(30, TimeUnit.SECONDS).status());
  }

  @Test
  void anInterruptThatIsNotAStopIsTheHostsOwn() {
    lox.defineNative("sleep", args -> {
      Thread.currentThread().interrupt();
      return sleep(10_000);
    });
    RunResult result = lox.interpret(utf8("sleep();"));
    // No stop was asked for: the native's failure is a runtime error, and the interrupt, which
    // the VM did not send, is left for the host.
    assertEquals(Status.RUNTIME_ERROR, result.status());
    assertEquals("interrupted", result.runtimeError().message());
    assertTrue(Thread.interrupted());
  }
}
