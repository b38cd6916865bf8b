package dev.lox.testing.discovery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recognises the root of the book's test suite, whose {@code scanning} and {@code expressions}
 * folders test jlox's early chapters and whose {@code benchmark} folder holds programs, not tests.
 * The book's runner skips all three for clox, and so do we, but only in a folder that has all three:
 * a project of one's own may well have a folder called {@code expressions}.
 */
public final class BookSuiteLayout {
  private BookSuiteLayout() {}

  public static final List<String> CHAPTER_FOLDERS = List.of("benchmark", "expressions", "scanning");

  public static boolean isSuiteRoot(Path directory) {
    return CHAPTER_FOLDERS.stream().allMatch(name -> Files.isDirectory(directory.resolve(name)));
  }

  /** Whether a path relative to a suite root lies in one of the skipped folders. */
  public static boolean isSkipped(String relativePath) {
    return CHAPTER_FOLDERS.stream().anyMatch(name -> relativePath.startsWith(name + "/"));
  }
}
