package dev.lox.io;

import java.nio.file.Path;

/**
 * What every front end says of a symbolic link that leads back to a directory above it, found
 * while following links into source, test and library directories. Java's own message for it
 * ({@code FileSystemLoopException}) is just the path.
 */
public final class LinkLoop {
  /** Why a walk stopped, for messages that name the path themselves. */
  public static final String WHY = "symbolic link loop (it leads back to a directory above it)";

  private LinkLoop() {}

  /** The loop at {@code link}, in words. */
  public static String at(Path link) {
    return "symbolic link loop at " + link + " (it leads back to a directory above it)";
  }
}
