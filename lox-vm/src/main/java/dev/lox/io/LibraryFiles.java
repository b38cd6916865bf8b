package dev.lox.io;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The order in which a project's library files load, the same for every front end: the paths in
 * the order given, a directory standing for every {@code .lox} and {@code .loxc} file below it,
 * sorted by its path below that directory ({@code /}-separated, character by character), so that
 * the order is the same on every machine. Symbolic links below a directory are followed, as for
 * test and source directories; a link loop is an error.
 */
public final class LibraryFiles {
  private LibraryFiles() {}

  /**
   * The files, in load order.
   *
   * @throws IOException when a path does not exist or a directory cannot be read; the message
   *     names the path
   */
  public static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        files.addAll(below(path));
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.exists(path)) {
        throw new IOException("not a regular library file or directory: " + path);
      } else {
        throw new IOException("no such library file or directory: " + path);
      }
    }
    return files;
  }

  /** Whether a file is a library by its name: Lox source or a chunk. */
  public static boolean isLibraryFile(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".lox") || name.endsWith(".loxc");
  }

  private static List<Path> below(Path directory) throws IOException {
    try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
      return walk.filter(Files::isRegularFile)
          .filter(LibraryFiles::isLibraryFile)
          .sorted(Comparator.comparing((Path file) -> key(directory, file)))
          .toList();
    } catch (java.io.UncheckedIOException e) {
      String why = e.getCause() instanceof FileSystemLoopException loop
          ? LinkLoop.at(Path.of(loop.getFile()))
          : e.getCause().getMessage();
      throw new IOException("cannot read library directory " + directory + ": " + why, e);
    }
  }

  /** The sort key: the path below the directory with {@code /}, whatever the platform's separator. */
  public static String key(Path directory, Path file) {
    return directory.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
  }
}
