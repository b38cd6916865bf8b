package dev.lox.testing;

import dev.lox.io.AtomicFiles;
import dev.lox.testing.TestResult.Outcome;
import dev.lox.testing.discovery.IoErrors;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.Execution;
import dev.lox.testing.exec.LoxExecutor;
import dev.lox.testing.exec.OutputLimit;
import dev.lox.testing.expect.ExpectationChecker;
import dev.lox.testing.expect.ExpectationParser;
import dev.lox.testing.expect.ExpectationRewriter;
import dev.lox.testing.expect.Failure.Kind;
import dev.lox.testing.expect.Failure;
import dev.lox.testing.expect.Rewrite;
import dev.lox.testing.expect.TestSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one test file: read it, parse its expectations, run it, check the run, and in bless mode
 * rewrite it. Shared by {@link TestRunner} and the JUnit engine so both judge tests alike.
 */
public final class TestFileRunner {
  private final LoxExecutor executor;
  private final Duration timeout;
  private final UpdateMode update;

  public TestFileRunner(LoxExecutor executor, Duration timeout, UpdateMode update) {
    this.executor = executor;
    this.timeout = timeout;
    this.update = update;
  }

  public TestResult run(TestFile file) {
    byte[] source;
    try {
      source = Files.readAllBytes(file.path());
    } catch (IOException e) {
      Failure unreadable = new Failure(Kind.UNREADABLE, 0, "cannot read " + file.path() + ": " + IoErrors.describe(e));
      return result(file, List.of(unreadable), Optional.empty(), Optional.empty(), Optional.empty());
    }
    TestSpec spec = ExpectationParser.parse(source);
    if (spec.nonTest()) {
      return new TestResult(
          file, Outcome.NOT_A_TEST, List.of(), Optional.of(spec), Optional.empty(), Optional.empty(), "");
    }
    if (spec.isBroken()) {
      Failure broken =
          new Failure(
              Kind.BROKEN_TEST,
              spec.runtimeError().get().line(),
              "test error: cannot expect both compile and runtime errors");
      return result(file, List.of(broken), Optional.of(spec), Optional.empty(), Optional.empty());
    }
    Execution execution = executor.execute(file.path(), source, timeout);
    List<Failure> failures = judge(spec, execution);
    Optional<UpdateReport> updated = Optional.empty();
    if (!failures.isEmpty() && update != UpdateMode.NONE && execution.ending() == Execution.Ending.EXITED) {
      updated = Optional.of(bless(file, source, spec, execution));
      if (updated.get().written()) {
        failures = List.of();
      }
    }
    return result(file, failures, Optional.of(spec), Optional.of(execution), updated);
  }

  private List<Failure> judge(TestSpec spec, Execution execution) {
    switch (execution.ending()) {
      case TIMED_OUT:
        return List.of(
            new Failure(Kind.TIMEOUT, 0, "timed out after " + seconds(timeout) + " s (stopped)"));
      case OUTPUT_LIMIT:
        return List.of(
            new Failure(
                Kind.OUTPUT_LIMIT,
                0,
                "wrote more than "
                    + OutputLimit.describe(executor.outputLimit())
                    + " of output (stopped)"));
      case CRASHED:
        return List.of(new Failure(Kind.CRASH, 0, execution.detail()));
      case OUT_OF_MEMORY:
        return List.of(new Failure(Kind.OUT_OF_MEMORY, 0, execution.detail()));
      default:
        return ExpectationChecker.check(
            spec, execution.stdout(), execution.stderr(), execution.exitCode());
    }
  }

  private UpdateReport bless(TestFile file, byte[] source, TestSpec spec, Execution execution) {
    Rewrite rewrite =
        ExpectationRewriter.rewrite(
            source,
            spec,
            execution.stdout(),
            execution.stderr(),
            execution.exitCode(),
            update == UpdateMode.OUTPUT_AND_ERRORS);
    if (rewrite instanceof Rewrite.Changed changed) {
      try {
        // Through a temporary file: an update cut short must not leave half a test behind.
        AtomicFiles.write(file.path(), changed.source());
        return UpdateReport.written(changed.changes());
      } catch (IOException e) {
        return UpdateReport.refused("cannot write " + file.path() + ": " + IoErrors.describe(e));
      }
    }
    if (rewrite instanceof Rewrite.Refused refused) {
      return UpdateReport.refused(refused.reason());
    }
    return UpdateReport.refused("nothing to rewrite");
  }

  private static TestResult result(
      TestFile file,
      List<Failure> failures,
      Optional<TestSpec> spec,
      Optional<Execution> execution,
      Optional<UpdateReport> update) {
    Outcome outcome = failures.isEmpty() ? Outcome.PASSED : Outcome.FAILED;
    return new TestResult(file, outcome, failures, spec, execution, update, "");
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : Double.toString(millis / 1000.0);
  }
}
