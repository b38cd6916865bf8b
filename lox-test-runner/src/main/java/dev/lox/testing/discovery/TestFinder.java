package dev.lox.testing.discovery;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the test files under some paths. Symbolic links are followed, as Surefire and javac do: a
 * linked directory or file counts as if it were there. A file reached by several names is one test
 * (the first name, in path order); a link back to a directory above it is a problem, and its
 * directory is not searched again.
 */
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
      } else if (Files.exists(path)) {
        problems.add("not a regular file or directory: " + path);
      } else {
        problems.add("no such file or directory: " + path);
      }
      found.sort(Comparator.comparing(TestFile::relativePath));
      for (TestFile file : found) {
        if (filter.accepts(file.relativePath()) && seen.add(identity(file.path()))) {
          files.add(file);
        }
      }
    }
    return new Found(files, problems);
  }

  /** The file itself, whatever links lead to it. */
  private static Path identity(Path file) {
    try {
      return file.toRealPath();
    } catch (IOException e) {
      return file.toAbsolutePath().normalize();
    }
  }

  private static void walk(Path root, List<TestFile> found, List<String> problems) {
    try {
      Files.walkFileTree(
          root,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!file.getFileName().toString().endsWith(".lox")) {
                return FileVisitResult.CONTINUE;
              }
              if (attrs.isRegularFile()) {
                found.add(new TestFile(file.normalize(), root, relativeName(root, file)));
              } else if (attrs.isSymbolicLink()) {
                // Followed links arrive as links only when their target is gone.
                problems.add(
                    "cannot read " + file + ": broken symbolic link (its target does not exist)");
              } else {
                problems.add("cannot read " + file + ": not a regular file");
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
