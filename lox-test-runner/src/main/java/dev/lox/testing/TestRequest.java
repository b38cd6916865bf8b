package dev.lox.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run and how. Build one with {@link #builder(List)}; every setting but the paths has a
 * default.
 *
 * @param paths test files and directories to search for {@code *.lox}
 * @param jobs how many tests run at once
 * @param timeout how long one test may run before it is stopped and failed
 * @param filters path globs, relative to each root; a test is kept if one matches (none: all)
 * @param reportsDir where to write Surefire-style {@code TEST-*.xml} reports, if anywhere
 * @param update whether failing tests get their expectations rewritten
 * @param interpreter an external interpreter command (as words) to run instead of the in-process
 *     VM; it is started as {@code COMMAND... FILE}
 * @param maxFailures stop starting tests after this many failures (0: never stop)
 * @param failureHistory a file remembering which tests failed last time, so they run first
 * @param skipBookChapters leave out the book suite's jlox-only folders when given the suite root
 * @param listener hears about each test as it finishes
 */
public record TestRequest(
    List<Path> paths,
    int jobs,
    Duration timeout,
    List<String> filters,
    Optional<Path> reportsDir,
    UpdateMode update,
    Optional<List<String>> interpreter,
    int maxFailures,
    Optional<Path> failureHistory,
    boolean skipBookChapters,
    TestListener listener) {

  /** Long enough for any sane test on a slow machine, short enough not to stall a run for long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  public TestRequest {
    paths = List.copyOf(paths);
    filters = List.copyOf(filters);
    interpreter = interpreter.map(List::copyOf);
    Objects.requireNonNull(timeout);
    Objects.requireNonNull(update);
    Objects.requireNonNull(listener);
  }

  public static Builder builder(List<Path> paths) {
    return new Builder(paths);
  }

  /** Fills in a {@link TestRequest}; unset settings keep their defaults. */
  public static final class Builder {
    private final List<Path> paths;
    private int jobs = Runtime.getRuntime().availableProcessors();
    private Duration timeout = DEFAULT_TIMEOUT;
    private List<String> filters = List.of();
    private Optional<Path> reportsDir = Optional.empty();
    private UpdateMode update = UpdateMode.NONE;
    private Optional<List<String>> interpreter = Optional.empty();
    private int maxFailures;
    private Optional<Path> failureHistory = Optional.empty();
    private boolean skipBookChapters = true;
    private TestListener listener = TestListener.NONE;

    private Builder(List<Path> paths) {
      this.paths = paths;
    }

    public Builder jobs(int jobs) {
      this.jobs = jobs;
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Builder filters(List<String> filters) {
      this.filters = filters;
      return this;
    }

    public Builder reportsDir(Path reportsDir) {
      this.reportsDir = Optional.of(reportsDir);
      return this;
    }

    public Builder update(UpdateMode update) {
      this.update = update;
      return this;
    }

    public Builder interpreter(List<String> command) {
      this.interpreter = Optional.of(command);
      return this;
    }

    public Builder maxFailures(int maxFailures) {
      this.maxFailures = maxFailures;
      return this;
    }

    public Builder failureHistory(Path file) {
      this.failureHistory = Optional.of(file);
      return this;
    }

    public Builder skipBookChapters(boolean skip) {
      this.skipBookChapters = skip;
      return this;
    }

    public Builder listener(TestListener listener) {
      this.listener = listener;
      return this;
    }

    public TestRequest build() {
      return new TestRequest(
          paths,
          jobs,
          timeout,
          filters,
          reportsDir,
          update,
          interpreter,
          maxFailures,
          failureHistory,
          skipBookChapters,
          listener);
    }
  }
}
