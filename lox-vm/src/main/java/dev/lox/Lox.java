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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
 *
 * <p>Nothing the program does escapes {@link #run} or {@link #interpret} as a Java exception: not
 * a native function that throws (any {@link Throwable}), nor a host value whose {@code toString()}
 * fails, nor running out of memory ({@code Out of memory.}, a runtime error). Only misuse does:
 * running a second program on an instance while it runs one.
 */
public final class Lox {
  /**
   * How many compile errors a {@link RunResult} (from {@link #interpret}) or a {@link
   * CompileResult} (from {@link #compile(byte[], Consumer)}) keeps: the first ones. All of them
   * are printed or passed on as they are found, so a source with millions takes little memory.
   */
  public static final int KEPT_COMPILE_ERRORS = 100;

  private final VM vm;
  private final OutputStream err;

  /** The compiling tier's mode when none is given. */
  public static final JitMode DEFAULT_JIT = JitMode.AUTO;

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
    this.err = err;
  }

  /**
   * Compiles source bytes (any bytes: Lox strings are byte strings, as in clox). The result holds
   * every error.
   */
  public static CompileResult compile(byte[] source) {
    Compiler.Result result = Compiler.compile(source, null);
    return compiled(result.function(), source, result.errors());
  }

  /**
   * Compiles source bytes, handing each error to {@code onError} as soon as it is found (for
   * sources over 1 KiB, on a thread of the compiler's, while this call waits for it), instead of
   * collecting them all: the result's {@link CompileResult#errors()} holds only the first {@link
   * #KEPT_COMPILE_ERRORS}.
   */
  public static CompileResult compile(byte[] source, Consumer<CompileError> onError) {
    KeepFirst keep = new KeepFirst(onError);
    FunctionProto function = Compiler.compile(source, null, keep);
    return compiled(function, source, keep.kept);
  }

  private static CompileResult compiled(FunctionProto function, byte[] source, List<CompileError> errors) {
    // A copy of the source, hashed only if the script is ever written out as a chunk file.
    return new CompileResult(
        function == null ? null : new Script(function, source.clone(), null), errors);
  }

  /** Passes errors on, keeping the first few. */
  private static final class KeepFirst implements Consumer<CompileError> {
    final Consumer<CompileError> next;
    final List<CompileError> kept = new ArrayList<>();

    KeepFirst(Consumer<CompileError> next) {
      this.next = next;
    }

    @Override
    public void accept(CompileError error) {
      if (kept.size() < KEPT_COMPILE_ERRORS) {
        kept.add(error);
      }
      next.accept(error);
    }
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

  /**
   * Runs a compiled script against this VM's globals. Runtime errors are printed and returned.
   *
   * @throws IllegalStateException if this instance is running a program already: called from
   *     one of its own native functions, or from a second thread while another runs
   */
  public RunResult run(Script script) {
    return vm.run(script.function());
  }

  /**
   * Compiles and runs source against this VM's globals, as {@code lox FILE} and each REPL line
   * do. Compile errors are printed to the error stream as they are found, one line each, as clox
   * prints them; the result keeps the first {@link #KEPT_COMPILE_ERRORS}. Running out of memory
   * while compiling ends as at run time: {@code Out of memory.}, a runtime error.
   *
   * @throws IllegalStateException if this instance is running a program already: called from
   *     one of its own native functions, or from a second thread while another runs
   */
  public RunResult interpret(byte[] source) {
    vm.enter();
    try {
      // The program never leaves this call, so unlike compile() it keeps no copy of the source.
      ErrorPrinter printer = new ErrorPrinter(err);
      FunctionProto function;
      try {
        function = Compiler.compile(source, vm.interner(), printer);
      } catch (OutOfMemoryError e) {
        printer.flush();
        return vm.outOfMemory();
      }
      printer.flush();
      if (function == null) {
        return new RunResult(Status.COMPILE_ERROR, printer.kept(), null);
      }
      return vm.runEntered(function);
    } finally {
      vm.exit();
    }
  }

  /** Defines (or redefines) a global native function. */
  public void defineNative(String name, NativeFunction function) {
    vm.defineNative(name, function);
  }

  /**
   * Asks the running program to stop; it ends with {@link Status#STOPPED} at its next call or
   * loop iteration. Safe to call from any thread, at any time; a stop requested while nothing runs
   * applies to the next run, and is spent when that run ends, however it ends.
   *
   * <p>The thread running the program is also interrupted, so that a native function blocked in
   * {@code sleep}, {@code wait}, {@code join} or the like wakes: whatever it then throws (its
   * {@link InterruptedException}) is taken as the stop, not a runtime error. The interrupt is
   * cleared when the run ends, so it does not reach the caller of {@code run}. Like any interrupt,
   * it closes an NIO channel that the thread is blocked in, or writes to, at that moment.
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
