package dev.lox.cli;

import dev.lox.CompileError;
import dev.lox.CompileResult;
import dev.lox.Lox;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import dev.lox.chunk.Disassembler;

/** The {@code loxc} command, after Lua's {@code luac}: compile, and list bytecode. */
public final class LoxcMain {
  static final int EX_DATAERR = 65;

  private static final String USAGE = "Usage: loxc [-l] FILE.lox";

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
    for (String arg : args) {
      switch (arg) {
        case "-h", "--help" -> {
          out.println(USAGE);
          out.println();
          out.println("Compiles a Lox source file and checks it for errors.");
          out.println();
          out.println("  -l             list the bytecode of every function");
          out.println("  -h, --help     show this help");
          out.println("  --version      show the version");
          return LoxMain.EX_OK;
        }
        case "--version" -> {
          out.println("loxc " + Version.get());
          return LoxMain.EX_OK;
        }
        case "-l" -> list = true;
        default -> {
          if (arg.startsWith("-") || input != null) {
            err.println(USAGE);
            return LoxMain.EX_USAGE;
          }
          input = arg;
        }
      }
    }
    if (input == null) {
      err.println(USAGE);
      return LoxMain.EX_USAGE;
    }
    byte[] source;
    try {
      source = SourceFiles.read(input);
    } catch (IOException e) {
      err.println("Could not open file \"" + input + "\": " + SourceFiles.reason(e));
      return LoxMain.EX_IOERR;
    }
    CompileResult compiled = Lox.compile(source);
    if (!compiled.succeeded()) {
      PrintStream raw = new PrintStream(stderr, true, StandardCharsets.ISO_8859_1);
      for (CompileError error : compiled.errors()) {
        raw.println(error);
      }
      return EX_DATAERR;
    }
    if (list) {
      out.print(Disassembler.disassemble(compiled.script().function()));
      out.flush();
    }
    return LoxMain.EX_OK;
  }
}
