package dev.lox.cli;

import dev.lox.Lox;
import dev.lox.api.ExitCodes;
import dev.lox.api.JitMode;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entry point of a packaged Lox program ({@code java -jar app.jar}): runs the chunk file
 * {@value #DEFAULT_PROGRAM} from the class path, or the one named by {@code -Dlox.main=NAME}, with
 * the compiling tier as {@code -Dlox.jit=off|auto|always} says (default {@link Lox#DEFAULT_JIT}).
 * The library chunks that {@value #LIBRARY_LIST} lists are loaded first, into the same VM.
 * Exit codes are {@code lox}'s: 0, 64 for arguments, 65 for a chunk that fails verification
 * (nothing runs), 70 for a runtime error, 74 when there is no program to read.
 */
public final class ChunkLauncher {
  public static final String DEFAULT_PROGRAM = "main.loxc";

  /**
   * The class-path resource listing the program's library chunks, one resource name a line, in
   * load order (written by lox-maven-plugin's {@code lox:compile}); absent when there are none.
   */
  public static final String LIBRARY_LIST = "lox-libraries.txt";

  private ChunkLauncher() {}

  public static void main(String[] args) {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    String program = System.getProperty("lox.main", DEFAULT_PROGRAM);
    String jit = System.getProperty("lox.jit");
    System.exit(launch(args, program, jit, ChunkLauncher.class.getClassLoader(), stdout, stderr));
  }

  /**
   * As {@code main} with the system properties' values: {@code jitName} is {@code lox.jit}'s value,
   * null when unset; a bad one is a usage error.
   */
  static int launch(
      String[] args,
      String program,
      String jitName,
      ClassLoader loader,
      OutputStream stdout,
      OutputStream stderr) {
    JitMode jit = jitName == null ? Lox.DEFAULT_JIT : JitMode.parse(jitName);
    if (jit == null) {
      new PrintStream(stderr, true, StandardCharsets.UTF_8)
          .println("lox: -Dlox.jit takes off, auto or always, not '" + jitName + "'");
      return ExitCodes.USAGE;
    }
    return run(args, program, jit, loader, stdout, stderr);
  }

  /** Runs {@code program}, a class-path resource, with the default compiling tier. */
  public static int run(
      String[] args, String program, ClassLoader loader, OutputStream stdout, OutputStream stderr) {
    return run(args, program, Lox.DEFAULT_JIT, loader, stdout, stderr);
  }

  /** Runs {@code program}, a class-path resource, the compiling tier in {@code jit} mode; returns the exit code. */
  public static int run(
      String[] args,
      String program,
      JitMode jit,
      ClassLoader loader,
      OutputStream stdout,
      OutputStream stderr) {
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
    List<Libraries.Library> libraries = new ArrayList<>();
    int read = readLibraries(loader, libraries, err);
    if (read != ExitCodes.OK) {
      return read;
    }
    Libraries.Diverter vmErr = new Libraries.Diverter(stderr);
    Lox lox = new Lox(stdout, vmErr, jit);
    lox.setFlushEachLine(System.console() != null);
    int loaded = Libraries.load(lox, vmErr, libraries, err);
    if (loaded != ExitCodes.OK) {
      return loaded;
    }
    return LoxMain.runChunk(lox, chunk, program, err);
  }

  /** The library chunks {@value #LIBRARY_LIST} names, in its order; an exit code. */
  private static int readLibraries(ClassLoader loader, List<Libraries.Library> into, PrintStream err) {
    List<String> names = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(LIBRARY_LIST)) {
      if (in == null) {
        return ExitCodes.OK;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
    } catch (IOException e) {
      err.println("lox: cannot read " + LIBRARY_LIST + ": " + e.getMessage());
      return ExitCodes.IO_ERROR;
    }
    for (String name : names) {
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          err.println("lox: no library " + name + " on the class path (listed in " + LIBRARY_LIST + ")");
          return ExitCodes.IO_ERROR;
        }
        into.add(new Libraries.Library(name, in.readAllBytes()));
      } catch (IOException e) {
        err.println("lox: cannot read " + name + ": " + e.getMessage());
        return ExitCodes.IO_ERROR;
      }
    }
    return ExitCodes.OK;
  }
}
