package dev.lox.testing.expect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bless mode: rewrites a test's expectation comments so that they state what a run actually did.
 *
 * <p>The i-th {@code // expect:} comment gets the i-th output line, in place; surplus comments are
 * removed and surplus output lines are appended at the end of the file, since which statement
 * printed a line is not known. Error expectations are rewritten only when asked: the runtime error
 * goes on the line its stack trace names, each compile error on the line it was reported for. When
 * errors are involved no line is inserted or deleted before the last line, because error
 * expectations are tied to line numbers. Only comments are touched ({@link Comments}): the result
 * is checked to be the same program, token for token, and re-checked against the same run, so a
 * rewrite that would change the code (a comment added to a line that ends inside a string) or
 * would not pass is refused rather than written.
 */
public final class ExpectationRewriter {
  private static final String OUTPUT_COMMENT = "// expect: ";

  private final List<SourceLine> original;
  private final String[] text;
  private final boolean[] deleted;
  /** Per line, where its comment text begins in the original text (its length if none). */
  private final int[] commentStarts;
  private final List<String> appended = new ArrayList<>();

  private ExpectationRewriter(byte[] source) {
    original = TextLines.ofSource(source);
    text = original.stream().map(SourceLine::text).toArray(String[]::new);
    deleted = new boolean[text.length];
    commentStarts = Comments.starts(source, original);
  }

  /**
   * Rewrites the expectations of {@code source} (whose parsed form is {@code spec}) from a run.
   *
   * @param includeErrors whether error expectations may be rewritten; without it a test that
   *     expects or produced an error is refused
   */
  public static Rewrite rewrite(
      byte[] source,
      TestSpec spec,
      byte[] stdout,
      byte[] stderr,
      int exitCode,
      boolean includeErrors) {
    if (spec.nonTest()) {
      return new Rewrite.Refused("it is not a test (// nontest)");
    }
    List<String> errorLines = TextLines.ofOutput(stderr);
    boolean quietStderr = errorLines.stream().allMatch(String::isEmpty);
    if (!includeErrors) {
      if (spec.expectsErrors()) {
        return new Rewrite.Refused("it expects an error (--update-errors rewrites those too)");
      }
      if (exitCode != TestSpec.EXIT_OK || !quietStderr) {
        return new Rewrite.Refused(
            "the program ended with exit code "
                + exitCode
                + (quietStderr ? "" : " and stderr '" + Bytes.display(errorLines.get(0)) + "'")
                + " (--update-errors records errors too)");
      }
    }
    ExpectationRewriter rewriter = new ExpectationRewriter(source);
    Optional<String> refusal = Optional.empty();
    if (includeErrors) {
      refusal = rewriter.rewriteWithErrors(spec, stdout, errorLines, exitCode);
    } else {
      rewriter.rewriteOutput(spec.output(), TextLines.ofOutput(stdout), true);
    }
    if (refusal.isPresent()) {
      return new Rewrite.Refused(refusal.get());
    }
    List<String> changes = rewriter.changes();
    if (changes.isEmpty()) {
      return new Rewrite.Unchanged();
    }
    byte[] result = rewriter.render();
    if (!Comments.tokens(source).equals(Comments.tokens(result))) {
      return new Rewrite.Refused(
          "the new expectations would change the program, not only its comments"
              + " (a line that ends inside a string cannot take a comment)");
    }
    List<Failure> remaining =
        ExpectationChecker.check(ExpectationParser.parse(result), stdout, stderr, exitCode);
    if (!remaining.isEmpty()) {
      return new Rewrite.Refused(
          "the run cannot be written as expectations (" + remaining.get(0) + ")");
    }
    return new Rewrite.Changed(result, changes);
  }

  private Optional<String> rewriteWithErrors(
      TestSpec spec, byte[] stdout, List<String> errorLines, int exitCode) {
    for (ExpectedCompileError error : spec.compileErrors()) {
      removeComment(error.line(), ExpectationSyntax.ERROR, false);
      removeComment(error.line(), ExpectationSyntax.ERROR_LINE, false);
    }
    spec.runtimeError().ifPresent(e -> removeComment(e.line(), ExpectationSyntax.RUNTIME_ERROR, false));
    rewriteOutput(spec.output(), TextLines.ofOutput(stdout), false);
    switch (exitCode) {
      case TestSpec.EXIT_OK:
        return Optional.empty();
      case TestSpec.EXIT_RUNTIME_ERROR:
        return addRuntimeError(errorLines);
      case TestSpec.EXIT_COMPILE_ERROR:
        return addCompileErrors(errorLines);
      default:
        return Optional.of("exit code " + exitCode + " is no Lox outcome (0, 65 or 70)");
    }
  }

  private void rewriteOutput(
      List<ExpectedOutput> slots, List<String> actual, boolean mayDeleteLines) {
    for (int i = 0; i < Math.max(slots.size(), actual.size()); i++) {
      if (i >= slots.size()) {
        appended.add(OUTPUT_COMMENT + actual.get(i));
      } else if (i >= actual.size()) {
        removeComment(slots.get(i).line(), ExpectationSyntax.OUTPUT, mayDeleteLines);
      } else if (!slots.get(i).text().equals(actual.get(i))) {
        replaceComment(slots.get(i).line(), ExpectationSyntax.OUTPUT, OUTPUT_COMMENT + actual.get(i));
      }
    }
  }

  private Optional<String> addRuntimeError(List<String> errorLines) {
    Optional<Integer> line = Optional.empty();
    for (String candidate : errorLines.subList(Math.min(1, errorLines.size()), errorLines.size())) {
      Matcher m = ExpectationSyntax.TRACE_LINE.matcher(candidate);
      if (m.find()) {
        line = parseLine(m.group(1));
        break;
      }
    }
    if (errorLines.size() < 2 || line.isEmpty()) {
      return Optional.of("exit code 70 without a runtime error and '[line N]' trace on stderr");
    }
    return addComment(line.get(), "// expect runtime error: " + errorLines.get(0));
  }

  private Optional<String> addCompileErrors(List<String> errorLines) {
    Map<String, Integer> errors = new LinkedHashMap<>();
    for (String errorLine : errorLines) {
      Matcher m = ExpectationSyntax.REPORTED_ERROR.matcher(errorLine);
      if (m.find() && parseLine(m.group(1)).isPresent()) {
        errors.putIfAbsent(m.group(2), parseLine(m.group(1)).get());
      } else if (!errorLine.isEmpty()) {
        return Optional.of("stderr line is no compile error: '" + Bytes.display(errorLine) + "'");
      }
    }
    for (Map.Entry<String, Integer> error : errors.entrySet()) {
      Optional<String> refusal = addComment(error.getValue(), "// " + error.getKey());
      if (refusal.isPresent()) {
        return refusal;
      }
    }
    return Optional.empty();
  }

  private Optional<String> addComment(int line, String comment) {
    if (line < 1 || line > text.length) {
      return Optional.of("line " + line + " is not in the file; add '" + comment + "' by hand");
    }
    if (hasExpectation(line)) {
      return Optional.of(
          "line " + line + " already has an expectation; add '" + Bytes.display(comment) + "' by hand");
    }
    String code = stripTrailingBlanks(text[line - 1]);
    text[line - 1] = code.isEmpty() ? comment : code + " " + comment;
    return Optional.empty();
  }

  private boolean hasExpectation(int line) {
    for (Pattern p :
        List.of(
            ExpectationSyntax.OUTPUT,
            ExpectationSyntax.ERROR,
            ExpectationSyntax.ERROR_LINE,
            ExpectationSyntax.RUNTIME_ERROR)) {
      if (inComment(line, p).find()) {
        return true;
      }
    }
    return false;
  }

  /** A matcher of {@code pattern} over the comment text of a line, as the line is now. */
  private Matcher inComment(int line, Pattern pattern) {
    String current = text[line - 1];
    Matcher m = pattern.matcher(current);
    m.region(Math.min(commentStarts[line - 1], current.length()), current.length());
    return m;
  }

  private void replaceComment(int line, Pattern pattern, String comment) {
    Matcher m = inComment(line, pattern);
    if (m.find()) {
      text[line - 1] = text[line - 1].substring(0, m.start()) + comment;
    }
  }

  private void removeComment(int line, Pattern pattern, boolean mayDeleteLine) {
    Matcher m = inComment(line, pattern);
    if (m.find()) {
      String code = stripTrailingBlanks(text[line - 1].substring(0, m.start()));
      text[line - 1] = code;
      deleted[line - 1] = mayDeleteLine && code.isBlank();
    }
  }

  private static String stripTrailingBlanks(String line) {
    return line.replaceFirst("[ \\t]+$", "");
  }

  private static Optional<Integer> parseLine(String digits) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > 9 ? Optional.empty() : Optional.of(Integer.parseInt(trimmed));
  }

  private List<String> changes() {
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < text.length; i++) {
      String before = original.get(i).text();
      if (deleted[i]) {
        changes.add("line " + (i + 1) + ": removed '" + Bytes.display(before.strip()) + "'");
      } else if (!text[i].equals(before)) {
        changes.add("line " + (i + 1) + ": '" + Bytes.display(text[i].strip()) + "'");
      }
    }
    appended.forEach(line -> changes.add("added '" + Bytes.display(line) + "'"));
    return changes;
  }

  private byte[] render() {
    String newline =
        original.stream()
            .map(SourceLine::terminator)
            .filter(t -> !t.isEmpty())
            .findFirst()
            .orElse("\n");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length; i++) {
      if (!deleted[i]) {
        out.append(text[i]).append(original.get(i).terminator());
      }
    }
    if (!appended.isEmpty()) {
      if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && out.charAt(out.length() - 1) != '\r') {
        out.append(newline);
      }
      appended.forEach(line -> out.append(line).append(newline));
    }
    return Bytes.raw(out.toString());
  }
}
