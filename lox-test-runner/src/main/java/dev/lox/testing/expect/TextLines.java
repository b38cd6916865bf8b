package dev.lox.testing.expect;

import java.util.ArrayList;
import java.util.List;

/** Splitting test files and program output into lines, exactly as the reference runner does. */
public final class TextLines {
  private TextLines() {}

  /**
   * The lines of a test file. Like Python's universal newlines (and Dart's readAsLines), a line ends
   * at {@code \n}, {@code \r\n} or a lone {@code \r}.
   */
  public static List<SourceLine> ofSource(byte[] source) {
    String text = Bytes.latin1(source);
    List<SourceLine> lines = new ArrayList<>();
    int start = 0;
    int number = 1;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        int end = i;
        i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
        lines.add(new SourceLine(number++, text.substring(start, end), text.substring(end, i)));
        start = i;
      } else {
        i++;
      }
    }
    if (start < text.length()) {
      lines.add(new SourceLine(number, text.substring(start), ""));
    }
    return lines;
  }

  /**
   * The lines a program wrote: {@code \r\n} counts as {@code \n}, a lone {@code \r} stays part of
   * its line, and the empty string after a final newline is not a line.
   */
  public static List<String> ofOutput(byte[] output) {
    String text = Bytes.latin1(output).replace("\r\n", "\n");
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
