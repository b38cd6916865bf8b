package dev.lox.maven;

import dev.lox.testing.InvalidTestRequestException;
import dev.lox.testing.SuiteResult;
import dev.lox.testing.TestListener;
import dev.lox.testing.TestRequest;
import dev.lox.testing.TestResult;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.TestRunner;
import dev.lox.testing.UpdateMode;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.report.ConsoleReport;
import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.maven.compile.SourceError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the Lox expectation tests under the test directory ({@code // expect: ...} comments, as in
 * the book's test suite) through lox-test-runner: in this JVM, in parallel, each on a fresh VM.
 * Prints Surefire's summary and a diff of each failure's output, writes Surefire XML reports where
 * CI servers look for them, and fails the build when a test fails.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true)
public class TestMojo extends AbstractChunkMojo {
  private static final String RULE = "-------------------------------------------------------";

  /** The directory of Lox tests: every {@code .lox} file below it is a test. */
  @Parameter(
      property = "lox.testSourceDirectory",
      defaultValue = "${project.basedir}/src/test/lox",
      required = true)
  private File testSourceDirectory;

  /** Where the XML reports go, one {@code TEST-suite.xml} per directory of tests. */
  @Parameter(
      property = "lox.reportsDirectory",
      defaultValue = "${project.build.directory}/surefire-reports",
      required = true)
  private File reportsDirectory;

  /**
   * Runs only the tests matching this filter: comma-separated globs on a test's path below the
   * test directory, such as {@code closure/*} or {@code **}{@code /assign*}; {@code !GLOB}
   * excludes. A name without {@code /} matches at any depth, {@code .lox} may be left out, and a
   * directory matches what is in it: {@code -Dlox.test=unused} runs every {@code unused.lox},
   * {@code -Dlox.test='closure,!closure/slow*'} the folder {@code closure} but its slow tests.
   * The same syntax as {@code lox-test --filter}.
   */
  @Parameter(property = "lox.test")
  private String test;

  /**
   * The tests to run, as Surefire's {@code includes}: globs on a test's path below the test
   * directory, in the syntax of {@code lox.test} ({@code <include>money/**</include>}); default:
   * every test. Ignored when {@code lox.test} is given, as Surefire's are when {@code test} is.
   */
  @Parameter
  private List<String> includes;

  /**
   * The tests not to run, as Surefire's {@code excludes}: globs as for {@code includes} ({@code
   * <exclude>slow/**</exclude>}), each what {@code !GLOB} is in {@code lox.test}. Ignored when
   * {@code lox.test} is given.
   */
  @Parameter
  private List<String> excludes;

  /** How long one test may run, in seconds (fractions allowed), before it is stopped and failed. */
  @Parameter(property = "lox.test.timeout", defaultValue = "10")
  private double timeout;

  /** How many tests run at once; 0 means one per available processor. */
  @Parameter(property = "lox.test.threads", defaultValue = "0")
  private int threads;

  /**
   * When each test's VM compiles Lox to JVM bytecode: {@code off}, {@code auto} or {@code always}
   * (default: lox-vm's own, {@code Lox.DEFAULT_JIT}). Tests behave the same in every mode.
   */
  @Parameter(property = "lox.jit")
  private String jit;

  /** Skips running the tests, as for Surefire. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Skips the tests, as {@code -Dmaven.test.skip=true} does for Surefire. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean mavenTestSkip;

  /** Reports failing tests but lets the build go on, as for Surefire. */
  @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
  private boolean testFailureIgnore;

  /**
   * Prints a line for every test as it finishes ({@code PASS path (0.003 s)}, {@code FAIL
   * path:line (0.010 s)}), besides the line per directory that is always printed.
   */
  @Parameter(property = "lox.test.verbose", defaultValue = "false")
  private boolean verbose;

  /**
   * Stops starting tests once this many have failed, as Surefire's {@code skipAfterFailureCount}
   * (the CLI's {@code --max-failures}); the rest are reported as skipped. 0 runs them all.
   */
  @Parameter(property = "lox.test.maxFailures", defaultValue = "0")
  private String maxFailures;

  /**
   * Rewrites the {@code // expect:} comments of failing tests to what they printed, as the CLI's
   * {@code --update} does (tests that expect or end in an error are left alone unless {@code
   * lox.test.updateErrors} is set too); each rewritten file is listed. Review the changes.
   */
  @Parameter(property = "lox.test.update", defaultValue = "false")
  private boolean update;

  /** With {@code lox.test.update}: rewrite the expected errors too (the CLI's {@code --update-errors}). */
  @Parameter(property = "lox.test.updateErrors", defaultValue = "false")
  private boolean updateErrors;

  /**
   * What the names of the reports ({@code TEST-NAME.xml}) and of the test cases' {@code classname}
   * start with, followed by the test's directory below the test directory: by default the
   * module's {@code groupId.artifactId}, so that the modules of a reactor never share a report
   * name and stay the same from build to build ({@code TEST-com.example.app.money.xml}).
   */
  @Parameter(property = "lox.test.suitePrefix", defaultValue = "${project.groupId}.${project.artifactId}")
  private String suitePrefix;

  /**
   * Runs the tests in a separate JVM, one for the whole run (as Surefire's {@code forkCount=1}),
   * so that a test that exhausts the heap or hangs cannot take Maven down; the results, progress
   * and reports are the same as in Maven's JVM.
   */
  @Parameter(property = "lox.test.fork", defaultValue = "false")
  private boolean fork;

  /** Options of the forked JVM, as Surefire's {@code argLine} ({@code -Xmx256m}); with {@code fork}. */
  @Parameter(property = "lox.test.argLine")
  private String argLine;

  /** Whether a filter ({@code lox.test}) that matches no test fails the build. */
  @Parameter(property = "lox.failIfNoSpecifiedTests", defaultValue = "true")
  private boolean failIfNoSpecifiedTests;

  @Override
  String goal() {
    return "test";
  }

  @Override
  void executeGoal() throws MojoExecutionException, MojoFailureException {
    // A test source root, for IDEs (see CompileMojo); Surefire and the Java compiler ignore *.lox.
    project().addTestCompileSourceRoot(testSourceDirectory.getPath());
    if (skipTests || mavenTestSkip) {
      getLog().info("Tests are skipped.");
      return;
    }
    if (!testSourceDirectory.isDirectory()) {
      getLog().info("No Lox tests to run: there is no " + display(testSourceDirectory));
      return;
    }
    Map<Path, Path> libraries = libraryChunks();
    TestRequest request = request(List.copyOf(libraries.keySet()));
    TestRunResult run = TestRunner.run(request);

    if (!run.problems().isEmpty()) {
      if (!libraries.isEmpty()) {
        // A library that fails while loading: named by its source, as the user knows it.
        List<String> problems = new ArrayList<>();
        for (String problem : run.problems()) {
          for (Map.Entry<Path, Path> library : libraries.entrySet()) {
            if (problem.startsWith(library.getKey() + ":")) {
              problem = display(library.getValue()) + problem.substring(library.getKey().toString().length());
            }
          }
          problems.add(problem);
        }
        throw new MojoFailureException("Cannot run the Lox tests: " + String.join("\n", problems));
      }
      throw new MojoExecutionException("Cannot run the Lox tests: " + String.join("; ", run.problems()));
    }
    if (run.results().isEmpty()) {
      if (!request.filter().keepsAll() && failIfNoSpecifiedTests) {
        throw new MojoFailureException("No Lox tests matching " + filterDescription() + " were found in "
            + display(testSourceDirectory) + " (set -Dlox.failIfNoSpecifiedTests=false to allow that)");
      }
      getLog().info("No Lox tests to run.");
      return;
    }
    report(run);
    if (run.failed() > 0) {
      String message = "There are Lox test failures.\n\nPlease refer to "
          + reportsDirectory + " for the individual test results.";
      if (testFailureIgnore) {
        getLog().error(message);
        return;
      }
      throw new MojoFailureException(message);
    }
  }

  /**
   * The libraries' chunks, in load order, each with its source: compiled now only when stale (as
   * {@code lox:compile} has usually just left them fresh), so each is compiled once per build and
   * the runner verifies it once for the whole run.
   *
   * <p>Their errors are logged only, not given to an IDE's BuildContext as {@code lox:compile}'s
   * are: Eclipse never runs this goal (META-INF/m2e), and the libraries are sources of {@code
   * lox:compile}, which it does run and which marks their errors.
   */
  private Map<Path, Path> libraryChunks() throws MojoExecutionException, MojoFailureException {
    IncrementalCompiler compiler = compiler();
    Map<Path, Path> chunks = new LinkedHashMap<>();
    List<SourceError> errors = new ArrayList<>();
    for (Path source : librarySources()) {
      IncrementalCompiler.Prepared prepared;
      try {
        prepared = compiler.prepare(source);
      } catch (IOException e) {
        throw new MojoExecutionException("Cannot compile the Lox library " + display(source) + ": " + e.getMessage(), e);
      }
      errors.addAll(prepared.errors());
      prepared.chunk().ifPresent(chunk -> chunks.put(chunk, source));
    }
    if (!errors.isEmpty()) {
      logErrors(errors);
      throw new MojoFailureException("The Lox libraries did not compile: "
          + plural(errors.size(), "error") + " (listed above); no test ran");
    }
    return chunks;
  }

  /** The parameters as a request; a bad one is a fault of the build's configuration. */
  private TestRequest request(List<Path> libraries) throws MojoExecutionException {
    TestRequest.Builder request =
        TestRequest.builder(List.of(testSourceDirectory.toPath().toAbsolutePath()))
            .libraries(libraries)
            .timeoutSeconds(timeout)
            .reportsDir(reportsDirectory.toPath())
            .reportPaths(this::display)
            .listener(new Progress())
            .failureHistory(workDirectory().toPath().resolve("failed-tests.txt"));
    if (threads != 0) { // 0 asks for the request's default, one per processor
      request.jobs(threads);
    }
    if (test != null) {
      request.filter(test);
    } else {
      nonNull(includes).forEach(request::filter);
      nonNull(excludes).forEach(pattern -> request.filter("!" + pattern));
    }
    if (suitePrefix != null) {
      request.suitePrefix(suitePrefix);
    }
    if (jit != null) {
      request.jit(jit);
    }
    request.maxFailures(maxFailures);
    request.fork(fork);
    if (argLine != null) {
      request.argLine(argLine);
    }
    if (updateErrors && !update) {
      throw new MojoExecutionException(
          "Cannot run the Lox tests: lox.test.updateErrors goes with lox.test.update=true");
    }
    request.update(updateErrors ? UpdateMode.OUTPUT_AND_ERRORS
        : update ? UpdateMode.OUTPUT : UpdateMode.NONE);
    try {
      return request.build();
    } catch (InvalidTestRequestException e) {
      throw new MojoExecutionException(
          "Cannot run the Lox tests: " + String.join("; ", e.messages(this::propertyName)));
    }
  }

  private static List<String> nonNull(List<String> patterns) {
    return patterns == null ? List.of() : patterns;
  }

  /** The filter as the user gave it, for messages: {@code lox.test}, or the includes and excludes. */
  private String filterDescription() {
    if (test != null) {
      return "'" + test + "'";
    }
    return "the includes " + nonNull(includes) + " and excludes " + nonNull(excludes);
  }

  /** The request's settings under the user properties that set them. */
  private String propertyName(TestRequest.Option option) {
    return switch (option) {
      case JOBS -> "lox.test.threads";
      case TIMEOUT -> "lox.test.timeout";
      case FILTER -> test != null ? "lox.test" : "includes/excludes";
      case JIT -> "lox.jit";
      case MAX_FAILURES -> "lox.test.maxFailures";
      case INTERPRETER, MAX_OUTPUT -> option.defaultName();
      case SUITE_PREFIX -> "lox.test.suitePrefix";
      case FORK -> "lox.test.fork";
      case ARG_LINE -> "lox.test.argLine";
      case LIBRARIES -> "libraries";
    };
  }

  /**
   * Surefire's lines while the tests run: its header before the first test, a line per suite (a
   * directory of tests) as soon as its last test is done, with {@code verbose} a line per test.
   * The runner calls it for one test at a time, so lines of parallel tests never interleave.
   */
  private final class Progress implements TestListener {
    private boolean started;

    @Override
    public void testStarted(TestFile file) {
      if (!started) {
        started = true;
        getLog().info("");
        getLog().info(RULE);
        getLog().info(" L O X   T E S T S");
        getLog().info(RULE);
      }
    }

    @Override
    public void testFinished(TestResult result) {
      if (verbose) {
        log(result.failed(), ConsoleReport.testLine(result, display(result.file().path())));
      }
    }

    @Override
    public void suiteFinished(SuiteResult suite) {
      log(suite.failed(), ConsoleReport.suiteLine(suite));
    }

    private void log(boolean failed, String line) {
      if (failed) {
        getLog().error(line);
      } else {
        getLog().info(line);
      }
    }
  }

  /** Surefire's results, after the lines printed while the tests ran: each failure, the totals. */
  private void report(TestRunResult run) {
    getLog().info("");
    getLog().info("Results:");
    getLog().info("");
    List<TestResult> updated = run.results().stream()
        .filter(r -> r.update().map(u -> u.written()).orElse(false))
        .toList();
    if (!updated.isEmpty()) {
      getLog().warn("Updated expectations (review the changes):");
      for (TestResult result : updated) {
        getLog().warn(ConsoleReport.updateBlock(result).stripTrailing());
      }
      getLog().info("");
    }
    if (run.failed() > 0) {
      logFailures("Failures: ", run.failures().stream().filter(r -> !r.isError()).toList());
      logFailures("Errors: ", run.failures().stream().filter(TestResult::isError).toList());
      getLog().error(ConsoleReport.summary(run));
    } else {
      getLog().info(ConsoleReport.summary(run));
    }
    getLog().info("");
  }

  /** One of Surefire's sections of the results, when it has any test. */
  private void logFailures(String heading, List<TestResult> failed) {
    if (failed.isEmpty()) {
      return;
    }
    getLog().error(heading);
    for (TestResult failure : failed) {
      getLog().error(ConsoleReport.header(failure, display(failure.file().path())) + "\n"
          + ConsoleReport.details(failure).stripTrailing());
    }
    getLog().info("");
  }
}
