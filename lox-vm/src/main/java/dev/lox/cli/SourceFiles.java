package dev.lox.cli;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reading input files, with reasons a person can act on when that fails. Plain java.io: NIO's
 * file channels cost some thirty classes at start-up.
 *
 * <p>A file is read whole into one array, so it can be at most {@link #MAX_SIZE} bytes, just
 * under 2 GiB, and no larger than the heap can hold. Both are checked while reading, not only
 * against the size the file reports: devices and pipes report none ({@code /dev/zero} says 0 and
 * never ends), and a file may grow while it is read.
 */
final class SourceFiles {
  /** The largest array the JVM allocates, a few bytes under 2 GiB. */
  static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  /** Reading stopped at the size limit; its message is the reason printed after the path. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private SourceFiles() {}

  static byte[] read(String path) throws IOException {
    return read(path, MAX_SIZE);
  }

  /** Reads the file whole, failing with {@link TooLargeException} past {@code limit} bytes. */
  static byte[] read(String path, int limit) throws IOException {
    File file = new File(path);
    if (file.isDirectory()) {
      throw new IOException("is a directory");
    }
    try (InputStream in = new FileInputStream(file)) {
      // A regular file's size is only a hint (0 for devices, stale if the file changes).
      long reported = file.length();
      if (reported > limit) {
        throw tooLarge(limit);
      }
      return readAll(in, (int) reported, limit);
    } catch (OutOfMemoryError e) {
      throw new TooLargeException("not enough memory to read it");
    }
  }

  private static byte[] readAll(InputStream in, int expected, int limit) throws IOException {
    byte[] buffer = new byte[expected > 0 ? expected : Math.min(8192, limit)];
    int length = 0;
    for (;;) {
      if (length == buffer.length) {
        // Full: one more byte tells the end from a file longer than it said.
        int next = in.read();
        if (next < 0) {
          return buffer;
        }
        if (length >= limit) {
          throw tooLarge(limit);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(2L * length, limit));
        buffer[length++] = (byte) next;
        continue;
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        return Arrays.copyOf(buffer, length);
      }
      length += n;
    }
  }

  private static TooLargeException tooLarge(int limit) {
    return new TooLargeException("file too large (the limit is "
        + (limit == MAX_SIZE ? "2 GiB" : limit + " bytes") + ")");
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
