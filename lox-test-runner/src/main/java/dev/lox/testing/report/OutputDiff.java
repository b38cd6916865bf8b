package dev.lox.testing.report;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import dev.lox.testing.expect.Bytes;
import dev.lox.testing.expect.ExpectedOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of expected against actual stdout, each expected line labelled with the test file line
 * of its {@code // expect:} comment. Long runs of matching lines are folded to their edges.
 */
public final class OutputDiff {
  /** Matching lines kept on each side of a difference. */
  private static final int CONTEXT = 2;

  /** Lines compared at most: a runaway program's output is diffed by its beginning. */
  static final int MAX_LINES = 2000;

  private OutputDiff() {}

  /** The diff as lines without indentation; empty when the outputs are equal. */
  public static List<String> render(List<ExpectedOutput> expected, List<String> actual) {
    List<String> wanted = expected.stream().map(ExpectedOutput::text).toList();
    List<String> got = actual;
    List<String> lines = new ArrayList<>();
    if (wanted.size() > MAX_LINES || got.size() > MAX_LINES) {
      lines.add("(only the first " + MAX_LINES + " lines are compared)");
      wanted = wanted.subList(0, Math.min(MAX_LINES, wanted.size()));
      got = got.subList(0, Math.min(MAX_LINES, got.size()));
    }
    List<AbstractDelta<String>> deltas = DiffUtils.diff(wanted, got).getDeltas();
    if (deltas.isEmpty()) {
      return List.of();
    }
    int next = 0;
    for (int d = 0; d < deltas.size(); d++) {
      AbstractDelta<String> delta = deltas.get(d);
      int start = delta.getSource().getPosition();
      addMatching(lines, expected, wanted, next, start, d == 0, false);
      for (int i = 0; i < delta.getSource().size(); i++) {
        lines.add("- " + label(expected.get(start + i)) + Bytes.display(wanted.get(start + i)));
      }
      for (String added : delta.getTarget().getLines()) {
        lines.add("+ " + " ".repeat(LABEL_WIDTH - 3) + " | " + Bytes.display(added));
      }
      next = start + delta.getSource().size();
    }
    addMatching(lines, expected, wanted, next, wanted.size(), false, true);
    return lines;
  }

  private static final int LABEL_WIDTH = 8;

  private static String label(ExpectedOutput line) {
    String number = Integer.toString(line.line());
    return " ".repeat(Math.max(0, LABEL_WIDTH - 3 - number.length())) + number + " | ";
  }

  private static void addMatching(
      List<String> lines,
      List<ExpectedOutput> expected,
      List<String> wanted,
      int from,
      int to,
      boolean atStart,
      boolean atEnd) {
    int head = atStart ? 0 : CONTEXT;
    int tail = atEnd ? 0 : CONTEXT;
    if (to - from <= head + tail + 1) {
      head = to - from;
      tail = 0;
    }
    for (int i = from; i < from + head; i++) {
      lines.add("  " + label(expected.get(i)) + Bytes.display(wanted.get(i)));
    }
    int folded = to - from - head - tail;
    if (folded > 0) {
      lines.add("  ... " + folded + " matching line" + (folded == 1 ? "" : "s"));
    }
    for (int i = to - tail; i < to; i++) {
      lines.add("  " + label(expected.get(i)) + Bytes.display(wanted.get(i)));
    }
  }
}
