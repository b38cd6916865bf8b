package dev.lox.testing.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpectationParserTest {

  private static TestSpec parse(String source) {
    return ExpectationParser.parse(source.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void parse_outputLines_inOrderWithTheirLines() {
    TestSpec spec = parse("print 1; // expect: 1\n\nprint 2; // expect:2\n// expect: \n");

    assertEquals(
        List.of(new ExpectedOutput(1, "1"), new ExpectedOutput(3, "2"), new ExpectedOutput(4, "")),
        spec.output());
    assertEquals(0, spec.expectedExitCode());
  }

  @Test
  void parse_compileErrors_inAllThreeForms_cLanguageOnly() {
    TestSpec spec =
        parse(
            "var a = ; // Error at ';': Expect expression.\n"
                + "// [line 7] Error at end: Expect '}'.\n"
                + "// [c line 9] Error at 'x': Only clox.\n"
                + "// [java line 9] Error at 'y': Only jlox.\n");

    assertEquals(
        List.of(
            new ExpectedCompileError(1, "1", "Error at ';': Expect expression."),
            new ExpectedCompileError(2, "7", "Error at end: Expect '}'."),
            new ExpectedCompileError(3, "9", "Error at 'x': Only clox.")),
        spec.compileErrors());
    assertEquals(65, spec.expectedExitCode());
  }

  @Test
  void parse_sameCompileErrorTwice_keptOnce() {
    TestSpec spec = parse("// [line 2] Error: Same.\n// [line 2] Error: Same.\n");

    assertEquals(1, spec.compileErrors().size());
  }

  @Test
  void parse_runtimeError_lastOneWins() {
    TestSpec spec =
        parse("a; // expect runtime error: First.\nb; // expect runtime error: Second.\n");

    assertEquals(Optional.of(new ExpectedRuntimeError(2, "Second.")), spec.runtimeError());
    assertEquals(70, spec.expectedExitCode());
    assertFalse(spec.isBroken());
  }

  @Test
  void parse_bothKindsOfError_isBroken() {
    TestSpec spec = parse("a; // expect runtime error: X.\nb; // Error: Y.\n");

    assertTrue(spec.isBroken());
  }

  @Test
  void parse_firstMatchingPatternWins_likeTheBooksRunner() {
    // "// expect: " is tried before "// Error", so this line is output, not an error.
    TestSpec spec = parse("print 1; // expect: // Error at x\n");

    assertEquals(List.of(new ExpectedOutput(1, "// Error at x")), spec.output());
    assertTrue(spec.compileErrors().isEmpty());
  }

  @Test
  void parse_nontestAnywhere_makesNoTest() {
    assertTrue(parse("print 1; // expect: 1\n// nontest\n").nonTest());
  }

  @Test
  void parse_crlfAndLoneCr_endLines() {
    TestSpec spec = parse("a; // expect: 1\r\nb; // expect: 2\rc; // expect: 3");

    assertEquals(
        List.of(new ExpectedOutput(1, "1"), new ExpectedOutput(2, "2"), new ExpectedOutput(3, "3")),
        spec.output());
  }

  @Test
  void parse_bytesThatAreNotUtf8_keptExactly() {
    byte[] source = {'/', '/', ' ', 'e', 'x', 'p', 'e', 'c', 't', ':', ' ', (byte) 0xE9, (byte) 0x85, 'x'};

    TestSpec spec = ExpectationParser.parse(source);

    assertEquals("\u00E9\u0085x", spec.output().get(0).text());
  }

  @Test
  void expectations_mergesAllKindsInLineOrder() {
    TestSpec spec = parse("// expect runtime error: Boom.\n// expect: 1\n");

    assertEquals(List.of(1, 2), spec.expectations().stream().map(Expectation::line).toList());
  }

  @Test
  void parse_expectationsAreComments_notTextInsideAString() {
    TestSpec spec = parse(
        "print \"x // expect: y\"; // expect: old\n"
            + "print \"// Error at 'z': no\";\n"
            + "var s = \"a\n// expect runtime error: inside a string\n\";\n"
            + "print \"// nontest\"; // expect: x\n");

    assertFalse(spec.nonTest());
    assertEquals(List.of(new ExpectedOutput(1, "old"), new ExpectedOutput(6, "x")), spec.output());
    assertEquals(List.of(), spec.compileErrors());
    assertEquals(Optional.empty(), spec.runtimeError());
  }

  @Test
  void parse_aCommentAfterAStringHoldingSlashes_isFound() {
    assertEquals(List.of(new ExpectedOutput(1, "a//b")),
        parse("print \"a//b\"; // expect: a//b\n").output());
  }

  @Test
  void parse_aCommentAfterALoneCarriageReturnIsStillAComment() {
    // clox ends a comment only at \n; the book's runner also splits lines at a lone \r.
    assertEquals(List.of(new ExpectedOutput(2, "1")),
        parse("print 1; // note\r// expect: 1\n").output());
  }

  @Test
  void parse_afterANulByte_cloxSeesNothing_soEveryLineIsReadAsTheBooksRunnerReadsIt() {
    assertEquals(List.of(new ExpectedOutput(2, "x")),
        parse("print 1;\u0000 \"\nprint \"// expect: x\n").output());
  }
}
