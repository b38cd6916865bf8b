package dev.lox.cli;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.CompileError;
import dev.lox.api.ExitCodes;
import dev.lox.api.Version;
import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.Disassembler;
import dev.lox.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;

/** The {@code loxc} command, after Lua's {@code luac}: compile to chunk files, and list bytecode. */
public final class LoxcMain {

  private static final String USAGE = "Usage: loxc [-l] [-o OUT.loxc] FILE";

  private LoxcMain() {}

  public static void main(String[] args) {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    OutputStream stderr = new FileOutputStream(FileDescriptor.err);
    System.exit(run(args, stdout, stderr));
  }

  public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.ISO_8859_1);
    PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);
    boolean list = false;
    String input = null;
    String output = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "-h", "--help" -> {
          out.println(USAGE);
          out.println();
          out.println("Compiles a Lox source file and checks it for errors. FILE may also be a chunk");
          out.println("file (recognised by its content), which is checked from end to end.");
          out.println();
          out.println("  -o OUT.loxc    write the compiled program to OUT.loxc, for `lox OUT.loxc`");
          out.println("                 (replaces a link's target; writes into a FIFO or device)");
          out.println("  -l             list the bytecode of every function");
          out.println("  -h, --help     show this help");
          out.println("  --version      show the version");
          out.println();
          out.println("Exit status: 0 ok, 64 usage, 65 compile error or bad chunk, 74 I/O error,");
          out.println("141 output closed (-l to a pipe whose reader went away).");
          return ExitCodes.OK;
        }
        case "--version" -> {
          out.println("loxc " + Version.get());
          return ExitCodes.OK;
        }
        case "-l" -> list = true;
        case "-o" -> {
          if (output != null || i + 1 == args.length) {
            err.println(USAGE);
            return ExitCodes.USAGE;
          }
          output = args[++i];
        }
        default -> {
          if (arg.startsWith("-") || input != null) {
            err.println(USAGE);
            return ExitCodes.USAGE;
          }
          input = arg;
        }
      }
    }
    if (input == null) {
      err.println(USAGE);
      return ExitCodes.USAGE;
    }
    if (output != null && sameFile(input, output)) {
      err.println(
          "loxc: output file \"" + output + "\" is the input file; it would be overwritten.");
      return ExitCodes.USAGE;
    }
    byte[] bytes;
    try {
      bytes = SourceFiles.read(input);
    } catch (IOException e) {
      err.println("Could not open file \"" + input + "\": " + SourceFiles.reason(e));
      return ExitCodes.IO_ERROR;
    }
    Script script;
    if (ChunkFormat.isChunk(bytes)) {
      LoadResult loaded = Lox.load(bytes);
      if (!loaded.succeeded()) {
        err.println(loaded.describe(input));
        return ExitCodes.DATA_ERROR;
      }
      script = loaded.script();
    } else {
      // Errors are printed as they are found, in blocks: millions of them take no memory.
      ErrorLines errors = new ErrorLines(stderr);
      CompileResult compiled = Lox.compile(bytes, errors);
      errors.flush();
      if (!compiled.succeeded()) {
        return ExitCodes.DATA_ERROR;
      }
      script = compiled.script();
    }
    if (output != null) {
      try {
        // Never a half-written chunk, even when loxc is stopped mid-write.
        AtomicFiles.write(Path.of(output), script.toBytes());
      } catch (IOException | RuntimeException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
            : e.getMessage() != null ? e.getMessage() : e.toString();
        err.println("Could not write file \"" + output + "\": " + reason + ".");
        return ExitCodes.IO_ERROR;
      }
    }
    if (list) {
      out.print(Disassembler.disassemble(script.function()));
      out.flush();
      if (out.checkError()) {
        return ExitCodes.OUTPUT_CLOSED;
      }
    }
    return ExitCodes.OK;
  }

  /** Whether both paths name one existing file (through links, hard or symbolic, or not). */
  private static boolean sameFile(String input, String output) {
    try {
      return Files.isSameFile(Path.of(input), Path.of(output));
    } catch (IOException | InvalidPathException e) {
      return false; // Either is missing or unreadable: reading or writing says so.
    }
  }

  /** Prints compile errors as lox prints them, one line each, through a buffer. */
  private static final class ErrorLines implements Consumer<CompileError> {
    private final BufferedOutputStream err;

    ErrorLines(OutputStream stderr) {
      this.err = new BufferedOutputStream(stderr, 8192);
    }

    @Override
    public void accept(CompileError error) {
      try {
        err.write((error + "\n").getBytes(StandardCharsets.ISO_8859_1));
      } catch (IOException e) {
        // As C's fprintf to a closed stderr: nothing to be done.
      }
    }

    void flush() {
      try {
        err.flush();
      } catch (IOException e) {
        // As above.
      }
    }
  }

}
