package dev.lox.testing;

import dev.lox.concurrent.Threads;
import dev.lox.testing.TestResult.Outcome;
import dev.lox.testing.discovery.IoErrors;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.discovery.TestFinder;
import dev.lox.testing.exec.ForkedExecutor;
import dev.lox.testing.exec.LoxExecutor;
import dev.lox.testing.exec.ProjectLibraries;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.report.SurefireReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link TestRequest} (checked when it was built): finds the tests, runs them on {@code
 * jobs} threads (previous failures first), writes reports, and returns every result. Never
 * prints, never exits.
 */
public final class TestRunner {
  private final TestRequest request;
  private final Object listenerLock = new Object();
  private final AtomicInteger failureCount = new AtomicInteger();
  /** The suites still running, by name; guarded by {@link #listenerLock}. */
  private final Map<String, SuiteProgress> suites = new HashMap<>();
  /** Each file's place in discovery order, to list a suite's results in it. */
  private final Map<TestFile, Integer> discoveryOrder = new HashMap<>();
  /** The suites done, in the order they finished; guarded by {@link #listenerLock}. */
  private final List<SuiteResult> finishedSuites = new ArrayList<>();

  /** Where the programs run, when a test of this class says; else as the request says. */
  private final Optional<LoxExecutor> givenExecutor;

  private TestRunner(TestRequest request, Optional<LoxExecutor> givenExecutor) {
    this.request = request;
    this.givenExecutor = givenExecutor;
  }

  public static TestRunResult run(TestRequest request) {
    return new TestRunner(request, Optional.empty()).run();
  }

  /** As {@link #run(TestRequest)}, the programs run by {@code executor}: for tests of the runner. */
  static TestRunResult run(TestRequest request, LoxExecutor executor) {
    return new TestRunner(request, Optional.of(executor)).run();
  }

  private TestRunResult run() {
    long start = System.nanoTime();
    TestFinder.Found found =
        TestFinder.find(request.paths(), request.filter(), request.skipBookChapters());
    if (!found.problems().isEmpty()) {
      return new TestRunResult(List.of(), found.problems(), List.of(), since(start));
    }
    ProjectLibraries.Prepared libraries = ProjectLibraries.prepare(request.libraries(), request.jit());
    if (!libraries.succeeded()) {
      // One report for the run: a broken library would otherwise fail every test alike.
      return new TestRunResult(List.of(), libraries.problems(), List.of(), since(start));
    }
    Set<String> failedBefore =
        request.failureHistory().map(FailureHistory::load).orElse(Set.of());
    for (TestFile file : found.files()) {
      discoveryOrder.put(file, discoveryOrder.size());
      suites.computeIfAbsent(request.suiteName(file), SuiteProgress::new).files++;
    }
    List<TestResult> results =
        runAll(failedOnesFirst(found.files(), failedBefore), libraries.libraries());
    results.sort(Comparator.comparing(r -> discoveryOrder.get(r.file())));
    results.removeIf(r -> r.outcome() == Outcome.NOT_A_TEST);
    request.failureHistory().ifPresent(file -> FailureHistory.save(file, failedBefore, results));
    List<String> problems = new ArrayList<>();
    List<Path> reports = new ArrayList<>();
    if (request.reportsDir().isPresent()) {
      try {
        reports.addAll(SurefireReportWriter.writeSuites(
            request.reportsDir().get(), suitesInDiscoveryOrder(), request.reportPaths()));
      } catch (IOException e) {
        problems.add(
            "cannot write reports to " + request.reportsDir().get() + ": " + IoErrors.describe(e));
      }
    }
    return new TestRunResult(results, problems, reports, since(start));
  }

  private List<SuiteResult> suitesInDiscoveryOrder() {
    synchronized (listenerLock) {
      List<SuiteResult> ordered = new ArrayList<>(finishedSuites);
      ordered.sort(Comparator.comparing(s -> discoveryOrder.get(s.results().get(0).file())));
      return ordered;
    }
  }

  private static List<TestFile> failedOnesFirst(List<TestFile> files, Set<String> failedBefore) {
    List<TestFile> ordered = new ArrayList<>(files);
    ordered.sort(
        Comparator.comparing(f -> !failedBefore.contains(FailureHistory.key(f.path()))));
    return ordered;
  }

