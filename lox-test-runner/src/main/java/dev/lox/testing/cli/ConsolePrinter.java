package dev.lox.testing.cli;

import dev.lox.testing.TestListener;
import dev.lox.testing.TestResult;
import dev.lox.testing.report.ConsoleReport;
import java.io.PrintWriter;

/** Prints each failure, and each rewritten test, as soon as the test is done. */
final class ConsolePrinter implements TestListener {
  private final PrintWriter out;

  ConsolePrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void testFinished(TestResult result) {
    if (result.failed()) {
      out.println(ConsoleReport.failureBlock(result));
    } else if (result.update().map(u -> u.written()).orElse(false)) {
      out.println(ConsoleReport.updateBlock(result));
    }
    out.flush();
  }
}
