package dev.lox.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.CompileResult;
import dev.lox.Lox;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Jump-size limits are checked against the code clox would emit, not our smaller fused code.
 * Each body below is made of statements our compiler fuses (store-and-pop, compare-and-branch),
 * sized in clox's bytes; the last size clox accepts for each construct was measured with clox
 * itself, and one byte more is rejected.
 */
class FusedJumpLimitTest {
  private static final String PRE = "fun f() { var a = 0; var b = 1; var x = 0;\n";
  private static final String POST = "print a; }\nf();\n";

  static Stream<Arguments> constructs() {
    return Stream.of(
        Arguments.of("if", 65531, (Function<String, String>) body ->
            PRE + "if (x < 1) {\n" + body + "}\n" + POST),
        Arguments.of("if-else", 65534, (Function<String, String>) body ->
            PRE + "if (x < 1) { a = 1; } else {\n" + body + "}\n" + POST),
        Arguments.of("while", 65518, (Function<String, String>) body ->
            PRE + "while (x < 1) {\n" + body + "x = b; }\n" + POST),
        Arguments.of("for", 65517, (Function<String, String>) body ->
            PRE + "for (var i = 0; i < 1; i = i + 1) {\n" + body + "}\n" + POST));
  }

  /** Statements worth {@code cloxBytes} of clox bytecode, mostly ones we fuse. */
  private static String body(int cloxBytes) {
    // "a = b;" is 5 clox bytes, "if (a < b) nil;" 15, "if (a != b) nil;" 16: 36 per round.
    int rounds = cloxBytes / 36 - 1;
    int rest = cloxBytes - 36 * rounds;
    int threes = rest % 2;
    int twos = (rest - 3 * threes) / 2;
    return "a = b;\nif (a < b) nil;\nif (a != b) nil;\n".repeat(rounds)
        + "nil;\n".repeat(twos)
        + "!nil;\n".repeat(threes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("constructs")
  void limitFallsWhereClox(String name, int lastAccepted, Function<String, String> program) {
    assertEquals(0, errorCount(program.apply(body(lastAccepted))), name + " at the limit");
    assertEquals(1, errorCount(program.apply(body(lastAccepted + 1))), name + " one byte over");
  }

  private static int errorCount(String source) {
    CompileResult result = Lox.compile(source.getBytes(StandardCharsets.UTF_8));
    return result.errors().size();
  }
}
