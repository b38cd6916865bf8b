package dev.lox.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which tests failed last time, as absolute paths one per line, so that they can run first. The
 * history only orders tests; when it cannot be read or written the run goes on as if it were empty.
 */
final class FailureHistory {
  private FailureHistory() {}

  static Set<String> load(Path file) {
    try {
      return new TreeSet<>(Files.readAllLines(file));
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** Records this run: tests that ran are taken out, those that failed are put back in. */
  static void save(Path file, Set<String> before, Iterable<TestResult> results) {
    Set<String> failing = new TreeSet<>(before);
    for (TestResult result : results) {
      String key = key(result);
      if (result.outcome() == TestResult.Outcome.FAILED) {
        failing.add(key);
      } else if (result.outcome() != TestResult.Outcome.SKIPPED) {
        failing.remove(key);
      }
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(file, failing);
    } catch (IOException e) {
      // Only the order of the next run depends on it.
    }
  }

  static String key(TestResult result) {
    return key(result.file().path());
  }

  static String key(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
