package dev.lox.cli;

import dev.lox.Lox;
import dev.lox.api.ExitCodes;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of a packaged Lox program ({@code java -jar app.jar}): runs the chunk file
 * {@value #DEFAULT_PROGRAM} from the class path, or the one named by {@code -Dlox.main=NAME}.
 * Exit codes are {@code lox}'s: 0, 64 for arguments, 65 for a chunk that fails verification
 * (nothing runs), 70 for a runtime error, 74 when there is no program to read.
 */
public final class ChunkLauncher {
  public static final String DEFAULT_PROGRAM = "main.loxc";

  private ChunkLauncher() {}

  public static void main(String[] args) {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    String program = System.getProperty("lox.main", DEFAULT_PROGRAM);
    System.exit(run(args, program, ChunkLauncher.class.getClassLoader(), stdout, stderr));
  }

  /** Runs {@code program}, a class-path resource; returns the exit code. */
  public static int run(
      String[] args, String program, ClassLoader loader, OutputStream stdout, OutputStream stderr) {
    PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    if (args.length != 0) {
      err.println("Usage: java -jar JAR   (runs the Lox program " + program + " inside it)");
      return ExitCodes.USAGE;
    }
    byte[] chunk;
    try (InputStream in = loader.getResourceAsStream(program)) {
      if (in == null) {
        err.println("lox: no " + program + " on the class path");
        return ExitCodes.IO_ERROR;
      }
      chunk = in.readAllBytes();
    } catch (IOException e) {
      err.println("lox: cannot read " + program + ": " + e.getMessage());
      return ExitCodes.IO_ERROR;
    }
    Lox lox = new Lox(stdout, stderr);
    lox.setFlushEachLine(System.console() != null);
    return LoxMain.runChunk(lox, chunk, program, err);
  }
}
