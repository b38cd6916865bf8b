package dev.lox.testing.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits an interpreter command given as one string into words, as a POSIX shell would for simple
 * commands: blanks separate words, single quotes keep everything literally, double quotes keep
 * blanks, a backslash escapes the next character. No expansion of any kind.
 */
public final class CommandLine {
  private CommandLine() {}

  /** The words, or empty when quotes are unbalanced or there are no words. */
  public static Optional<List<String>> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote == '\'') {
        if (c == '\'') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\\' && i + 1 < command.length()
          && (quote == 0 || "\"\\$`".indexOf(command.charAt(i + 1)) >= 0)) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (quote == '"') {
        if (c == '"') {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      return Optional.empty();
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words.isEmpty() ? Optional.empty() : Optional.of(words);
  }
}
