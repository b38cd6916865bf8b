package dev.lox.testing.cli;

import dev.lox.api.ExitCodes;
import dev.lox.testing.InvalidTestRequestException;
import dev.lox.testing.TestRequest;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.TestRunner;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.report.ConsoleReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  // Numbers are taken as text: TestRequest reads them, with the same rules and messages for
  // every front end.
  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Tests run at once (default: the number of cores).")
  String jobs;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Time limit per test, fractions allowed; a test past it is stopped and fails (default: 10).")
  String timeoutSeconds;

  @Option(
      names = "--filter",
      paramLabel = "PATTERNS",
      description = {
        "Run only the tests whose path below its root matches: comma-separated globs, '!' to exclude;",
        "a name matches at any depth, .lox optional, a directory its contents, e.g. 'closure,!*/assign*'",
        "(repeatable)."
      })
  List<String> filters = new ArrayList<>();

  @Option(
      names = "--max-failures",
      paramLabel = "N",
      description = "Start no more tests after N failures; the rest count as skipped.")
  String maxFailures;

  @Option(
      names = "--max-output",
      paramLabel = "BYTES",
      description = {
        "Bytes a test may write to stdout, and as many to stderr, before it is stopped and fails",
        "(default: 16777216, 16 MiB; at most 1073741824). Output is kept in memory, per running test."
      })
  String maxOutput;

  @Option(
      names = "--interpreter",
      paramLabel = "CMD",
      description = "Run each test as 'CMD FILE' (e.g. clox) instead of in this JVM.")
  String interpreter;

  @Option(
      names = "--jit",
      paramLabel = "MODE",
      description = "When the in-process VM compiles Lox to JVM bytecode: off, auto or always (default: as lox without --jit).")
  String jit;

  @Option(
      names = "--lib",
      paramLabel = "PATH",
      description = {
        "Load a library into each test's VM before the test: a .lox or .loxc file, or a directory",
        "(every such file below it, sorted by path); repeatable, loaded in the order given."
      })
  List<Path> libraries = new ArrayList<>();

  @Option(
      names = "--reports",
      paramLabel = "DIR",
      description = "Write JUnit XML reports as Maven Surefire does (TEST-*.xml, one per directory).")
  Path reports;

  @Option(
      names = "--suite-prefix",
      paramLabel = "NAME",
      description = {
        "What suite names (report files, classnames) start with, then the test's directories",
        "(default: the name of the directory searched; e.g. a module's groupId.artifactId)."
      })
  String suitePrefix;

  @Option(
      names = "--fork",
      description = "Run the tests in a child JVM (one for the run), so that a test exhausting its heap cannot end this one.")
  boolean fork;

  @Option(
      names = "--arg-line",
      paramLabel = "OPTIONS",
      description = "With --fork: options of the child JVM, as Surefire's argLine (e.g. '-Xmx64m').")
  String argLine;

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
      names = {"-v", "--verbose"},
      description = "Print a line for every test as it finishes, not only for failures.")
  boolean verbose;

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
    if (updateErrors && !update) {
      return usageErrors(List.of("--update-errors goes with --update"));
    }
    TestRequest request;
    try {
      request = request();
    } catch (InvalidTestRequestException e) {
      return usageErrors(e.messages(LoxTestCommand::optionName));
    }
    TestRunResult result = TestRunner.run(request);
    boolean ran = !result.results().isEmpty() || result.problems().isEmpty();
    if (ran) {
      out.println();
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

  /** The options as a request; only those given are set, the others keep its defaults. */
  TestRequest request() {
    TestRequest.Builder request =
        TestRequest.builder(paths)
            .filters(filters)
            .libraries(libraries)
            .skipBookChapters(!noBookSkips)
            .update(updateErrors ? UpdateMode.OUTPUT_AND_ERRORS : update ? UpdateMode.OUTPUT : UpdateMode.NONE)
            .listener(new ConsolePrinter(out, verbose));
    if (jobs != null) {
      request.jobs(jobs);
    }
    if (timeoutSeconds != null) {
      request.timeoutSeconds(timeoutSeconds);
    }
    if (maxFailures != null) {
      request.maxFailures(maxFailures);
    }
    if (maxOutput != null) {
      request.maxOutputBytes(maxOutput);
    }
    if (interpreter != null) {
      request.interpreter(interpreter);
    }
    if (jit != null) {
      request.jit(jit);
    }
    if (reports != null) {
      request.reportsDir(reports);
    }
    if (suitePrefix != null) {
      request.suitePrefix(suitePrefix);
    }
    request.fork(fork);
    if (argLine != null) {
      request.argLine(argLine);
    }
    if (!noHistory) {
      request.failureHistory(history);
    }
    return request.build();
  }

  /** The request's settings under this command's option names. */
  private static String optionName(TestRequest.Option option) {
    return switch (option) {
      case JOBS -> "--jobs";
      case TIMEOUT -> "--timeout";
      case FILTER -> "--filter";
      case MAX_FAILURES -> "--max-failures";
      case INTERPRETER -> "--interpreter";
      case JIT -> "--jit";
      case LIBRARIES -> "--lib";
      case MAX_OUTPUT -> "--max-output";
      case SUITE_PREFIX -> "--suite-prefix";
      case FORK -> "--fork";
      case ARG_LINE -> "--arg-line";
    };
  }

  /** One line per problem, as for any other bad usage. */
  private int usageErrors(List<String> messages) {
    messages.forEach(message -> err.println("lox-test: " + message + " (see --help)"));
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
