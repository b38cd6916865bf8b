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
    List<TestResult> results =
        runAll(failedOnesFirst(found.files(), failedBefore), libraries.libraries());
    Map<TestFile, Integer> discoveryOrder = new HashMap<>();
    found.files().forEach(file -> discoveryOrder.put(file, discoveryOrder.size()));
    results.sort(Comparator.comparing(r -> discoveryOrder.get(r.file())));
    results.removeIf(r -> r.outcome() == Outcome.NOT_A_TEST);
    request.failureHistory().ifPresent(file -> FailureHistory.save(file, failedBefore, results));
    List<String> problems = new ArrayList<>();
    List<Path> reports = new ArrayList<>();
    if (request.reportsDir().isPresent()) {
      try {
        reports.addAll(SurefireReportWriter.write(request.reportsDir().get(), results, request.reportPaths()));
      } catch (IOException e) {
        problems.add(
            "cannot write reports to " + request.reportsDir().get() + ": " + IoErrors.describe(e));
      }
    }
    return new TestRunResult(results, problems, reports, since(start));
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
      announce(skipped);
      return skipped;
    }
    synchronized (listenerLock) {
      request.listener().testStarted(file);
    }
    TestResult result = fileRunner.run(file);
    if (result.failed()) {
      failureCount.incrementAndGet();
    }
    if (result.outcome() != Outcome.NOT_A_TEST) {
      announce(result);
    }
    return result;
  }

  private void announce(TestResult result) {
    synchronized (listenerLock) {
      request.listener().testFinished(result);
    }
  }

  /** A test whose worker died of something unexpected fails with that, and the run goes on. */
  private TestResult await(Future<TestResult> future, TestFile file) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      TestResult crashed =
          new TestResult(
              file,
              Outcome.FAILED,
              List.of(new Failure(Failure.Kind.CRASH, 0, "runner error: " + e.getCause())),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "");
      announce(crashed);
      return crashed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TestResult.skipped(file, "not run: interrupted");
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
