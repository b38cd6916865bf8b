package dev.lox.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading input files, with reasons a person can act on when that fails. */
final class SourceFiles {
  private SourceFiles() {}

  static byte[] read(String path) throws IOException {
    Path file = Path.of(path);
    if (Files.isDirectory(file)) {
      throw new IOException("is a directory");
    }
    return Files.readAllBytes(file);
  }

  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file.";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied.";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message + ".";
  }
}
