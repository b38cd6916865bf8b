package dev.lox.testing.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExpectationRewriterTest {

  private static Rewrite rewrite(String source, String stdout, String stderr, int exit, boolean errors) {
    byte[] bytes = source.getBytes(StandardCharsets.ISO_8859_1);
    return ExpectationRewriter.rewrite(
        bytes,
        ExpectationParser.parse(bytes),
        stdout.getBytes(StandardCharsets.ISO_8859_1),
        stderr.getBytes(StandardCharsets.ISO_8859_1),
        exit,
        errors);
  }

  private static String text(Rewrite rewrite) {
    return new String(assertInstanceOf(Rewrite.Changed.class, rewrite).source(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void rewrite_replacesInPlace_appendsSurplusOutputAtTheEnd() {
    Rewrite result = rewrite("print 1; // expect: 2\nprint 3;\n", "1\n3\n", "", 0, false);

    assertEquals("print 1; // expect: 1\nprint 3;\n// expect: 3\n", text(result));
    assertEquals(
        List.of("line 1: 'print 1; // expect: 1'", "added '// expect: 3'"),
        ((Rewrite.Changed) result).changes());
  }

  @Test
  void rewrite_fillsEmptyExpectations_writtenByExample() {
    assertEquals(
        "print \"a\" + \"b\"; // expect: ab\n",
        text(rewrite("print \"a\" + \"b\"; // expect:\n", "ab\n", "", 0, false)));
  }

  @Test
  void rewrite_surplusExpectations_removed_wholeLineWhenNothingElseIsOnIt() {
    assertEquals(
        "print 1; // expect: 1\nprint 2;\n",
        text(rewrite("print 1; // expect: 1\n// expect: x\nprint 2; // expect: 2\n", "1\n", "", 0, false)));
  }

  @Test
  void rewrite_keepsLineEndingsAndMissingFinalNewline() {
    assertEquals(
        "print 1; // expect: 1\r\nprint 2;\r\n// expect: 2\r\n",
        text(rewrite("print 1; // expect: 0\r\nprint 2;", "1\n2\n", "", 0, false)));
  }

  @Test
  void rewrite_passingTest_unchanged() {
    assertInstanceOf(Rewrite.Unchanged.class, rewrite("print 1; // expect: 1\n", "1\n", "", 0, false));
  }

  @Test
  void rewrite_withoutErrorsFlag_refusesTestsWithErrors() {
    Rewrite expects = rewrite("x; // expect runtime error: Boom.\n", "", "", 0, false);
    Rewrite produces = rewrite("print x; // expect: 1\n", "", "Undefined variable 'x'.\n[line 1] in script\n", 70, false);

    assertTrue(((Rewrite.Refused) expects).reason().contains("--update-errors"));
    assertTrue(((Rewrite.Refused) produces).reason().contains("exit code 70"));
  }

  @Test
  void rewrite_withErrorsFlag_recordsTheRuntimeErrorOnItsTraceLine() {
    String stderr = "Undefined variable 'x'.\n[line 2] in script\n";

    assertEquals(
        "print 1; // expect: 1\nprint x; // expect runtime error: Undefined variable 'x'.\n",
        text(rewrite("print 1; // expect: 1\nprint x; // expect: 2\n", "1\n", stderr, 70, true)));
  }

  @Test
  void rewrite_withErrorsFlag_recordsCompileErrors_withoutMovingLines() {
    String stderr = "[line 1] Error at ';': Expect expression.\n[line 3] Error at end: Expect '}'.\n";

    assertEquals(
        "var a = ; // Error at ';': Expect expression.\n\n{ // Error at end: Expect '}'.\n",
        text(rewrite("var a = ; // expect: 1\n// expect: 2\n{\n", "", stderr, 65, true)));
  }

  @Test
  void rewrite_withErrorsFlag_refusesAnErrorItCannotPlace() {
    Rewrite result = rewrite("{\n", "", "[line 2] Error at end: Expect '}'.\n", 65, true);

    assertTrue(((Rewrite.Refused) result).reason().contains("line 2 is not in the file"));
  }

  @Test
  void rewrite_outputThatCannotBeAnExpectation_refused() {
    // A lone carriage return ends a line of the test file, so no comment can state this output.
    Rewrite result = rewrite("print 1;\n", "a\rb\n", "", 0, false);

    assertInstanceOf(Rewrite.Refused.class, result);
  }

  @Test
  void rewrite_expectationAfterAStringThatLooksLikeOne_rewritesTheCommentOnly() {
    String source = "print \"x // expect: y\"; // expect: old\n";

    String rewritten = text(rewrite(source, "x // expect: y\n", "", 0, false));

    assertEquals("print \"x // expect: y\"; // expect: x // expect: y\n", rewritten);
    assertEquals(List.of(new ExpectedOutput(1, "x // expect: y")),
        ExpectationParser.parse(rewritten.getBytes(StandardCharsets.ISO_8859_1)).output());
  }

  @Test
  void rewrite_aCommentThatWouldLandInsideAString_isRefused() {
    // The runtime error is reported on line 1, which ends inside a string: a comment added there
    // would change the string, not the expectations.
    Rewrite result = rewrite("print nil + 1; var s = \"a\nb\";\n", "",
        "Operands must be two numbers or two strings.\n[line 1] in script\n", 70, true);

    Rewrite.Refused refused = assertInstanceOf(Rewrite.Refused.class, result);
    assertTrue(refused.reason().contains("would change the program"), refused.reason());
  }
}
