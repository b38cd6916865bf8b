package dev.lox.testing.discovery;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * Which tests to run, by their path below the test root (such as {@code closure/assign.lox}): the
 * one filter syntax of every front end ({@code lox-test --filter}, {@code -Dlox.test} of {@code
 * lox:test}, the engine's {@code lox.test.filter}), after Surefire's {@code -Dtest}.
 *
 * <ul>
 *   <li>A filter is a comma-separated list of patterns; blanks around them are ignored, and so are
 *       commas inside a glob's {@code {...}} or {@code [...]}.
 *   <li>A pattern is a glob ({@code *} within a directory, {@code **} across them, {@code ?},
 *       {@code [...]}, {@code {a,b}}). Without a {@code /} it matches at any depth, and {@code .lox}
 *       may be left out: {@code counter} matches {@code counter.lox} and {@code
 *       closures/counter.lox}.
 *   <li>A pattern that matches a directory matches everything below it: {@code closure} runs the
 *       whole folder.
 *   <li>{@code !pattern} excludes what the pattern matches.
 * </ul>
 *
 * A test runs when it matches some pattern that is not an exclusion (or there is none) and no
 * exclusion. No patterns at all: every test runs.
 */
public final class PathFilter {
  private static final String EXTENSION = ".lox";

  /** A glob, or a list, that is no pattern; says which one and why. */
  public static final class BadPatternException extends IllegalArgumentException {
    private final String pattern;
    private final String reason;

    BadPatternException(String pattern, String reason) {
      super("bad glob '" + pattern + "': " + reason);
      this.pattern = pattern;
      this.reason = reason;
    }

    /** The pattern as the user wrote it. */
    public String pattern() {
      return pattern;
    }

    /** What is wrong with it. */
    public String reason() {
      return reason;
    }
  }

  /**
   * One pattern of a filter.
   *
   * @param text as written, {@code !} included
   * @param excludes whether it starts with {@code !}
   * @param globs what it stands for: itself, at any depth, with {@code .lox}
   */
  record Pattern(String text, boolean excludes, List<String> globs) {}

  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;

  private PathFilter(List<PathMatcher> includes, List<PathMatcher> excludes) {
    this.includes = List.copyOf(includes);
    this.excludes = List.copyOf(excludes);
  }

  /** Keeps every test. */
  public static PathFilter all() {
    return new PathFilter(List.of(), List.of());
  }

  /**
   * The filter made of some filters (each a comma-separated list, as above): a test runs when the
   * patterns of all of them together select it.
   *
   * @throws BadPatternException for the first pattern that is not a glob
   */
  public static PathFilter of(List<String> filters) {
    List<PathMatcher> includes = new ArrayList<>();
    List<PathMatcher> excludes = new ArrayList<>();
    for (String filter : filters) {
      for (Pattern pattern : parse(filter)) {
        List<PathMatcher> side = pattern.excludes() ? excludes : includes;
        for (String glob : pattern.globs()) {
          side.add(matcher(pattern.text(), glob));
        }
      }
    }
    return new PathFilter(includes, excludes);
  }

  /** Whether this filter keeps every test (it has no patterns). */
  public boolean keepsAll() {
    return includes.isEmpty() && excludes.isEmpty();
  }

  /** Whether the test at {@code relativePath} ({@code /}-separated, below its root) runs. */
  public boolean accepts(String relativePath) {
    return (includes.isEmpty() || matches(includes, relativePath))
        && !matches(excludes, relativePath);
  }

  /** Whether the path, or a directory it is in, matches one of the matchers. */
  private static boolean matches(List<PathMatcher> matchers, String relativePath) {
    if (matchers.isEmpty()) {
      return false;
    }
    String prefix = "";
    for (String part : relativePath.split("/")) {
      prefix = prefix.isEmpty() ? part : prefix + "/" + part;
      for (PathMatcher matcher : matchers) {
        if (matcher.matches(Paths.get(prefix))) {
          return true;
        }
      }
    }
    return false;
  }

  private static PathMatcher matcher(String pattern, String glob) {
    try {
      return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    } catch (PatternSyntaxException e) {
      throw new BadPatternException(pattern, e.getDescription());
    }
  }

  /** The patterns of one comma-separated list; none for {@code null} or blanks. */
  static List<Pattern> parse(String filter) {
    List<Pattern> patterns = new ArrayList<>();
    if (filter == null) {
      return patterns;
    }
    for (String part : splitAtCommas(filter)) {
      String text = part.strip();
      if (text.isEmpty()) {
        continue;
      }
      boolean excludes = text.startsWith("!");
      String glob = excludes ? text.substring(1).strip() : text;
      while (glob.endsWith("/") && glob.length() > 1) {
        glob = glob.substring(0, glob.length() - 1);
      }
      if (glob.isEmpty()) {
        throw new BadPatternException(text, "nothing to exclude after '!'");
      }
      patterns.add(new Pattern(text, excludes, forms(glob)));
    }
    return patterns;
  }

  /** The globs a pattern stands for: at any depth when it names no directory, and with .lox. */
  private static List<String> forms(String glob) {
    List<String> depths = new ArrayList<>();
    depths.add(glob);
    if (!glob.contains("/") && !glob.startsWith("**")) {
      depths.add("**/" + glob);
    }
    List<String> forms = new ArrayList<>();
    for (String form : depths) {
      forms.add(form);
      if (!form.endsWith(EXTENSION) && !form.endsWith("*")) {
        forms.add(form + EXTENSION);
      }
    }
    return forms;
  }

  /** Splits at the commas that are not inside {@code {...}} or {@code [...]} nor escaped. */
  private static List<String> splitAtCommas(String filter) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int braces = 0;
    boolean inBrackets = false;
    for (int i = 0; i < filter.length(); i++) {
      char c = filter.charAt(i);
      if (c == '\\' && i + 1 < filter.length()) {
        part.append(c).append(filter.charAt(++i));
        continue;
      }
      if (c == ',' && braces == 0 && !inBrackets) {
        parts.add(part.toString());
        part.setLength(0);
        continue;
      }
      if (inBrackets) {
        inBrackets = c != ']';
      } else if (c == '[') {
        inBrackets = true;
      } else if (c == '{') {
        braces++;
      } else if (c == '}' && braces > 0) {
        braces--;
      }
      part.append(c);
    }
    parts.add(part.toString());
    return parts;
  }
}
