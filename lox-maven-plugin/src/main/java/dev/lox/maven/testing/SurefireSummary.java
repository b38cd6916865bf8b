package dev.lox.maven.testing;

import dev.lox.testing.TestResult;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.report.ConsoleReport;
import dev.lox.testing.report.SurefireReportWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines Maven Surefire prints, for Lox tests: one per suite (a directory of tests, named as in
 * the XML reports) and the totals. Failures and errors are told apart as the XML reports tell
 * them ({@link TestResult#isError()}).
 */
public final class SurefireSummary {
  private SurefireSummary() {}

  /** {@code Tests run: N, Failures: N, Errors: N, Skipped: N}; skipped tests count as run. */
  public static String totals(TestRunResult run) {
    return ConsoleReport.summary(run);
  }

  /**
   * One suite's line, as Surefire prints it after running a test class.
   *
   * @param name the suite, as in its {@code TEST-name.xml} report
   * @param run how many tests, skipped ones included
   * @param failures how many failed, errors not included
   * @param errors how many ended in an error
   * @param skipped how many were skipped
   * @param time the tests' running times added up
   */
  public record Suite(
      String name, long run, long failures, long errors, long skipped, Duration time) {
    public boolean failed() {
      return failures > 0 || errors > 0;
    }

    /**
     * For example {@code Tests run: 3, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 0.012 s
     * <<< FAILURE! -- in test.closure}.
     */
    public String line() {
      return ConsoleReport.totals(run, failures, errors, skipped)
          + ", Time elapsed: " + String.format(Locale.ROOT, "%.3f", time.toNanos() / 1e9) + " s"
          + (failed() ? " <<< FAILURE!" : "")
          + " -- in " + name;
    }
  }

  /** The suites in the order their first test appears in the results. */
  public static List<Suite> suites(TestRunResult run) {
    Map<String, List<TestResult>> byName = new LinkedHashMap<>();
    for (TestResult result : run.results()) {
      byName.computeIfAbsent(SurefireReportWriter.suiteName(result.file()), name -> new ArrayList<>())
          .add(result);
    }
    List<Suite> suites = new ArrayList<>();
    byName.forEach((name, results) -> suites.add(new Suite(
        name,
        results.size(),
        results.stream().filter(r -> r.failed() && !r.isError()).count(),
        results.stream().filter(TestResult::isError).count(),
        results.stream().filter(r -> r.outcome() == TestResult.Outcome.SKIPPED).count(),
        results.stream().map(TestResult::time).reduce(Duration.ZERO, Duration::plus))));
    return suites;
  }
}
