package dev.lox.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reading input files, with reasons a person can act on when that fails. Plain java.io: NIO's
 * file channels cost some thirty classes at start-up.
 */
final class SourceFiles {
  private SourceFiles() {}

  static byte[] read(String path) throws IOException {
    File file = new File(path);
    if (file.isDirectory()) {
      throw new IOException("is a directory");
    }
    try (InputStream in = new FileInputStream(file)) {
      return in.readAllBytes();
    }
  }

  static String reason(IOException e) {
    String message = e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName() + ".";
    }
    if (e instanceof FileNotFoundException) {
      // "path (No such file or directory)": keep the reason, the caller names the path.
      int open = message.lastIndexOf(" (");
      if (open >= 0 && message.endsWith(")")) {
        message = message.substring(open + 2, message.length() - 1).toLowerCase();
      }
    }
    return message + ".";
  }
}
