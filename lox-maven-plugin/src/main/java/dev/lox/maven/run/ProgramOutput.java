package dev.lox.maven.run;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Where {@code lox:run} sends the program's output so that it comes out exactly as printed.
 *
 * <p>Maven 3 leaves {@code System.out} a plain stream to the console (or to the {@code -l} file),
 * and the program writes there. Maven 4 replaces it with a stream that turns each line into a log
 * message, {@code [INFO] [stdout] Hello}: there the program writes to the process's standard
 * output itself, as Maven 4's own {@code --raw-streams} would have every plugin do.
 */
public final class ProgramOutput {
  /** The package of Maven 4's logging streams ({@code LoggingOutputStream.LoggingPrintStream}). */
  private static final String MAVEN_LOGGING_PACKAGE = "org.apache.maven.logging.";

  private ProgramOutput() {}

  /** The stream for the program, given Maven's {@code System.out}. Never to be closed. */
  public static OutputStream of(PrintStream systemOut) {
    return of(systemOut, new FileOutputStream(FileDescriptor.out));
  }

  /** As {@link #of(PrintStream)}, with {@code standardOutput} for the process's standard output. */
  static OutputStream of(PrintStream systemOut, OutputStream standardOutput) {
    if (!isLoggingStream(systemOut)) {
      return systemOut;
    }
    // What Maven logged so far goes out before the program's first line.
    systemOut.flush();
    System.err.flush();
    return new FilterOutputStream(standardOutput) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        // The process's standard output outlives the program: flushed, never closed.
        flush();
      }
    };
  }

  /** Whether {@code stream} turns what is printed into log messages (Maven 4's). */
  static boolean isLoggingStream(PrintStream stream) {
    for (Class<?> type = stream.getClass(); type != null; type = type.getSuperclass()) {
      if (type.getName().startsWith(MAVEN_LOGGING_PACKAGE)) {
        return true;
      }
    }
    return false;
  }
}
