package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lox.testing.TestResult.Outcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deliberately wrong fixtures each fail with the right messages, and the good ones pass, on the
 * in-process VM and on an external interpreter alike.
 */
public class FixtureVerdictsTest {

  /** For each failing fixture, every failure the runner must report, in order. */
  static final Map<String, List<String>> EXPECTED_FAILURES = new LinkedHashMap<>();

  static {
    EXPECTED_FAILURES.put("failing/both_errors.lox", List.of("line 2: test error: cannot expect both compile and runtime errors"));
    EXPECTED_FAILURES.put("failing/extra_output.lox", List.of("unexpected output 'b'"));
    EXPECTED_FAILURES.put(
        "failing/missing_compile_error.lox",
        List.of(
            "line 2: missing expected error: [2] Error at 'a': Expect expression.",
            "expected exit code 65, got 0",
            "unexpected output '1'"));
    EXPECTED_FAILURES.put("failing/missing_output.lox", List.of("line 2: missing expected output 'b'"));
    EXPECTED_FAILURES.put("failing/timeout.lox", List.of("timed out after TIMEOUT s (stopped)"));
    EXPECTED_FAILURES.put(
        "failing/unexpected_compile_error.lox",
        List.of(
            "unexpected stderr: [line 2] Error at ';': Expect expression.",
            "expected exit code 0, got 65",
            "line 1: missing expected output '1'"));
    EXPECTED_FAILURES.put("failing/wrong_exit_code.lox", List.of("expected exit code 70, got 65"));
    EXPECTED_FAILURES.put("failing/wrong_line.lox", List.of("line 2: expected runtime error on line 2, got 3"));
    EXPECTED_FAILURES.put("failing/wrong_output.lox", List.of("line 1: expected '3', got '2'"));
    EXPECTED_FAILURES.put(
        "failing/wrong_runtime_error.lox",
        List.of(
            "line 1: expected runtime error 'Operands must be numbers.' and got 'Operands must be two numbers or two strings.'"));
  }

  /** The failing fixtures that are errors rather than failures, as Surefire tells them apart. */
  public static final List<String> ERRORS =
      List.of(
          "failing/both_errors.lox",
          "failing/timeout.lox",
          "failing/unexpected_compile_error.lox",
          "failing/wrong_exit_code.lox");

  static final List<String> PASSING =
      List.of(
          "passing/compile_errors.lox",
          "passing/empty.lox",
          "passing/language_specific.lox",
          "passing/line_endings.lox",
          "passing/not_utf8.lox",
          "passing/output.lox",
          "passing/runtime_error.lox");

  static Stream<Arguments> interpreters() {
    return Stream.of(
        Arguments.of("in-process VM", Optional.empty(), Duration.ofSeconds(1)),
        Arguments.of(
            "external interpreter",
            Fixtures.externalInterpreter().or(() -> Optional.of(List.of())),
            Fixtures.EXTERNAL_TIMEOUT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("interpreters")
  void run_fixtures_eachFailsWithItsMessages(
      String name, Optional<List<String>> interpreter, Duration timeout) {
    assumeTrue(interpreter.map(command -> !command.isEmpty()).orElse(true), "no external interpreter here");
    TestRequest.Builder request =
        TestRequest.builder(List.of(Fixtures.fixtures())).timeout(timeout);
    interpreter.ifPresent(request::interpreter);

    TestRunResult run = TestRunner.run(request.build());

    Map<String, List<String>> failures =
        run.failures().stream()
            .collect(
                Collectors.toMap(
                    r -> r.file().relativePath(),
                    r -> r.failures().stream().map(Object::toString).toList(),
                    (a, b) -> a,
                    LinkedHashMap::new));
    Map<String, List<String>> expected = new LinkedHashMap<>(EXPECTED_FAILURES);
    expected.put(
        "failing/timeout.lox",
        List.of("timed out after " + timeout.toSeconds() + " s (stopped)"));
    assertEquals(expected, failures);
    assertEquals(
        PASSING,
        run.results().stream()
            .filter(r -> r.outcome() == Outcome.PASSED)
            .map(r -> r.file().relativePath())
            .toList());
    assertEquals(List.of(), run.problems());
    assertEquals(
        ERRORS,
        run.failures().stream().filter(TestResult::isError).map(r -> r.file().relativePath()).toList());
    assertEquals(ERRORS.size(), run.errors());
    assertEquals(EXPECTED_FAILURES.size() - ERRORS.size(), run.failuresWithoutErrors());
  }
}
