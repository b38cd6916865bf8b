package dev.lox.testing.engine;

import dev.lox.testing.InvalidTestRequestException;
import dev.lox.testing.TestRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings, from JUnit configuration parameters (junit-platform.properties, or
 * Surefire's {@code configurationParameters}): passed on to a {@link TestRequest} as written, so
 * they mean what the same settings of {@code lox-test} and {@code lox:test} mean.
 *
 * @param baseDir the directory that {@link LoxTests} paths are relative to
 * @param request the jobs, timeout, filter and interpreter to run with; the defaults when {@code
 *     problem} is present
 * @param problem what is wrong with the parameters, naming them, if anything
 * @param methodSources whether tests of a {@link LoxTests} class have a method of that class as
 *     their source (see {@link #METHOD_SOURCES})
 */
record LoxEngineSettings(
    Path baseDir, TestRequest request, Optional<String> problem, boolean methodSources) {

  /**
   * Whether a test of a {@link LoxTests} class has as its source a method of that class named after
   * the file ({@code wrong_total}) rather than the file itself: Surefire's method filters ({@code
   * -Dtest=LoxSpecTest#wrong*}) see only method sources, IDEs go to a file source's line. Default:
   * true when Surefire runs the tests (its booter sets {@code surefire.test.class.path}), else false.
   */
  static final String METHOD_SOURCES = "lox.test.methodSources";

  /** The system property Surefire's booter sets in the JVM that runs the tests. */
  private static final String SUREFIRE_CLASS_PATH = "surefire.test.class.path";

  /** Directory that {@link LoxTests} paths are relative to. */
  static final String BASE_DIR = "lox.test.basedir";

  /** Seconds a test may run. */
  static final String TIMEOUT = "lox.test.timeout";

  /** Tests run at once. */
  static final String JOBS = "lox.test.jobs";

  /** An interpreter command to run tests with instead of the in-process VM. */
  static final String INTERPRETER = "lox.test.interpreter";

  /** Which tests below each directory run, as lox-test's {@code --filter}. */
  static final String FILTER = "lox.test.filter";

  /** The in-process VM's compiling tier: off, auto or always, as lox-test's {@code --jit}. */
  static final String JIT = "lox.test.jit";

  /**
   * Library files or directories, comma-separated, relative to {@link #BASE_DIR}, loaded into each
   * test's VM before the test, as lox-test's {@code --lib}.
   */
  static final String LIBRARIES = "lox.test.libraries";

  /** Bytes a test may write to stdout or stderr before it is stopped, as lox-test's {@code --max-output}. */
  static final String MAX_OUTPUT = "lox.test.maxOutput";

  static LoxEngineSettings from(ConfigurationParameters parameters) {
    Path baseDir =
        parameters.get(BASE_DIR).map(Path::of).orElse(Path.of(System.getProperty("user.dir")));
    TestRequest.Builder request = TestRequest.builder(List.of());
    parameters.get(JOBS).ifPresent(request::jobs);
    parameters.get(TIMEOUT).ifPresent(request::timeoutSeconds);
    parameters.get(INTERPRETER).ifPresent(request::interpreter);
    parameters.get(FILTER).ifPresent(request::filter);
    parameters.get(JIT).ifPresent(request::jit);
    parameters.get(MAX_OUTPUT).ifPresent(request::maxOutputBytes);
    parameters.get(LIBRARIES).ifPresent(list -> Arrays.stream(list.split(","))
        .map(String::strip)
        .filter(path -> !path.isEmpty())
        .forEach(path -> request.library(baseDir.resolve(path))));
    Optional<String> methodSources = parameters.get(METHOD_SOURCES).map(String::strip);
    boolean methods = methodSources
        .map(Boolean::parseBoolean)
        .orElseGet(() -> System.getProperty(SUREFIRE_CLASS_PATH) != null);
    Optional<String> methodProblem = methodSources
        .filter(value -> !value.equals("true") && !value.equals("false"))
        .map(value -> METHOD_SOURCES + " must be true or false, not '" + value + "'");
    try {
      TestRequest built = request.build();
      return new LoxEngineSettings(baseDir, built, methodProblem, methods);
    } catch (InvalidTestRequestException e) {
      List<String> problems = new ArrayList<>(e.messages(LoxEngineSettings::parameterName));
      methodProblem.ifPresent(problems::add);
      return new LoxEngineSettings(
          baseDir,
          TestRequest.builder(List.of()).build(),
          Optional.of(String.join("; ", problems)),
          methods);
    }
  }

  /** The request's settings under this engine's parameter names. */
  private static String parameterName(TestRequest.Option option) {
    return switch (option) {
      case JOBS -> JOBS;
      case TIMEOUT -> TIMEOUT;
      case FILTER -> FILTER;
      case INTERPRETER -> INTERPRETER;
      case JIT -> JIT;
      case LIBRARIES -> LIBRARIES;
      case MAX_OUTPUT -> MAX_OUTPUT;
      case MAX_FAILURES, SUITE_PREFIX, FORK, ARG_LINE -> option.defaultName();
    };
  }
}
