package dev.lox.cli;

import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.api.ExitCodes;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.api.Version;
import dev.lox.chunk.ChunkFormat;
import dev.lox.io.LibraryFiles;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code lox} command: run a file, or start a REPL. */
public final class LoxMain {

  private static final String USAGE = "Usage: lox [--jit=off|auto|always] [path]";

  /** Libraries go with a program, so their usage is a line of its own. */
  private static final String LIB_USAGE = "       lox [--jit=off|auto|always] --lib PATH [--lib PATH]... path";

  private LoxMain() {}

  public static void main(String[] args) {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    System.exit(run(args, System.in, stdout, stderr));
  }

  /** Runs the command; returns its exit code. Never calls {@code System.exit}. */
  public static int run(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr) {
    PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    JitMode jit = Lox.DEFAULT_JIT;
    if (args.length > 0 && args[0].startsWith("--jit=")) {
      jit = JitMode.parse(args[0].substring("--jit=".length()));
      if (jit == null) {
        err.println("lox: --jit takes off, auto or always, not '" + args[0].substring(6) + "'");
        err.println(USAGE);
        return ExitCodes.USAGE;
      }
      args = java.util.Arrays.copyOfRange(args, 1, args.length);
    }
    List<String> libraries = new ArrayList<>();
    while (args.length > 0 && (args[0].equals("--lib") || args[0].startsWith("--lib="))) {
      if (args[0].equals("--lib") && args.length < 2) {
        err.println("lox: --lib needs a path");
        err.println(LIB_USAGE.strip());
        return ExitCodes.USAGE;
      }
      boolean separate = args[0].equals("--lib");
      libraries.add(separate ? args[1] : args[0].substring("--lib=".length()));
      args = java.util.Arrays.copyOfRange(args, separate ? 2 : 1, args.length);
    }
    if (!libraries.isEmpty() && args.length != 1) {
      err.println("lox: --lib goes with a program to run");
      err.println(LIB_USAGE.strip());
      return ExitCodes.USAGE;
    }
    if (args.length == 0) {
      return repl(stdin, stdout, stderr, jit);
    }
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
      out.println(USAGE);
      out.println(LIB_USAGE);
      out.println();
      out.println("Runs the Lox program in the file at path (source, or a chunk file made by loxc).");
      out.println("With no path, reads and runs one line at a time (end the session with end of input).");
      out.println();
      out.println("  --lib PATH     load a library first: a .lox or .loxc file, or a directory");
      out.println("                 (every such file below it, sorted by path); repeatable, loaded");
      out.println("                 in order into the program's VM, whose globals it then sees");
      out.println("  --jit=MODE     when to compile Lox to JVM bytecode: off, auto (often-run");
      out.println("                 code; the default) or always (everything, before it runs)");
      out.println("  -h, --help     show this help");
      out.println("  --version      show the version");
      out.println();
      out.println("Exit status: 0 ok, 64 usage, 65 compile error, 70 runtime error, 74 I/O error,");
      out.println("141 output closed (a pipe whose reader went away).");
      return ExitCodes.OK;
    }
    if (args.length == 1 && args[0].equals("--version")) {
      new PrintStream(stdout, true, StandardCharsets.UTF_8).println("lox " + Version.get());
      return ExitCodes.OK;
    }
    if (args.length != 1 || (args[0].startsWith("-") && args[0].length() > 1)) {
      err.println(USAGE);
      return ExitCodes.USAGE;
    }
    byte[] source;
    try {
      source = SourceFiles.read(args[0]);
    } catch (IOException e) {
      err.println("Could not open file \"" + args[0] + "\": " + SourceFiles.reason(e));
      return ExitCodes.IO_ERROR;
    }
    if (!libraries.isEmpty()) {
      return runWithLibraries(libraries, source, args[0], stdout, stderr, err, jit);
    }
    Lox lox = new Lox(stdout, stderr, jit);
    lox.setFlushEachLine(System.console() != null);
    if (ChunkFormat.isChunk(source)) {
      return runChunk(lox, source, args[0], err);
    }
    RunResult result = lox.interpret(source);
    return result.exitCode();
  }

  /**
   * As {@link #run} for a program with libraries: they load into its VM first, and the program runs
   * only when they all compiled and ran without error.
   */
  private static int runWithLibraries(
      List<String> paths,
      byte[] program,
      String name,
      OutputStream stdout,
      OutputStream stderr,
      PrintStream err,
      JitMode jit) {
    List<Path> files;
    try {
      files = LibraryFiles.expand(paths.stream().map(Path::of).toList());
    } catch (IOException e) {
      err.println("lox: " + e.getMessage());
      return ExitCodes.IO_ERROR;
    }
    List<Libraries.Library> libraries = new ArrayList<>();
    for (Path file : files) {
      try {
        libraries.add(new Libraries.Library(file.toString(), SourceFiles.read(file.toString())));
      } catch (IOException e) {
        err.println("lox: cannot read library " + file + ": " + SourceFiles.reason(e));
        return ExitCodes.IO_ERROR;
      }
    }
    Libraries.Diverter vmErr = new Libraries.Diverter(stderr);
    Lox lox = new Lox(stdout, vmErr, jit);
    lox.setFlushEachLine(System.console() != null);
    int loaded = Libraries.load(lox, vmErr, libraries, err);
    if (loaded != ExitCodes.OK) {
      return loaded;
    }
    if (ChunkFormat.isChunk(program)) {
      return runChunk(lox, program, name, err);
    }
    return lox.interpret(program).exitCode();
  }

  /**
   * Verifies and runs a chunk file; one line naming it and exit 65 when it fails verification,
   * nothing run. Shared with {@link ChunkLauncher}, so a packaged program behaves as {@code lox}.
   */
  static int runChunk(Lox lox, byte[] chunk, String name, PrintStream err) {
    LoadResult loaded = Lox.load(chunk);
    if (!loaded.succeeded()) {
      err.println(loaded.describe(name));
      return ExitCodes.DATA_ERROR;
    }
    return lox.run(loaded.script()).exitCode();
  }

  /** The REPL; it ends at end of input, or as soon as its output cannot be written (exit 141). */
  private static int repl(
      InputStream stdin, OutputStream stdout, OutputStream stderr, JitMode jit) {
    Lox lox = new Lox(stdout, stderr, jit);
    lox.setFlushEachLine(true);
    for (;;) {
      if (!write(stdout, PROMPT)) {
        return ExitCodes.OUTPUT_CLOSED;
      }
      byte[] line;
      try {
        line = readLine(stdin);
      } catch (IOException e) {
        new PrintStream(stderr, true, StandardCharsets.UTF_8).println("lox: " + e.getMessage());
        return ExitCodes.IO_ERROR;
      }
      if (line == null) {
        return write(stdout, NEWLINE) ? ExitCodes.OK : ExitCodes.OUTPUT_CLOSED;
      }
      if (lox.interpret(line).status() == Status.OUTPUT_CLOSED) {
        return ExitCodes.OUTPUT_CLOSED;
      }
    }
  }

  private static final byte[] PROMPT = {'>', ' '};
  private static final byte[] NEWLINE = {'\n'};

  /** Writes and flushes; false when the output is closed. */
  private static boolean write(OutputStream out, byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** One line with its newline, or what is left before end of input; null at end of input. */
  private static byte[] readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      line.write(b);
      if (b == '\n') {
        break;
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toByteArray();
  }
}
