package dev.lox.testing.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.testing.expect.ExpectedOutput;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutputDiffTest {

  private static List<ExpectedOutput> expected(String... lines) {
    return IntStream.range(0, lines.length)
        .mapToObj(i -> new ExpectedOutput(10 + i, lines[i]))
        .toList();
  }

  @Test
  void render_labelsExpectedLinesWithTheirTestLine() {
    assertEquals(
        List.of(
            "     10 | a", //
            "-    11 | b",
            "+       | B",
            "     12 | c"),
        OutputDiff.render(expected("a", "b", "c"), List.of("a", "B", "c")));
  }

  @Test
  void render_aMissingLineAmongMany_isOneDifference_restFolded() {
    List<String> diff =
        OutputDiff.render(
            expected("1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of("1", "2", "3", "4", "6", "7", "8", "9"));

    assertEquals(
        List.of(
            "  ... 2 matching lines",
            "     12 | 3",
            "     13 | 4",
            "-    14 | 5",
            "     15 | 6",
            "     16 | 7",
            "  ... 2 matching lines"),
        diff);
  }

  @Test
  void render_equalOutputs_nothing() {
    assertEquals(List.of(), OutputDiff.render(expected("a"), List.of("a")));
  }
}
