package dev.lox.testing.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.testing.expect.Failure.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationCheckerTest {

  private static List<Failure> check(String source, String stdout, String stderr, int exitCode) {
    return ExpectationChecker.check(
        ExpectationParser.parse(bytes(source)), bytes(stdout), bytes(stderr), exitCode);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static List<String> messages(List<Failure> failures) {
    return failures.stream().map(Failure::toString).toList();
  }

  @Test
  void check_matchingRun_passes() {
    assertEquals(List.of(), check("print 1; // expect: 1\n", "1\n", "", 0));
  }

  @Test
  void check_outputWithoutFinalNewlineOrWithCrLf_stillMatches() {
    assertEquals(List.of(), check("// expect: 1\n// expect: 2\n", "1\r\n2", "", 0));
  }

  @Test
  void check_wrongMissingAndExtraOutput() {
    assertEquals(
        List.of("line 1: expected '1', got '2'"),
        messages(check("// expect: 1\n", "2\n", "", 0)));
    assertEquals(
        List.of("line 2: missing expected output 'b'"),
        messages(check("// expect: a\n// expect: b\n", "a\n", "", 0)));
    assertEquals(
        List.of("unexpected output 'b'"), messages(check("// expect: a\n", "a\nb\n", "", 0)));
  }

  @Test
  void check_runtimeError_messageLineAndExitCode() {
    String test = "\n// expect runtime error: Boom.\n";

    assertEquals(List.of(), check(test, "", "Boom.\n[line 2] in script\n", 70));
    assertEquals(
        List.of("line 2: expected runtime error 'Boom.' and got 'Bang.'"),
        messages(check(test, "", "Bang.\n[line 2] in script\n", 70)));
    assertEquals(
        List.of("line 2: expected runtime error on line 2, got 3"),
        messages(check(test, "", "Boom.\n[line 3] in script\n", 70)));
    assertEquals(
        List.of("line 2: expected a stack trace line '[line N]'"),
        messages(check(test, "", "Boom.\nno trace\n", 70)));
    assertEquals(
        List.of("line 2: expected runtime error 'Boom.' and got none", "expected exit code 70, got 0"),
        messages(check(test, "", "", 0)));
  }

  @Test
  void check_compileErrors_everyStderrLineMustBeExpected() {
    String test = "var; // Error at ';': Expect name.\n";

    assertEquals(List.of(), check(test, "", "[line 1] Error at ';': Expect name.\n", 65));
    assertEquals(
        List.of(
            "unexpected stderr: [line 1] Error at ';': Other.",
            "line 1: missing expected error: [1] Error at ';': Expect name."),
        messages(check(test, "", "[line 1] Error at ';': Other.\n", 65)));
    assertEquals(
        List.of("unexpected stderr: noise"),
        messages(check(test, "", "[line 1] Error at ';': Expect name.\nnoise\n", 65)));
  }

  @Test
  void check_compileErrorLine_matchedAsWritten() {
    // The reference runner compares the digits as text, so a leading zero makes no match.
    List<Failure> failures = check("// [line 01] Error: X.\n", "", "[line 1] Error: X.\n", 65);

    assertEquals(
        List.of(Kind.UNEXPECTED_STDERR, Kind.MISSING_COMPILE_ERROR),
        failures.stream().map(Failure::kind).toList());
  }

  @Test
  void check_wrongExitCode_alone() {
    assertEquals(
        List.of("expected exit code 0, got 3"), messages(check("// expect: 1\n", "1\n", "", 3)));
  }

  @Test
  void check_runawayOutput_listsAHundredDifferencesThenCounts() {
    List<Failure> failures = check("", "x\n".repeat(150), "", 0);

    assertEquals(ExpectationChecker.MAX_OUTPUT_FAILURES + 1, failures.size());
    assertEquals("... and 50 more output differences", failures.get(100).message());
  }

  @Test
  void check_messagesShowInvalidUtf8AsEscapes() {
    List<Failure> failures = check("// expect: a\n", "\u00ff\n", "", 0);

    assertEquals("line 1: expected 'a', got '\\xFF'", failures.get(0).toString());
  }
}
