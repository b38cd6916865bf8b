package dev.lox.testing.discovery;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Finds the test files under some paths. */
public final class TestFinder {
  private TestFinder() {}

  /**
   * What was found.
   *
   * @param files the tests, each once, sorted by path within each root, roots in the order given
   * @param problems paths that do not exist or could not be read, one sentence each
   */
  public record Found(List<TestFile> files, List<String> problems) {
    public Found {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Finds tests: a file is taken as it is, a directory is searched for {@code *.lox}.
   *
   * @param skipBookChapters whether the book suite's jlox-only folders are left out when a root is
   *     the book's suite (see {@link BookSuiteLayout})
   */
  public static Found find(List<Path> paths, PathFilter filter, boolean skipBookChapters) {
    List<TestFile> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    for (Path path : paths) {
      List<TestFile> found = new ArrayList<>();
      if (Files.isDirectory(path)) {
        boolean skipChapters = skipBookChapters && BookSuiteLayout.isSuiteRoot(path);
        walk(path, found, problems);
        found.removeIf(f -> skipChapters && BookSuiteLayout.isSkipped(f.relativePath()));
      } else if (Files.isRegularFile(path)) {
        Path parent = path.toAbsolutePath().getParent();
        found.add(new TestFile(path.normalize(), parent, path.getFileName().toString()));
      } else {
        problems.add("no such file or directory: " + path);
      }
      found.sort(Comparator.comparing(TestFile::relativePath));
      for (TestFile file : found) {
        if (filter.accepts(file.relativePath()) && seen.add(file.path().toAbsolutePath().normalize())) {
          files.add(file);
        }
      }
    }
    return new Found(files, problems);
  }

  private static void walk(Path root, List<TestFile> found, List<String> problems) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".lox")) {
                found.add(new TestFile(file.normalize(), root, relativeName(root, file)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              problems.add("cannot read " + file + ": " + IoErrors.describe(e));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      problems.add("cannot read " + root + ": " + IoErrors.describe(e));
    }
  }

  private static String relativeName(Path root, Path file) {
    List<String> parts = new ArrayList<>();
    root.relativize(file).forEach(part -> parts.add(part.toString()));
    return String.join("/", parts);
  }

}
