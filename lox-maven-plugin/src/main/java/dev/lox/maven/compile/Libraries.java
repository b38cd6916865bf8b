package dev.lox.maven.compile;

import dev.lox.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which sources under the source directory are library code, and the order they load in: each
 * include glob in the order given, the files each matches sorted by path (below the source
 * directory, {@code /}-separated), a file matched twice loaded where it is first matched. So
 * {@code lib/**}{@code /*.lox} alone loads every library in path order, and listing files first
 * ({@code lib/base.lox}, then the glob) puts them first.
 */
public final class Libraries {
  /** The convention: everything below {@code lib/}. */
  public static final List<String> DEFAULT_INCLUDES = List.of("lib/**/*.lox");

  /**
   * The class-path resource of a packaged program listing its library chunks in load order; the
   * name lox-vm's {@code ChunkLauncher} reads.
   */
  public static final String LIST_RESOURCE = "lox-libraries.txt";

  private Libraries() {}

  /**
   * The library sources, in load order. In a glob, {@code /**}{@code /} also matches a single
   * {@code /}, so that {@code lib/**}{@code /*.lox} takes {@code lib/a.lox} too.
   */
  public static List<Path> find(Path sourceDirectory, List<String> includes) throws IOException {
    if (!Files.isDirectory(sourceDirectory) || includes.isEmpty()) {
      return List.of();
    }
    List<String> sources;
    // Links are followed, as for the sources themselves (IncrementalCompiler).
    try (Stream<Path> walk = Files.walk(sourceDirectory, FileVisitOption.FOLLOW_LINKS)) {
      sources = walk.filter(Files::isRegularFile)
          .map(file -> Paths.portable(sourceDirectory.relativize(file)))
          .filter(name -> name.endsWith(IncrementalCompiler.SOURCE_EXTENSION))
          .sorted()
          .toList();
    } catch (UncheckedIOException e) {
      throw IncrementalCompiler.explained(e.getCause());
    }
    FileSystem fs = sourceDirectory.getFileSystem();
    Set<String> ordered = new LinkedHashSet<>();
    for (String include : includes) {
      PathMatcher exact = fs.getPathMatcher("glob:" + include.strip());
      PathMatcher shallow = fs.getPathMatcher("glob:" + include.strip().replace("/**/", "/"));
      for (String source : sources) {
        Path relative = Path.of(source);
        if (exact.matches(relative) || shallow.matches(relative)) {
          ordered.add(source);
        }
      }
    }
    List<Path> files = new ArrayList<>();
    ordered.forEach(name -> files.add(sourceDirectory.resolve(name)));
    return files;
  }

  /** Whether {@code source} is one of the libraries. */
  public static boolean isLibrary(Path source, List<Path> libraries) {
    Path file = source.toAbsolutePath().normalize();
    return libraries.stream().anyMatch(library -> library.toAbsolutePath().normalize().equals(file));
  }

  /**
   * Writes {@value #LIST_RESOURCE} in the output directory: the chunks' paths below it, one a
   * line, in load order; removes it when there are none, so a packaged program without libraries
   * is as before.
   *
   * @return whether the file changed: written, or removed
   */
  public static boolean writeList(Path outputDirectory, List<Path> chunks) throws IOException {
    Path list = outputDirectory.resolve(LIST_RESOURCE);
    if (chunks.isEmpty()) {
      try {
        return Files.deleteIfExists(list);
      } catch (IOException e) {
        throw AtomicFiles.aboutTarget(list, e);
      }
    }
    StringBuilder text = new StringBuilder();
    chunks.forEach(chunk -> text.append(Paths.portable(outputDirectory.relativize(chunk))).append('\n'));
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    if (Files.isRegularFile(list) && java.util.Arrays.equals(Files.readAllBytes(list), bytes)) {
      return false; // unchanged: leave its timestamp, so packaging sees nothing new
    }
    try {
      Files.createDirectories(outputDirectory);
    } catch (IOException e) {
      throw AtomicFiles.aboutTarget(list, e);
    }
    AtomicFiles.write(list, bytes);
    return true;
  }
}
