package dev.lox.testing.expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Reads the expectations of a test file with the book runner's rules: on each line the first
 * pattern that matches (output, error, error with line, runtime error) wins, {@code [java line N]}
 * expectations are for jlox and ignored, and {@code // nontest} anywhere makes the file no test.
 * Unlike the book's runner, only comments are searched ({@link Comments}): text inside a string
 * literal is what the program prints, never an expectation.
 */
public final class ExpectationParser {
  private ExpectationParser() {}

  public static TestSpec parse(byte[] source) {
    List<ExpectedOutput> output = new ArrayList<>();
    Map<String, ExpectedCompileError> errors = new LinkedHashMap<>();
    Optional<ExpectedRuntimeError> runtime = Optional.empty();
    List<SourceLine> lines = TextLines.ofSource(source);
    int[] commentStarts = Comments.starts(source, lines);
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).text().substring(commentStarts[i]);
      int number = lines.get(i).number();
      if (ExpectationSyntax.NON_TEST.matcher(text).find()) {
        return new TestSpec(true, List.of(), List.of(), Optional.empty());
      }
      Matcher m = ExpectationSyntax.OUTPUT.matcher(text);
      if (m.find()) {
        output.add(new ExpectedOutput(number, m.group(1)));
        continue;
      }
      m = ExpectationSyntax.ERROR.matcher(text);
      if (m.find()) {
        ExpectedCompileError error = new ExpectedCompileError(number, Integer.toString(number), m.group(1));
        errors.putIfAbsent(error.key(), error);
        continue;
      }
      m = ExpectationSyntax.ERROR_LINE.matcher(text);
      if (m.find()) {
        String language = m.group(2);
        if (language == null || language.equals(ExpectationSyntax.LANGUAGE)) {
          ExpectedCompileError error = new ExpectedCompileError(number, m.group(3), m.group(4));
          errors.putIfAbsent(error.key(), error);
        }
        continue;
      }
      m = ExpectationSyntax.RUNTIME_ERROR.matcher(text);
      if (m.find()) {
        runtime = Optional.of(new ExpectedRuntimeError(number, m.group(1)));
      }
    }
    return new TestSpec(false, output, List.copyOf(errors.values()), runtime);
  }
}
