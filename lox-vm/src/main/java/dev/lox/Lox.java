package dev.lox;

import dev.lox.api.CompileError;
import dev.lox.api.JitMode;
import dev.lox.api.NativeFunction;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.chunk.ChunkReader;
import dev.lox.chunk.FunctionProto;
import dev.lox.compiler.Compiler;
import dev.lox.jit.JitTier;
import dev.lox.vm.VM;
import java.io.OutputStream;
import java.util.List;

/**
 * The embedding API: one Lox virtual machine with its own globals and output streams.
 *
 * <pre>{@code
 * CompileResult compiled = Lox.compile(source);
 * Lox lox = new Lox(System.out, System.err);
 * lox.defineNative("twice", args -> 2 * (Double) args[0]);
 * RunResult result = lox.run(compiled.script());
 * }</pre>
 *
 * <p>Instances are independent: many may run at once on different threads. One instance runs one
 * program at a time; {@link #stop()} is the one method meant to be called from another thread.
 */
public final class Lox {
  private final VM vm;

  /** The compiling tier's mode when none is given. */
  public static final JitMode DEFAULT_JIT = JitMode.OFF;

  /** A VM printing to the given streams; both receive raw bytes, exactly as clox writes them. */
  public Lox(OutputStream out, OutputStream err) {
    this(out, err, DEFAULT_JIT);
  }

  /**
   * A VM whose compiling tier runs in {@code jit} mode. Programs behave the same in every mode;
   * only their speed differs.
   */
  public Lox(OutputStream out, OutputStream err, JitMode jit) {
    this.vm = new VM(out, err, jit == JitMode.OFF ? null : new JitTier(jit));
  }

  /** Compiles source bytes (any bytes: Lox strings are byte strings, as in clox). */
  public static CompileResult compile(byte[] source) {
    Compiler.Result result = Compiler.compile(source, null);
    FunctionProto function = result.function();
    // A copy of the source, hashed only if the script is ever written out as a chunk file.
    return new CompileResult(
        function == null ? null : new Script(function, source.clone(), null), result.errors());
  }

  /**
   * Reads a chunk file ({@link Script#toBytes()}, {@code loxc -o}) back into a script, after
   * checking all of it: header, checksum, and that every function is safe to run. Never throws for
   * bad bytes; the problems come back as data.
   */
  public static LoadResult load(byte[] chunk) {
    ChunkReader.Result read = ChunkReader.read(chunk);
    Script script = read.succeeded()
        ? new Script(read.script(), null, read.header().sourceHash())
        : null;
    return new LoadResult(script, read.header(), read.problems());
  }

  /** Runs a compiled script against this VM's globals. Runtime errors are printed and returned. */
  public RunResult run(Script script) {
    return vm.run(script.function());
  }

  /**
   * Compiles and runs source against this VM's globals, as {@code lox FILE} and each REPL line
   * do. Compile errors are printed to the error stream, one line each, as clox prints them.
   */
  public RunResult interpret(byte[] source) {
    // The program never leaves this call, so unlike compile() it keeps no copy of the source.
    Compiler.Result compiled = Compiler.compile(source, vm.interner());
    if (compiled.function() == null) {
      List<CompileError> errors = compiled.errors();
      vm.printCompileErrors(errors);
      return new RunResult(Status.COMPILE_ERROR, errors, null);
    }
    return vm.run(compiled.function());
  }

  /** Defines (or redefines) a global native function. */
  public void defineNative(String name, NativeFunction function) {
    vm.defineNative(name, function);
  }

  /**
   * Asks the running program to stop; it ends with {@link Status#STOPPED} at its next call or
   * loop iteration. Safe to call from any thread, at any time; a stop requested while nothing runs
   * applies to the next run, and is spent when that run ends, however it ends.
   */
  public void stop() {
    vm.requestStop();
  }

  /**
   * Whether each line the program prints is written out at once (for terminals, and callers that
   * stream output as it is produced) instead of in large blocks, as C's stdio buffers a pipe.
   */
  public void setFlushEachLine(boolean flushEachLine) {
    vm.setFlushEachLine(flushEachLine);
  }

  /** Flushes the output streams. */
  public void flush() {
    vm.flush();
  }
}
