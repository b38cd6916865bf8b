package dev.lox.testing;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.io.LibraryFiles;
import java.io.IOException;
import dev.lox.testing.discovery.PathFilter;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.exec.CommandLine;
import dev.lox.testing.exec.OutputLimit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What to run and how: the one place where the runner's options are checked, whichever front end
 * (the {@code lox-test} command, the JUnit engine, the Maven plugin, a library user) they come
 * from. Build one with {@link #builder(List)}: every setting but the paths has a default, and
 * {@link Builder#build()} either returns a request that can run or throws an {@link
 * InvalidTestRequestException} listing every setting that is wrong. Front ends pass settings on
 * as their users wrote them (numbers as text, where they have text) and report the problems in
 * their own style, each option under the front end's own name for it ({@link Problem#message}).
 */
public final class TestRequest {
  /** Long enough for any sane test on a slow machine, short enough not to stall a run for long. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The longest timeout: a day; no test needs more, and a longer one is surely a slip. */
  public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

  /** The settings a user can get wrong, so that a front end can name them its own way. */
  public enum Option {
    JOBS("jobs"),
    TIMEOUT("timeout"),
    FILTER("filter"),
    MAX_FAILURES("max failures"),
    INTERPRETER("interpreter"),
    JIT("jit"),
    LIBRARIES("libraries"),
    MAX_OUTPUT("max output"),
    SUITE_PREFIX("suite prefix"),
    FORK("fork"),
    ARG_LINE("argLine");

    private final String defaultName;

    Option(String defaultName) {
      this.defaultName = defaultName;
    }

    /** Its name in {@link Problem#toString()}, for library users. */
    public String defaultName() {
      return defaultName;
    }
  }

  /** One setting that is wrong, and why, in a sentence that names the setting. */
  public static final class Problem {
    private final Option option;
    private final String before;
    private final String after;

    /** The sentence is {@code before + NAME + after}, for whatever NAME the option goes by. */
    private Problem(Option option, String before, String after) {
      this.option = option;
      this.before = before;
      this.after = after;
    }

    public Option option() {
      return option;
    }

    /**
     * The sentence, the option called {@code optionName}: for example {@code --timeout must be a
     * number of seconds above 0, not 'soon'}.
     */
    public String message(String optionName) {
      return before + optionName + after;
    }

    @Override
    public String toString() {
      return message(option.defaultName());
    }
  }

  private final List<Path> paths;
  private final int jobs;
  private final Duration timeout;
  private final PathFilter filter;
  private final Optional<Path> reportsDir;
  private final Function<Path, String> reportPaths;
  private final UpdateMode update;
  private final Optional<List<String>> interpreter;
  private final int maxFailures;
  private final Optional<Path> failureHistory;
  private final boolean skipBookChapters;
  private final TestListener listener;
  private final JitMode jit;
  private final List<Path> libraries;
  private final int maxOutputBytes;
  private final Optional<String> suitePrefix;
  private final boolean fork;
  private final List<String> argLine;
  private final List<Path> forkClasspath;

  private TestRequest(Builder builder, int jobs, Duration timeout, PathFilter filter,
      Optional<List<String>> interpreter, int maxFailures, JitMode jit, List<Path> libraries,
      int maxOutputBytes) {
    this.paths = List.copyOf(builder.paths);
    this.jobs = jobs;
    this.timeout = timeout;
    this.filter = filter;
    this.reportsDir = builder.reportsDir;
    this.reportPaths = builder.reportPaths;
    this.update = builder.update;
    this.interpreter = interpreter;
    this.maxFailures = maxFailures;
    this.failureHistory = builder.failureHistory;
    this.skipBookChapters = builder.skipBookChapters;
    this.listener = builder.listener;
    this.jit = jit;
    this.libraries = List.copyOf(libraries);
    this.maxOutputBytes = maxOutputBytes;
    this.suitePrefix = builder.suitePrefix.map(String::strip);
    this.fork = builder.fork;
    this.argLine = builder.argLine == null
        ? List.of()
        : CommandLine.split(builder.argLine).orElse(List.of());
    this.forkClasspath = builder.forkClasspath == null ? List.of() : builder.forkClasspath;
  }

  public static Builder builder(List<Path> paths) {
    return new Builder(paths);
  }

  /** Test files and directories to search for {@code *.lox}. */
  public List<Path> paths() {
    return paths;
  }

  /** How many tests run at once: 1 or more. */
  public int jobs() {
    return jobs;
  }

  /** How long one test may run before it is stopped and failed: above 0, at most a day. */
  public Duration timeout() {
    return timeout;
  }

  /** Which tests below each root run (see {@link PathFilter} for the syntax). */
  public PathFilter filter() {
    return filter;
  }

  /** Where to write Surefire-style {@code TEST-*.xml} reports, if anywhere. */
  public Optional<Path> reportsDir() {
    return reportsDir;
  }

  /**
   * How the reports name a test's file (its {@code file} attribute and messages): by default as
   * the path was found; a front end may show paths relative to a project, as on its console.
   */
  public Function<Path, String> reportPaths() {
    return reportPaths;
  }

  /** Whether failing tests get their expectations rewritten. */
  public UpdateMode update() {
    return update;
  }

  /**
   * An external interpreter command, as words, to run instead of the in-process VM; started as
   * {@code COMMAND... FILE}.
   */
  public Optional<List<String>> interpreter() {
    return interpreter;
  }

  /** Stop starting tests after this many failures; 0: never stop. */
  public int maxFailures() {
    return maxFailures;
  }

  /** A file remembering which tests failed last time, so they run first. */
  public Optional<Path> failureHistory() {
    return failureHistory;
  }

  /** Whether the book suite's jlox-only folders are left out when given the suite root. */
  public boolean skipBookChapters() {
    return skipBookChapters;
  }

  /** Hears about each test as it starts and finishes. */
  public TestListener listener() {
    return listener;
  }

  /**
   * When the in-process VM compiles Lox to JVM bytecode (default {@link Lox#DEFAULT_JIT}); an
   * external interpreter ignores it.
   */
  public JitMode jit() {
    return jit;
  }

  /**
   * Library files (Lox source or chunks) loaded, in this order, into each test's VM before the
   * test: the files and directories given, each directory expanded to the {@code .lox} and {@code
   * .loxc} files below it sorted by path ({@link LibraryFiles}).
   */
  public List<Path> libraries() {
    return libraries;
  }

  /**
   * How many bytes a test may write to stdout, and as many to stderr, before it is stopped and
   * fails: 1 to {@link OutputLimit#MAX_BYTES}, default {@link OutputLimit#BYTES} (16 MiB).
   */
  public int maxOutputBytes() {
    return maxOutputBytes;
  }

  /**
   * Whether the tests run in a child JVM ({@link dev.lox.testing.exec.ForkedExecutor}), one for the
   * whole run, rather than in this one: a test that exhausts the heap or hangs the JVM cannot take
   * the caller down. Results and reports are the same.
   */
  public boolean fork() {
    return fork;
  }

  /** JVM options of the child when {@link #fork()}, as words ({@code -Xmx256m}). */
  public List<String> argLine() {
    return argLine;
  }

  /** The child's class path when {@link #fork()}: the runner, lox-vm and its dependencies. */
  public List<Path> forkClasspath() {
    return forkClasspath;
  }

  /**
   * What the names of suites start with (see {@link #suiteName(TestFile)}); empty: each root's own
   * directory name.
   */
  public Optional<String> suitePrefix() {
    return suitePrefix;
  }

  /**
   * The suite a test belongs to, as its report and its {@code classname} name it: the {@link
   * #suitePrefix()} (a front end passes its module's name, so that modules' reports differ) and the
   * test's directory below its root ({@link TestFile#suiteName}).
   */
  public String suiteName(TestFile file) {
    return file.suiteName(suitePrefix);
  }

  /**
   * Fills in a {@link TestRequest}; unset settings keep their defaults. Nothing is checked before
   * {@link #build()}, so the settings may come in any order. Numbers may be given as text, as a
   * user wrote them: they are read here, the same way for every front end.
   */
  public static final class Builder {
    private final List<Path> paths;
    private String jobs;
    private String timeoutSeconds;
    private final List<String> filters = new ArrayList<>();
    private Optional<Path> reportsDir = Optional.empty();
    private Function<Path, String> reportPaths = Path::toString;
    private UpdateMode update = UpdateMode.NONE;
    private String interpreterLine;
    private List<String> interpreterWords;
    private String maxFailures = "0";
    private Optional<Path> failureHistory = Optional.empty();
    private boolean skipBookChapters = true;
    private TestListener listener = TestListener.NONE;
    private String jit;
    private final List<Path> libraries = new ArrayList<>();
    private String maxOutputBytes;
    private Optional<String> suitePrefix = Optional.empty();
    private boolean fork;
    private String argLine;
    private List<Path> forkClasspath;

    private Builder(List<Path> paths) {
      this.paths = List.copyOf(paths);
    }

    /** How many tests run at once (default: one per available processor). */
    public Builder jobs(int jobs) {
      return jobs(Integer.toString(jobs));
    }

    /** As {@link #jobs(int)}, as a user wrote it: a whole number. */
    public Builder jobs(String jobs) {
      this.jobs = Objects.requireNonNull(jobs);
      return this;
    }

    /** How long one test may run (default {@link #DEFAULT_TIMEOUT}). */
    public Builder timeout(Duration timeout) {
      BigDecimal seconds = BigDecimal.valueOf(timeout.getSeconds())
          .add(BigDecimal.valueOf(timeout.getNano(), 9));
      return timeoutSeconds(seconds.stripTrailingZeros().toPlainString());
    }

    /** As {@link #timeout(Duration)}, in seconds. */
    public Builder timeoutSeconds(double seconds) {
      return timeoutSeconds(
          Double.isFinite(seconds) ? BigDecimal.valueOf(seconds).toPlainString() : Double.toString(seconds));
    }

    /** As {@link #timeout(Duration)}, as a user wrote it: seconds, fractions allowed ({@code 2.5}). */
    public Builder timeoutSeconds(String seconds) {
      this.timeoutSeconds = Objects.requireNonNull(seconds);
      return this;
    }

    /**
     * Runs only the tests a filter selects: comma-separated patterns, {@code !} for exclusions
     * ({@link PathFilter}). Given more than once, the patterns of all of them count.
     */
    public Builder filter(String filter) {
      this.filters.add(Objects.requireNonNull(filter));
      return this;
    }

    /** As {@link #filter(String)} for each, in place of any filter given before. */
    public Builder filters(List<String> filters) {
      this.filters.clear();
      filters.forEach(this::filter);
      return this;
    }

    public Builder reportsDir(Path reportsDir) {
      this.reportsDir = Optional.of(reportsDir);
      return this;
    }

    public Builder reportPaths(Function<Path, String> reportPaths) {
      this.reportPaths = Objects.requireNonNull(reportPaths);
      return this;
    }

    public Builder update(UpdateMode update) {
      this.update = Objects.requireNonNull(update);
      return this;
    }

    /** An interpreter command, as words, to run each test as {@code COMMAND... FILE}. */
    public Builder interpreter(List<String> command) {
      this.interpreterWords = List.copyOf(command);
      this.interpreterLine = null;
      return this;
    }

    /**
     * As {@link #interpreter(List)}, as one line that is split into words as a shell would (see
     * {@link CommandLine}).
     */
    public Builder interpreter(String commandLine) {
      this.interpreterLine = Objects.requireNonNull(commandLine);
      this.interpreterWords = null;
      return this;
    }

    /** Start no more tests after this many failures (default 0: never stop). */
    public Builder maxFailures(int maxFailures) {
      return maxFailures(Integer.toString(maxFailures));
    }

    /** As {@link #maxFailures(int)}, as a user wrote it. */
    public Builder maxFailures(String maxFailures) {
      this.maxFailures = Objects.requireNonNull(maxFailures);
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
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** The compiling tier's mode for the in-process VM (default {@link Lox#DEFAULT_JIT}). */
    public Builder jit(JitMode jit) {
      return jit(jit.optionName());
    }

    /** As {@link #jit(JitMode)}, as a user wrote it: {@code off}, {@code auto} or {@code always}. */
    public Builder jit(String jit) {
      this.jit = Objects.requireNonNull(jit);
      return this;
    }

    /**
     * Loads a library file, or every {@code .lox} and {@code .loxc} file below a directory in path
     * order, into each test's VM before the test; libraries load in the order given. In-process
     * only: an external interpreter cannot take them.
     */
    public Builder library(Path fileOrDirectory) {
      this.libraries.add(Objects.requireNonNull(fileOrDirectory));
      return this;
    }

    /** As {@link #library(Path)} for each, in place of any given before. */
    public Builder libraries(List<Path> filesOrDirectories) {
      this.libraries.clear();
      filesOrDirectories.forEach(this::library);
      return this;
    }

    /** Bytes a test may write to each stream before it is stopped (default {@link OutputLimit#BYTES}). */
    public Builder maxOutputBytes(int bytes) {
      return maxOutputBytes(Integer.toString(bytes));
    }

    /** As {@link #maxOutputBytes(int)}, as a user wrote it: a whole number. */
    public Builder maxOutputBytes(String bytes) {
      this.maxOutputBytes = Objects.requireNonNull(bytes);
      return this;
    }

    /**
     * What suite names start with, instead of each root's directory name: a front end gives its
     * module's name ({@code groupId.artifactId}), so that two modules' reports never share a name.
     */
    public Builder suitePrefix(String prefix) {
      this.suitePrefix = Optional.of(prefix);
      return this;
    }

    /** Runs the tests in a child JVM ({@link TestRequest#fork()}); default: in this one. */
    public Builder fork(boolean fork) {
      this.fork = fork;
      return this;
    }

    /**
     * JVM options for the child, as one line split as a shell would ({@code -Xmx256m
     * -Dx="a b"}), as Surefire's {@code argLine}; only with {@link #fork(boolean)}.
     */
    public Builder argLine(String argLine) {
      this.argLine = Objects.requireNonNull(argLine);
      return this;
    }

    /**
     * The child's class path (default: where this JVM loaded the runner, lox-vm and ASM from,
     * {@link dev.lox.testing.exec.ForkedExecutor#defaultClasspath()}).
     */
    public Builder forkClasspath(List<Path> classpath) {
      this.forkClasspath = List.copyOf(classpath);
      return this;
    }

    /**
     * The request.
     *
     * @throws InvalidTestRequestException naming every setting that is wrong
     */
    public TestRequest build() {
      List<Problem> problems = new ArrayList<>();
      int jobs = this.jobs == null
          ? Runtime.getRuntime().availableProcessors()
          : readJobs(this.jobs, problems);
      Duration timeout = timeoutSeconds == null
          ? DEFAULT_TIMEOUT
          : readTimeout(timeoutSeconds, problems);
      PathFilter filter = readFilter(filters, problems);
      Optional<List<String>> interpreter = readInterpreter(problems);
      int maxFailures = readMaxFailures(this.maxFailures, problems);
      JitMode jit = this.jit == null ? Lox.DEFAULT_JIT : readJit(this.jit, problems);
      List<Path> libraries = readLibraries(this.libraries, interpreter.isPresent(), problems);
      int maxOutputBytes = this.maxOutputBytes == null
          ? OutputLimit.BYTES
          : readMaxOutput(this.maxOutputBytes, problems);
      if (suitePrefix.isPresent() && !suitePrefix.get().strip().matches("[A-Za-z0-9_.$-]+")) {
        problems.add(new Problem(Option.SUITE_PREFIX, "",
            " must be letters, digits and . _ $ -" + not(suitePrefix.get())));
      }
      readFork(interpreter.isPresent(), problems);
      if (!problems.isEmpty()) {
        throw new InvalidTestRequestException(problems);
      }
      return new TestRequest(
          this, jobs, timeout, filter, interpreter, maxFailures, jit, libraries, maxOutputBytes);
    }

    private void readFork(boolean external, List<Problem> problems) {
      if (argLine != null && CommandLine.split(argLine).isEmpty() && !argLine.isBlank()) {
        problems.add(new Problem(Option.ARG_LINE, "", " has unbalanced quotes" + not(argLine)));
      }
      if (argLine != null && !argLine.isBlank() && !fork) {
        problems.add(new Problem(Option.ARG_LINE, "", " applies only to tests run in a forked JVM"));
      }
      if (fork && external) {
        problems.add(new Problem(Option.FORK, "",
            " cannot go with an external interpreter, which runs each test in a process of its own"));
      }
      if (fork && forkClasspath == null) {
        try {
          forkClasspath = dev.lox.testing.exec.ForkedExecutor.defaultClasspath();
        } catch (IllegalStateException e) {
          problems.add(new Problem(Option.FORK, "", ": " + e.getMessage()));
        }
      }
    }

    private Optional<List<String>> readInterpreter(List<Problem> problems) {
      Optional<List<String>> words = interpreterLine != null
          ? CommandLine.split(interpreterLine)
          : Optional.ofNullable(interpreterWords).filter(w -> !w.isEmpty());
      if (words.isEmpty() && (interpreterLine != null || interpreterWords != null)) {
        problems.add(new Problem(Option.INTERPRETER, "", " needs a command, with balanced quotes"));
      }
      return words;
    }
  }

  // ---- Reading settings: every rule and every message ----

  private static int readJobs(String text, List<Problem> problems) {
    Optional<Integer> jobs = wholeNumber(text).filter(n -> n >= 1);
    if (jobs.isEmpty()) {
      problems.add(new Problem(Option.JOBS, "", " must be at least 1 (a whole number)" + not(text)));
      return 1;
    }
    return jobs.get();
  }

  private static int readMaxFailures(String text, List<Problem> problems) {
    Optional<Integer> max = wholeNumber(text).filter(n -> n >= 0);
    if (max.isEmpty()) {
      problems.add(new Problem(Option.MAX_FAILURES, "", " must be 0 (no limit) or more" + not(text)));
      return 0;
    }
    return max.get();
  }

  private static int readMaxOutput(String text, List<Problem> problems) {
    Optional<Integer> bytes =
        wholeNumber(text).filter(n -> n >= 1 && n <= OutputLimit.MAX_BYTES);
    if (bytes.isEmpty()) {
      problems.add(new Problem(Option.MAX_OUTPUT, "",
          " must be a whole number of bytes from 1 to " + OutputLimit.MAX_BYTES + " (1 GiB)"
              + not(text)));
      return OutputLimit.BYTES;
    }
    return bytes.get();
  }

  private static List<Path> readLibraries(
      List<Path> given, boolean external, List<Problem> problems) {
    if (given.isEmpty()) {
      return List.of();
    }
    if (external) {
      problems.add(new Problem(Option.LIBRARIES, "", " cannot go with an external interpreter"));
      return List.of();
    }
    try {
      return LibraryFiles.expand(given);
    } catch (IOException e) {
      problems.add(new Problem(Option.LIBRARIES, "", ": " + e.getMessage()));
      return List.of();
    }
  }

  private static JitMode readJit(String text, List<Problem> problems) {
    JitMode jit = JitMode.parse(text.strip());
    if (jit == null) {
      problems.add(new Problem(Option.JIT, "", " must be off, auto or always" + not(text)));
      return Lox.DEFAULT_JIT;
    }
    return jit;
  }

  private static Optional<Integer> wholeNumber(String text) {
    try {
      return Optional.of(Integer.parseInt(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Seconds, fractions allowed, to the nanosecond. Read as a decimal, not a double, so that {@code
   * 0.3} is 300 ms exactly; range-checked before any arithmetic, so that no exponent is too big.
   */
  private static Duration readTimeout(String text, List<Problem> problems) {
    BigDecimal seconds;
    try {
      seconds = new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      seconds = null;
    }
    BigDecimal oneNanosecond = BigDecimal.ONE.movePointLeft(9);
    if (seconds == null || seconds.compareTo(oneNanosecond) < 0) {
      problems.add(new Problem(Option.TIMEOUT, "", " must be a number of seconds above 0" + not(text)));
      return DEFAULT_TIMEOUT;
    }
    if (seconds.compareTo(BigDecimal.valueOf(MAX_TIMEOUT.toSeconds())) > 0) {
      problems.add(new Problem(Option.TIMEOUT, "",
          " must be at most " + MAX_TIMEOUT.toSeconds() + " seconds (a day)" + not(text)));
      return DEFAULT_TIMEOUT;
    }
    return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
  }

  private static PathFilter readFilter(List<String> filters, List<Problem> problems) {
    try {
      return PathFilter.of(filters);
    } catch (PathFilter.BadPatternException e) {
      problems.add(new Problem(
          Option.FILTER, "bad glob '" + e.pattern() + "' in ", ": " + e.reason()));
      return PathFilter.all();
    }
  }

  private static String not(String text) {
    return ", not '" + text + "'";
  }
}
