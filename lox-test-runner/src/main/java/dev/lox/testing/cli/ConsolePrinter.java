package dev.lox.testing.cli;

import dev.lox.testing.SuiteResult;
import dev.lox.testing.TestListener;
import dev.lox.testing.TestResult;
import dev.lox.testing.report.ConsoleReport;
import java.io.PrintWriter;

/**
 * Prints each failure, and each rewritten test, as soon as the test is done, and a line for each
 * directory once all its tests are; with {@code verbose}, a line for every other test too. The
 * runner calls it for one test at a time, so blocks never interleave.
 */
final class ConsolePrinter implements TestListener {
  private final PrintWriter out;
  private final boolean verbose;

  ConsolePrinter(PrintWriter out, boolean verbose) {
    this.out = out;
    this.verbose = verbose;
  }

  @Override
  public void testFinished(TestResult result) {
    if (result.failed()) {
      out.println(ConsoleReport.failureBlock(result));
    } else if (result.update().map(u -> u.written()).orElse(false)) {
      out.println(ConsoleReport.updateBlock(result));
    } else if (verbose) {
      out.println(ConsoleReport.testLine(result, result.file().path().toString()));
    }
    out.flush();
  }

  @Override
  public void suiteFinished(SuiteResult suite) {
    out.println(ConsoleReport.suiteLine(suite));
    out.flush();
  }
}
