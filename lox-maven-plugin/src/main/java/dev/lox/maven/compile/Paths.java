package dev.lox.maven.compile;

import java.io.File;
import java.nio.file.Path;

/** How paths appear in messages. */
public final class Paths {
  private Paths() {}

  /**
   * {@code path} relative to {@code basedir} with {@code /} separators when it lies below it (as
   * {@code src/main/lox/main.lox}), else absolute.
   */
  public static String display(Path basedir, Path path) {
    Path base = basedir.toAbsolutePath().normalize();
    Path file = path.toAbsolutePath().normalize();
    if (file.startsWith(base) && !file.equals(base)) {
      return portable(base.relativize(file));
    }
    return file.toString();
  }

  /** A relative path with {@code /} separators whatever the platform. */
  public static String portable(Path relative) {
    return relative.toString().replace(File.separatorChar, '/');
  }
}