  /**
   * Runs every test on the pool. A test that ran out of memory is not reported yet: tests running
   * beside a runaway one share its heap and may run out too. Once the pool is done, each of them
   * runs again alone, and what it does then is its result: a runaway test runs out of memory
   * again, and that error is its own; the others pass or fail on their merits.
   */
  private List<TestResult> runAll(List<TestFile> files, ProjectLibraries libraries) {
    // Number formatting loads its locale data on first use; done now, a test that later fills
    // the heap cannot make that fail (for good) for the others.
    String.format(Locale.ROOT, "%.3f", 0.0);
    List<TestResult> results = new ArrayList<>();
    ExecutorService pool = Threads.pool("lox-test", request.jobs());
    try (LoxExecutor executor = executor(libraries)) {
      TestFileRunner fileRunner = new TestFileRunner(executor, request.timeout(), request.update());
      List<Future<TestResult>> futures = new ArrayList<>();
      for (TestFile file : files) {
        futures.add(pool.submit(() -> runOne(fileRunner, file, true)));
      }
      List<TestFile> outOfMemory = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        TestResult result = await(futures.get(i), files.get(i));
        if (result == null) {
          outOfMemory.add(files.get(i));
        } else {
          results.add(result);
        }
      }
      for (TestFile file : outOfMemory) {
        results.add(runOne(fileRunner, file, false));
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  /**
   * Where the programs run: a child JVM when forking (which loads the libraries itself, from their
   * files), else this JVM or the external interpreter.
   */
  private LoxExecutor executor(ProjectLibraries libraries) {
    if (givenExecutor.isPresent()) {
      return givenExecutor.get();
    }
    if (request.fork()) {
      return new ForkedExecutor(new ForkedExecutor.Settings(
          ForkedExecutor.currentJava(),
          request.argLine(),
          request.forkClasspath(),
          request.jit(),
          request.libraries(),
          request.maxOutputBytes(),
          request.jobs()));
    }
    return LoxExecutor.create(request.interpreter(), request.jit(), libraries, request.maxOutputBytes());
  }

  /**
   * Runs a test and reports it; null, unreported, when it ran out of memory and {@code
   * deferOutOfMemory} asks for it to run again alone.
   */
  private TestResult runOne(TestFileRunner fileRunner, TestFile file, boolean deferOutOfMemory) {
    int limit = request.maxFailures();
    if (limit > 0 && failureCount.get() >= limit) {
      TestResult skipped = TestResult.skipped(file, "not run: " + limit + " failures reached the limit");
      finished(file, skipped);
      return skipped;
    }
    if (deferOutOfMemory) {
      synchronized (listenerLock) {
        suites.get(request.suiteName(file)).started();
        request.listener().testStarted(file);
      }
    }
    TestResult result;
    try {
      result = fileRunner.run(file);
    } catch (OutOfMemoryError e) {
      // Nothing allocated here: the heap may still be full of another test's objects.
      result = null;
    } catch (RuntimeException | Error e) {
      if (causedByOutOfMemory(e)) {
        // Out of memory inside a library, which wrapped it (a service that failed to load).
        result = null;
      } else {
        // A test whose run died of something unexpected ends in an error, and the run goes on.
        result = crashed(file, Failure.Kind.CRASH, "runner error: " + e);
      }
    }
    if (result == null || result.ranOutOfMemory()) {
      if (deferOutOfMemory) {
        return null;
      }
      if (result == null) {
        result = crashed(file, Failure.Kind.OUT_OF_MEMORY, "ran the JVM out of memory");
      }
    }
    if (result.failed()) {
      failureCount.incrementAndGet();
    }
    finished(file, result);
    return result;
  }

  /**
   * Tells the listener about a test that is done, and about its suite when it was the last one:
   * under one lock, so that lines printed by listeners never interleave.
   */
  private void finished(TestFile file, TestResult result) {
    synchronized (listenerLock) {
      SuiteProgress suite = suites.get(request.suiteName(file));
      // Once per file, should running out of memory below have sent it round again (see await).
      boolean last = suite.finished(result);
      if (result.outcome() != Outcome.NOT_A_TEST) {
        request.listener().testFinished(result);
      }
      if (last) {
        suite.results.sort(Comparator.comparing(r -> discoveryOrder.get(r.file())));
        SuiteResult done = new SuiteResult(suite.name, suite.results, suite.elapsed());
        // A suite reported again (see await) replaces what it said before.
        finishedSuites.removeIf(before -> before.name().equals(done.name()));
        finishedSuites.add(done);
        request.listener().suiteFinished(done);
      }
    }
  }

  private static TestResult crashed(TestFile file, Failure.Kind kind, String message) {
    return new TestResult(
        file,
        Outcome.FAILED,
        List.of(new Failure(kind, 0, message)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "");
  }

  private static boolean causedByOutOfMemory(Throwable thrown) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  private TestResult await(Future<TestResult> future, TestFile file) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (causedByOutOfMemory(e.getCause())) {
        // Out of memory outside the test's own run (making its result, or reporting it or its
        // suite, while another test still held the heap): it runs again alone, as runOne defers
        // it, and is reported again, its suite too.
        return null;
      }
      // runOne catches what a test throws; this is for what it cannot, and is reported alike.
      TestResult crashed = crashed(file, Failure.Kind.CRASH, "runner error: " + e.getCause());
      finished(file, crashed);
      return crashed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TestResult.skipped(file, "not run: interrupted");
    }
  }

  /** A suite while its tests run: how many are left, what the done ones gave, since when. */
  private static final class SuiteProgress {
    final String name;
    final List<TestResult> results = new ArrayList<>();
    int files;
    long startNanos = -1;
    long endNanos;

    SuiteProgress(String name) {
      this.name = name;
    }

    void started() {
      if (startNanos < 0) {
        startNanos = System.nanoTime();
      }
    }

    /**
     * Records one more file as done, or its result again if it was already (it ran again after
     * running out of memory while being reported); true when it was the last and the suite has
     * tests.
     */
    boolean finished(TestResult result) {
      endNanos = System.nanoTime();
      boolean again = results.removeIf(done -> done.file().equals(result.file()));
      if (result.outcome() != Outcome.NOT_A_TEST) {
        results.add(result);
      }
      if (!again) {
        files--;
      }
      return files == 0 && !results.isEmpty();
    }

    Duration elapsed() {
      return startNanos < 0 ? Duration.ZERO : Duration.ofNanos(endNanos - startNanos);
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
