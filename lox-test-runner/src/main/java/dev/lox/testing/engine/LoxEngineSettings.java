package dev.lox.testing.engine;

import dev.lox.testing.TestRequest;
import dev.lox.testing.exec.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.ConfigurationParameters;

/**
 * The engine's settings, from JUnit configuration parameters (junit-platform.properties, or
 * Surefire's {@code configurationParameters}).
 */
record LoxEngineSettings(
    Path baseDir,
    Duration timeout,
    int jobs,
    Optional<List<String>> interpreter,
    Optional<String> problem) {

  /** Directory that {@link LoxTests} paths are relative to. */
  static final String BASE_DIR = "lox.test.basedir";

  /** Seconds a test may run. */
  static final String TIMEOUT = "lox.test.timeout";

  /** Tests run at once. */
  static final String JOBS = "lox.test.jobs";

  /** An interpreter command to run tests with instead of the in-process VM. */
  static final String INTERPRETER = "lox.test.interpreter";

  static LoxEngineSettings from(ConfigurationParameters parameters) {
    Path baseDir =
        parameters.get(BASE_DIR).map(Path::of).orElse(Path.of(System.getProperty("user.dir")));
    Optional<String> timeoutText = parameters.get(TIMEOUT);
    Optional<Duration> timeout = timeoutText.flatMap(LoxEngineSettings::seconds);
    Optional<String> jobsText = parameters.get(JOBS);
    Optional<Integer> jobs = jobsText.flatMap(LoxEngineSettings::positive);
    Optional<String> interpreterText = parameters.get(INTERPRETER);
    Optional<List<String>> interpreter = interpreterText.flatMap(CommandLine::split);
    Optional<String> problem = Optional.empty();
    if (timeoutText.isPresent() && timeout.isEmpty()) {
      problem = Optional.of(TIMEOUT + " must be a number of seconds above 0, not '" + timeoutText.get() + "'");
    } else if (jobsText.isPresent() && jobs.isEmpty()) {
      problem = Optional.of(JOBS + " must be a whole number above 0, not '" + jobsText.get() + "'");
    } else if (interpreterText.isPresent() && interpreter.isEmpty()) {
      problem = Optional.of(INTERPRETER + " needs a command, with balanced quotes");
    }
    return new LoxEngineSettings(
        baseDir,
        timeout.orElse(TestRequest.DEFAULT_TIMEOUT),
        jobs.orElse(Runtime.getRuntime().availableProcessors()),
        interpreter,
        problem);
  }

  private static Optional<Duration> seconds(String text) {
    try {
      double seconds = Double.parseDouble(text.trim());
      return seconds > 0 ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000))) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Integer> positive(String text) {
    try {
      int value = Integer.parseInt(text.trim());
      return value > 0 ? Optional.of(value) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
