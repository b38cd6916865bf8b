package dev.lox.testing.cli;

import dev.lox.api.ExitCodes;
import dev.lox.testing.TestRequest;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.TestRunner;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.exec.CommandLine;
import dev.lox.testing.report.ConsoleReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The options of {@code lox-test}, turned into a {@link TestRequest}. */
@Command(
    name = "lox-test",
    mixinStandardHelpOptions = true,
    version = "lox-test 0.1.0",
    sortOptions = false,
    description = {
      "Runs Lox tests: .lox files whose // expect: comments say what they must print.",
      "Exit code: 0 when no test failed, 1 when some did, 64 for bad usage."
    })
final class LoxTestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Test files, or directories searched for *.lox.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Tests run at once (default: the number of cores, ${DEFAULT-VALUE}).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Time limit per test; a test past it is stopped and fails (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds = TestRequest.DEFAULT_TIMEOUT.toSeconds();

  @Option(
      names = "--filter",
      paramLabel = "GLOB",
      description = "Run only tests whose path below its root matches, e.g. 'closure/**' (repeatable).")
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--max-failures",
      paramLabel = "N",
      description = "Start no more tests after N failures; the rest count as skipped.")
  int maxFailures;

  @Option(
      names = "--interpreter",
      paramLabel = "CMD",
      description = "Run each test as 'CMD FILE' (e.g. clox) instead of in this JVM.")
  String interpreter;

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Write JUnit XML reports as Maven Surefire does (TEST-*.xml, one per directory).")
  Path reports;

  @Option(
      names = "--update",
      description = "Rewrite the // expect: comments of failing tests from their actual output.")
  boolean update;

  @Option(
      names = "--update-errors",
      description = "With --update, rewrite error expectations too.")
  boolean updateErrors;

  @Option(
      names = "--history",
      paramLabel = "FILE",
      description = "Where the tests that failed last are kept, to run them first (default: ${DEFAULT-VALUE}).")
  Path history = defaultHistory();

  @Option(names = "--no-history", description = "Neither read nor write the history.")
  boolean noHistory;

  @Option(
      names = "--no-book-skips",
      description = "Also run the book suite's benchmark/, scanning/ and expressions/ folders.")
  boolean noBookSkips;

  private final PrintWriter out;
  private final PrintWriter err;

  LoxTestCommand(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Optional<String> problem = checkOptions();
    if (problem.isPresent()) {
      return usageError(problem.get());
    }
    TestRequest.Builder request =
        TestRequest.builder(paths)
            .jobs(jobs)
            .timeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)))
            .filters(filters)
            .maxFailures(maxFailures)
            .skipBookChapters(!noBookSkips)
            .update(updateErrors ? UpdateMode.OUTPUT_AND_ERRORS : update ? UpdateMode.OUTPUT : UpdateMode.NONE)
            .listener(new ConsolePrinter(out));
    if (interpreter != null) {
      request.interpreter(CommandLine.split(interpreter).orElseThrow());
    }
    if (reports != null) {
      request.reportsDir(reports);
    }
    if (!noHistory) {
      request.failureHistory(history);
    }
    TestRunResult result = TestRunner.run(request.build());
    boolean ran = !result.results().isEmpty() || result.problems().isEmpty();
    if (ran) {
      out.println(ConsoleReport.summary(result));
      out.flush();
    }
    result.problems().forEach(p -> err.println("lox-test: " + p));
    err.flush();
    if (!result.problems().isEmpty()) {
      return ExitCodes.USAGE;
    }
    return result.succeeded() ? ExitCodes.OK : ExitCodes.TESTS_FAILED;
  }

  private Optional<String> checkOptions() {
    if (jobs < 1) {
      return Optional.of("--jobs must be at least 1");
    }
    if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
      return Optional.of("--timeout must be a number of seconds above 0 (and at most a day)");
    }
    if (maxFailures < 0) {
      return Optional.of("--max-failures must be 0 (no limit) or more");
    }
    if (interpreter != null && CommandLine.split(interpreter).isEmpty()) {
      return Optional.of("--interpreter needs a command, with balanced quotes");
    }
    if (updateErrors && !update) {
      return Optional.of("--update-errors goes with --update");
    }
    return Optional.empty();
  }

  private int usageError(String message) {
    err.println("lox-test: " + message + " (see --help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  private static Path defaultHistory() {
    String cache = System.getenv("XDG_CACHE_HOME");
    Path base =
        cache != null && !cache.isEmpty()
            ? Path.of(cache)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("lox-test").resolve("last-failures");
  }
}
