package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.testing.TestRequest.Option;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TestRequestTest {
  private static TestRequest.Builder builder() {
    return TestRequest.builder(List.of(Path.of("tests")));
  }

  /** The one problem building gives, named as a front end with dashes would name it. */
  private static String problem(TestRequest.Builder builder) {
    InvalidTestRequestException e = assertThrows(InvalidTestRequestException.class, builder::build);
    assertEquals(1, e.problems().size(), e.getMessage());
    return e.messages(option -> "--" + option.name().toLowerCase().replace('_', '-')).get(0);
  }

  @Test
  void defaults() {
    TestRequest request = builder().build();
    assertEquals(List.of(Path.of("tests")), request.paths());
    assertEquals(Runtime.getRuntime().availableProcessors(), request.jobs());
    assertEquals(Duration.ofSeconds(10), request.timeout());
    assertTrue(request.filter().keepsAll());
    assertEquals(0, request.maxFailures());
    assertEquals(Optional.empty(), request.interpreter());
    assertEquals(UpdateMode.NONE, request.update());
    assertTrue(request.skipBookChapters());
    assertEquals(Lox.DEFAULT_JIT, request.jit());
  }

  @Test
  void theJitModeIsOneOfLoxsNamesOrTheMode() {
    assertEquals(JitMode.ALWAYS, builder().jit("always").build().jit());
    assertEquals(JitMode.AUTO, builder().jit(" auto ").build().jit());
    assertEquals(JitMode.OFF, builder().jit(JitMode.OFF).build().jit());
    assertEquals("--jit must be off, auto or always, not 'fast'", problem(builder().jit("fast")));
    assertEquals("--jit must be off, auto or always, not 'ALWAYS'", problem(builder().jit("ALWAYS")));
  }

  @Test
  void numbersAsWrittenOrAsNumbersMeanTheSame() {
    TestRequest typed = builder().jobs(3).maxFailures(2).timeout(Duration.ofMillis(2500)).build();
    TestRequest written = builder().jobs(" 3").maxFailures("2").timeoutSeconds("2.5 ").build();
    TestRequest mojo = builder().timeoutSeconds(2.5).build();
    assertEquals(3, typed.jobs());
    assertEquals(typed.jobs(), written.jobs());
    assertEquals(2, written.maxFailures());
    assertEquals(Duration.ofMillis(2500), written.timeout());
    assertEquals(typed.timeout(), written.timeout());
    assertEquals(typed.timeout(), mojo.timeout());
  }

  @Test
  void secondsAreReadExactly() {
    assertEquals(Duration.ofMillis(300), builder().timeoutSeconds("0.3").build().timeout());
    assertEquals(Duration.ofMillis(300), builder().timeoutSeconds(0.3).build().timeout());
    assertEquals(Duration.ofNanos(1), builder().timeoutSeconds("1e-9").build().timeout());
    assertEquals(Duration.ofSeconds(150), builder().timeoutSeconds("1.5e2").build().timeout());
    assertEquals(Duration.ofDays(1), builder().timeoutSeconds("86400").build().timeout());
  }

  @Test
  void theTimeoutMustBeAboveZeroAndAtMostADay() {
    assertEquals("--timeout must be a number of seconds above 0, not 'soon'",
        problem(builder().timeoutSeconds("soon")));
    assertEquals("--timeout must be a number of seconds above 0, not '0'",
        problem(builder().timeoutSeconds("0")));
    assertEquals("--timeout must be a number of seconds above 0, not '-1'",
        problem(builder().timeout(Duration.ofSeconds(-1))));
    assertEquals("--timeout must be a number of seconds above 0, not 'NaN'",
        problem(builder().timeoutSeconds(Double.NaN)));
    assertEquals("--timeout must be a number of seconds above 0, not '1e-99999999999'",
        problem(builder().timeoutSeconds("1e-99999999999")));
    assertEquals("--timeout must be a number of seconds above 0, not 'Infinity'",
        problem(builder().timeoutSeconds(Double.POSITIVE_INFINITY)));
    assertEquals("--timeout must be at most 86400 seconds (a day), not '1e999999999'",
        problem(builder().timeoutSeconds("1e999999999")));
    assertEquals("--timeout must be at most 86400 seconds (a day), not '86400.5'",
        problem(builder().timeoutSeconds("86400.5")));
  }

  @Test
  void jobsMustBeAWholeNumberAboveZero() {
    assertEquals("--jobs must be at least 1 (a whole number), not '0'", problem(builder().jobs(0)));
    assertEquals("--jobs must be at least 1 (a whole number), not 'two'", problem(builder().jobs("two")));
    assertEquals("--jobs must be at least 1 (a whole number), not '1.5'", problem(builder().jobs("1.5")));
  }

  @Test
  void maxFailuresMayBeZeroButNotLess() {
    assertEquals(0, builder().maxFailures(0).build().maxFailures());
    assertEquals("--max-failures must be 0 (no limit) or more, not '-1'",
        problem(builder().maxFailures(-1)));
    assertEquals("--max-failures must be 0 (no limit) or more, not 'all'",
        problem(builder().maxFailures("all")));
  }

  @Test
  void theInterpreterIsOneLineSplitIntoWordsOrTheWords() {
    assertEquals(Optional.of(List.of("clox", "-q", "a b")),
        builder().interpreter("clox -q 'a b'").build().interpreter());
    assertEquals(Optional.of(List.of("clox")), builder().interpreter(List.of("clox")).build().interpreter());
    assertEquals("--interpreter needs a command, with balanced quotes",
        problem(builder().interpreter("'unbalanced")));
    assertEquals("--interpreter needs a command, with balanced quotes",
        problem(builder().interpreter(" ")));
    assertEquals("--interpreter needs a command, with balanced quotes",
        problem(builder().interpreter(List.of())));
  }

  @Test
  void filtersAreListsWithExclusions() {
    TestRequest request = builder().filter("closure, !closure/slow").filter("assign").build();
    assertTrue(request.filter().accepts("closure/fast.lox"));
    assertTrue(request.filter().accepts("sub/assign.lox"));
    assertFalse(request.filter().accepts("closure/slow.lox"));
    assertFalse(request.filter().accepts("other.lox"));
    assertTrue(builder().filter("x").filters(List.of()).build().filter().keepsAll());
  }

  @Test
  void aBadGlobIsNamedAsWrittenAndWhere() {
    String message = problem(builder().filter("ok, [a"));
    assertTrue(message.startsWith("bad glob '[a' in --filter: "), message);
  }

  @Test
  void everyProblemIsListedInOptionOrderWithDefaultNamesInTheMessage() {
    InvalidTestRequestException e = assertThrows(InvalidTestRequestException.class,
        () -> builder().maxFailures(-1).filter("[").timeoutSeconds("x").jobs(0).build());
    assertEquals(
        List.of(Option.JOBS, Option.TIMEOUT, Option.FILTER, Option.MAX_FAILURES),
        e.problems().stream().map(TestRequest.Problem::option).toList());
    assertTrue(e.getMessage().startsWith(
        "jobs must be at least 1 (a whole number), not '0'; "
            + "timeout must be a number of seconds above 0, not 'x'; bad glob '[' in filter: "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; max failures must be 0 (no limit) or more, not '-1'"),
        e.getMessage());
    assertEquals("lox.test.threads must be at least 1 (a whole number), not '0'",
        e.messages(option -> option == Option.JOBS ? "lox.test.threads" : "x").get(0));
  }

  @Test
  void theOutputCapIs16MiBByDefault_aWholeNumberOfBytesUpToAGiB() {
    assertEquals(16 * 1024 * 1024, builder().build().maxOutputBytes());
    assertEquals(100, builder().maxOutputBytes(" 100").build().maxOutputBytes());
    assertEquals(1 << 30, builder().maxOutputBytes(1 << 30).build().maxOutputBytes());
    assertEquals("--max-output must be a whole number of bytes from 1 to 1073741824 (1 GiB), not '0'",
        problem(builder().maxOutputBytes("0")));
    assertEquals("--max-output must be a whole number of bytes from 1 to 1073741824 (1 GiB), not '1e3'",
        problem(builder().maxOutputBytes("1e3")));
    assertEquals(
        "--max-output must be a whole number of bytes from 1 to 1073741824 (1 GiB), not '99999999999'",
        problem(builder().maxOutputBytes("99999999999")));
  }
}
