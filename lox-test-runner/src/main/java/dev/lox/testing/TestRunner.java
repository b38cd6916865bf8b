package dev.lox.testing;

import dev.lox.concurrent.Threads;
import dev.lox.testing.TestResult.Outcome;
import dev.lox.testing.discovery.IoErrors;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.discovery.TestFinder;
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

  private TestRunner(TestRequest request) {
    this.request = request;
  }

  public static TestRunResult run(TestRequest request) {
    return new TestRunner(request).run();
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

  private List<TestResult> runAll(List<TestFile> files, ProjectLibraries libraries) {
    List<TestResult> results = new ArrayList<>();
    ExecutorService pool = Threads.pool("lox-test", request.jobs());
    try (LoxExecutor executor = LoxExecutor.create(
        request.interpreter(), request.jit(), libraries, request.maxOutputBytes())) {
      TestFileRunner fileRunner = new TestFileRunner(executor, request.timeout(), request.update());
      List<Future<TestResult>> futures = new ArrayList<>();
      for (TestFile file : files) {
        futures.add(pool.submit(() -> runOne(fileRunner, file)));
      }
      for (int i = 0; i < files.size(); i++) {
        results.add(await(futures.get(i), files.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    return results;
  }

  private TestResult runOne(TestFileRunner fileRunner, TestFile file) {
    int limit = request.maxFailures();
    if (limit > 0 && failureCount.get() >= limit) {
      TestResult skipped = TestResult.skipped(file, "not run: " + limit + " failures reached the limit");
      finished(file, skipped);
      return skipped;
    }
    synchronized (listenerLock) {
      suites.get(request.suiteName(file)).started();
      request.listener().testStarted(file);
    }
    TestResult result;
    try {
      result = fileRunner.run(file);
    } catch (RuntimeException | Error e) {
      // A test whose run died of something unexpected ends in an error, and the run goes on.
      result = crashed(file, e);
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
      if (result.outcome() != Outcome.NOT_A_TEST) {
        request.listener().testFinished(result);
      }
      SuiteProgress suite = suites.get(request.suiteName(file));
      if (suite.finished(result)) {
        suite.results.sort(Comparator.comparing(r -> discoveryOrder.get(r.file())));
        SuiteResult done = new SuiteResult(suite.name, suite.results, suite.elapsed());
        finishedSuites.add(done);
        request.listener().suiteFinished(done);
      }
    }
  }

  private static TestResult crashed(TestFile file, Throwable cause) {
    return new TestResult(
        file,
        Outcome.FAILED,
        List.of(new Failure(Failure.Kind.CRASH, 0, "runner error: " + cause)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "");
  }

  private TestResult await(Future<TestResult> future, TestFile file) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      // runOne catches what a test throws; this is for what it cannot, and is reported alike.
      TestResult crashed = crashed(file, e.getCause());
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

    /** Records one more file as done; true when it was the last and the suite has tests. */
    boolean finished(TestResult result) {
      endNanos = System.nanoTime();
      if (result.outcome() != Outcome.NOT_A_TEST) {
        results.add(result);
      }
      files--;
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
