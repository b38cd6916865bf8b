package dev.lox.testing.discovery;

import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.util.List;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;

/**
 * Keeps tests whose path below their root matches one of some globs ({@code closure/*}, {@code
 * **}{@code /assign*.lox}). A glob that matches a directory keeps everything in it, so {@code
 * --filter closure} works as a user expects. No globs keeps everything.
 */
public final class PathFilter {
  private final List<PathMatcher> matchers;

  private PathFilter(List<PathMatcher> matchers) {
    this.matchers = matchers;
  }

  public static PathFilter all() {
    return new PathFilter(List.of());
  }

  /** A filter of globs already checked with {@link #problem(List)}. */
  public static PathFilter of(List<String> globs) {
    return new PathFilter(
        globs.stream().map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob)).toList());
  }

  /** What is wrong with the first glob that is not one, if any. */
  public static Optional<String> problem(List<String> globs) {
    for (String glob : globs) {
      try {
        FileSystems.getDefault().getPathMatcher("glob:" + glob);
      } catch (PatternSyntaxException e) {
        return Optional.of("bad glob '" + glob + "': " + e.getDescription());
      }
    }
    return Optional.empty();
  }

  public boolean accepts(String relativePath) {
    if (matchers.isEmpty()) {
      return true;
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
}
