package dev.lox.vm;

import dev.lox.api.LoxError;
import dev.lox.api.NativeFunction;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.chunk.FunctionProto;
import dev.lox.chunk.Instructions;
import dev.lox.chunk.OpCode;
import dev.lox.chunk.OpCode.Code;
import dev.lox.runtime.Arithmetic;
import dev.lox.runtime.BoundMethod;
import dev.lox.runtime.Closure;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.GlobalCell;
import dev.lox.runtime.Interner;
import dev.lox.runtime.LoxClass;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxInstance;
import dev.lox.runtime.LoxNative;
import dev.lox.runtime.LoxString;
import dev.lox.runtime.Nil;
import dev.lox.runtime.PropertyCache;
import dev.lox.runtime.Shape;
import dev.lox.runtime.Upvalue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytecode interpreter. Values live split across two parallel stacks: a reference stack and
 * a number stack, where a {@code null} reference means "the value is the number beside it". So
 * arithmetic never boxes, and copying a value is two array stores with no branch.
 *
 * <p>{@code execute()} holds the current frame's code, instruction pointer and stack base in
 * locals and keeps every rare path (errors, calls of anything but a closure, cache misses) in
 * named helpers, so that it stays small enough for HotSpot to compile.
 *
 * <p>Whatever goes wrong, a run ends in a {@link RunResult}: running out of memory is the runtime
 * error {@value #OUT_OF_MEMORY}, with its trace where the position is known (see {@link
 * #positionSaved}; a string too large to build always has it).
 */
public final class VM {
  /** How deep calls may nest; clox allows 64, we allow recursion thousands deep. */
  static final int FRAMES_MAX = 200_000;
  /** How many stack slots all frames together may use. */
  static final int STACK_MAX = 1 << 23;
  /** Traces deeper than this print their two ends only. */
  private static final int TRACE_SHOWN = 64;
  /**
   * How deep compiled calls may nest on the JVM stack, as {@link Tier#compiledCost} counts them.
   * Each takes JVM stack while the interpreter takes none, so deeper calls run interpreted and
   * recursion as deep as {@link #FRAMES_MAX} still works on a thread's default stack.
   */
  static final int COMPILED_DEPTH_MAX = 512;

  /**
   * What an interpreter run started by compiled code counts against {@link #COMPILED_DEPTH_MAX}
   * while it runs: it nests on the JVM stack like a compiled call, with the helpers that started
   * it, so that calls alternating between compiled and interpreted functions stop nesting too.
   */
  private static final int INTERPRETED_RUN_COST = 4;

  static final String OUT_OF_MEMORY = "Out of memory.";
  /** When even reporting runs out of memory: the message alone, made in advance. */
  private static final RunResult OUT_OF_MEMORY_RESULT = new RunResult(
      Status.RUNTIME_ERROR, List.of(), new LoxError(OUT_OF_MEMORY, List.of()));
  private static final byte[] OUT_OF_MEMORY_LINE =
      (OUT_OF_MEMORY + "\n").getBytes(StandardCharsets.ISO_8859_1);
  private static final int RESERVE_BYTES = 256 * 1024;

  final Output out;
  private final OutputStream err;
  private final Interner interner = new Interner();
  final Map<LoxString, GlobalCell> globals = new HashMap<>();
  final LoxString initString;
  private final long startNanos = System.nanoTime();
  volatile boolean stopRequested;
  /**
   * {@link #stopRequested} as a plain field, for compiled calls: a volatile read on every call
   * would make HotSpot reload every field after it, which costs compiled code a third of its
   * speed. A call cannot be inlined into itself without end, so a run that only calls still
   * reads this field afresh at some call; loops read the volatile field at their back edges.
   */
  boolean stopSoon;
  /** Guards {@link #runner} and {@link #interruptedForStop}. */
  private final Object runLock = new Object();
  /** The thread running a program on this VM; null while idle. */
  private Thread runner;
  /** Whether {@link #requestStop} interrupted the runner, whose flag is cleared when it ends. */
  private boolean interruptedForStop;
  /**
   * Memory set aside for reporting an out-of-memory error: freed when one happens, so that the
   * message and trace can be built even when the program's objects fill the heap; taken again
   * by the next run.
   */
  private byte[] reserve = new byte[RESERVE_BYTES];

  Object[] refs = new Object[1024];
  double[] nums = new double[1024];
  int sp;
  Closure[] frameClosures = new Closure[64];
  int[] frameIps = new int[64];
  int[] frameBases = new int[64];
  int frameCount;
  /**
   * Whether the frames and their positions, as saved, are those of the instruction running: set
   * by {@link #save}, cleared by the helpers after which the loop goes on. The loop keeps its
   * position in registers, so memory running out anywhere else has no exact trace.
   */
  private boolean positionSaved;
  /** Open upvalues, highest stack slot first. */
  Upvalue openUpvalues;

  /** The compiling tier, or null to interpret everything. */
  private final Tier tier;
  private final int callThreshold;
  private final int loopThreshold;
  /**
   * How deep compiled calls now nest on the JVM stack: what each running compiled call adds
   * itself ({@link Tier#compiledCost}), and the interpreter runs they started ({@link
   * #interpretCall}).
   */
  int compiledDepth;
  /** Set by {@link #resumeAt}, for the loop that entered compiled code: where to go on, or -1. */
  private int resumeIp = -1;
  /**
   * The number half of a value that a {@link CompiledSupport} method returns: the reference is
   * its result, the number is left here for the compiled code to read at once.
   */
  double resultNum;
  /**
   * Slot zero of a frame that {@link CompiledSupport#callTarget} pushed: the closure called, or
   * the new instance or bound receiver a method runs on, for the compiled caller to pass on.
   */
  Object callReceiver;

  public VM(OutputStream out, OutputStream err) {
    this(out, err, null);
  }

  /** A VM that hands hot functions to {@code tier} (null: none). */
  public VM(OutputStream out, OutputStream err, Tier tier) {
    this.out = new Output(out);
    this.err = err;
    this.tier = tier;
    this.callThreshold = tier == null ? Integer.MAX_VALUE : tier.callThreshold();
    this.loopThreshold = tier == null ? Integer.MAX_VALUE : tier.loopThreshold();
    this.initString = interner.intern(LoxString.of("init"));
    defineNative("clock", new Clock(startNanos));
  }

  /** {@code clock()}: seconds since the VM started. A class, not a lambda: see Compiler.ParseFn. */
  private static final class Clock implements NativeFunction {
    private final long startNanos;

    Clock(long startNanos) {
      this.startNanos = startNanos;
    }

    @Override
    public Object call(Object... args) {
      return (System.nanoTime() - startNanos) / 1e9;
    }
  }

  public Interner interner() {
    return interner;
  }

  public void setFlushEachLine(boolean flushEachLine) {
    out.setFlushEachLine(flushEachLine);
  }

  public void defineNative(String name, NativeFunction function) {
    LoxString key = interner.intern(LoxString.of(name));
    GlobalCell cell = globals.computeIfAbsent(key, GlobalCell::new);
    cell.ref = new LoxNative(key, function);
  }

  /**
   * Asks the running program to stop at its next call or loop iteration, and interrupts the thread
   * running it, so that a native blocked in sleep or wait returns at once.
   */
  public void requestStop() {
    stopRequested = true;
    stopSoon = true;
    synchronized (runLock) {
      if (runner != null) {
        interruptedForStop = true;
        runner.interrupt();
      }
    }
  }

  /**
   * Claims this VM for a run on the current thread, until {@link #exit()}.
   *
   * @throws IllegalStateException if a program is running on it already: re-entered from a
   *     native, or used by two threads at once
   */
  public void enter() {
    synchronized (runLock) {
      if (runner != null) {
        throw new IllegalStateException(runner == Thread.currentThread()
            ? "This Lox VM is already running a program; a native function cannot run another on it."
            : "This Lox VM is already running a program on another thread.");
      }
      runner = Thread.currentThread();
    }
  }

  /** Ends a claim of {@link #enter()}; clears the interrupt a stop sent, so none leaks out. */
  public void exit() {
    boolean interrupted;
    synchronized (runLock) {
      runner = null;
      interrupted = interruptedForStop;
      interruptedForStop = false;
    }
    if (interrupted) {
      Thread.interrupted();
    }
  }

  public void flush() {
    out.flush();
    try {
      err.flush();
    } catch (IOException e) {
      // Nowhere left to report it.
    }
  }

  // ---- Running ----

  /** Links a compiled program into this VM without running it, for tools that inspect it. */
  public LoxFunction link(FunctionProto script) {
    return Linker.link(script, interner);
  }

  /** Runs a program; see {@link #enter()} for when it throws. */
  public RunResult run(FunctionProto script) {
    enter();
    try {
      return runEntered(script);
    } finally {
      exit();
    }
  }

  /** Runs a program on a VM that this thread has {@linkplain #enter() entered}. */
  public RunResult runEntered(FunctionProto script) {
    RunResult result;
    try {
      if (reserve == null) {
        reserve = new byte[RESERVE_BYTES];
      }
      positionSaved = false;
      Closure closure = new Closure(Linker.link(script, interner));
      sp = 0;
      frameCount = 0;
      openUpvalues = null;
      compiledDepth = 0;
      refs[sp++] = closure;
      String error = callClosure(closure, 0);
      if (error != null) {
        result = runtimeError(error);
      } else {
        // An eager tier compiles the script too, before it runs.
        boolean compiled = callThreshold == 1 && enterCompiled(closure, 0, 0);
        result = compiled ? RunResult.OK : execute(0);
      }
    } catch (Abort abort) {
      result = abort.result;
    } catch (StackOverflowError e) {
      // Compiled calls nest at most COMPILED_DEPTH_MAX deep on the JVM stack, which fits the
      // default stack of any thread; this is for a thread made with a tiny one.
      result = runtimeError("Stack overflow.");
    } catch (OutOfMemoryError e) {
      // Out of memory in the loop or in compiled code, where nothing reports it: with the trace
      // when the position is known (in a call of a native, or one that grows the stack).
      result = outOfMemory(positionSaved);
    }
    // A stop asked for while idle applies to this run; once it has ended, the request is spent.
    stopRequested = false;
    stopSoon = false;
    out.flush();
    if (out.takeLost() && result.status() != Status.RUNTIME_ERROR) {
      result = RunResult.OUTPUT_CLOSED;
    }
    return result;
  }

  /**
   * Interprets from the top frame until frame {@code floor} returns (its result left in its base
   * slot) or the program fails. Floor 0 runs a whole program; a higher floor runs one call made
   * from compiled code.
   */
  private RunResult execute(int floor) {
    Object[] refs = this.refs;
    double[] nums = this.nums;
    int sp = this.sp;
    Closure[] frames = frameClosures;
    int[] ips = frameIps;
    int[] bases = frameBases;
    // The frame count lives in fc (top frame index) here, and is written back by save().
    int fc = frameCount - 1;
    Closure closure = frames[fc];
    LoxFunction fn = closure.function;
    byte[] code = fn.code;
    int ip = ips[fc];
    int base = bases[fc];

    // Every instruction ends with `continue`, except the calls: a call the loop can make itself
    // breaks to `push` with the callee and its frame's base; one that a helper made (or that
    // pushed no frame: a native) breaks to `reload`. So each is written once, with no test of
    // its own on the paths of the other instructions.
    for (;;) {
      Closure callee;
      int newBase;
      reload: {
        push:
        switch (code[ip++]) {
          case Code.CONSTANT: {
            int index = code[ip++] & 0xff;
            refs[sp] = fn.constRefs[index];
            nums[sp] = fn.constNums[index];
            sp++;
            continue;
          }
          case Code.NIL:
            refs[sp++] = Nil.NIL;
            continue;
          case Code.TRUE:
            refs[sp++] = Boolean.TRUE;
            continue;
          case Code.FALSE:
            refs[sp++] = Boolean.FALSE;
            continue;
          case Code.POP:
            sp--;
            continue;
          case Code.GET_LOCAL: {
            int slot = base + (code[ip++] & 0xff);
            refs[sp] = refs[slot];
            nums[sp] = nums[slot];
            sp++;
            continue;
          }
          case Code.SET_LOCAL: {
            int slot = base + (code[ip++] & 0xff);
            refs[slot] = refs[sp - 1];
            nums[slot] = nums[sp - 1];
            continue;
          }
          case Code.GET_GLOBAL: {
            GlobalCell cell = global(fn, code[ip++] & 0xff);
            Object value = cell.ref;
            if (value == GlobalCell.UNDEFINED) {
              return fail(fc, ip, sp, undefinedVariable(cell));
            }
            refs[sp] = value;
            nums[sp] = cell.num;
            sp++;
            continue;
          }
          case Code.DEFINE_GLOBAL: {
            GlobalCell cell = global(fn, code[ip++] & 0xff);
            sp--;
            cell.ref = refs[sp];
            cell.num = nums[sp];
            continue;
          }
          case Code.SET_GLOBAL: {
            GlobalCell cell = global(fn, code[ip++] & 0xff);
            if (cell.ref == GlobalCell.UNDEFINED) {
              return fail(fc, ip, sp, undefinedVariable(cell));
            }
            cell.ref = refs[sp - 1];
            cell.num = nums[sp - 1];
            continue;
          }
          case Code.GET_UPVALUE: {
            Upvalue upvalue = closure.upvalues[code[ip++] & 0xff];
            int slot = upvalue.slot;
            if (slot >= 0) {
              refs[sp] = refs[slot];
              nums[sp] = nums[slot];
            } else {
              refs[sp] = upvalue.ref;
              nums[sp] = upvalue.num;
            }
            sp++;
            continue;
          }
          case Code.SET_UPVALUE: {
            Upvalue upvalue = closure.upvalues[code[ip++] & 0xff];
            int slot = upvalue.slot;
            if (slot >= 0) {
              refs[slot] = refs[sp - 1];
              nums[slot] = nums[sp - 1];
            } else {
              upvalue.ref = refs[sp - 1];
              upvalue.num = nums[sp - 1];
            }
            continue;
          }
          case Code.GET_PROPERTY: {
            int at = ip - 1;
            ip++;
            if (refs[sp - 1] instanceof LoxInstance instance) {
              PropertyCache cache = fn.caches[at];
              if (cache != null && (cache = cache.find(instance.shape)) != null) {
                int slot = cache.slot;
                if (slot >= 0) {
                  refs[sp - 1] = instance.ref(slot);
                  nums[sp - 1] = instance.num(slot);
                } else {
                  refs[sp - 1] = new BoundMethod(instance, cache.method);
                }
                continue;
              }
            }
            String error = getProperty(fn, at, constantString(fn, code, at + 1), sp);
            if (error != null) {
              return fail(fc, ip, sp, error);
            }
            continue;
          }
          case Code.SET_PROPERTY:
          case Code.SET_PROPERTY_POP: {
            // Both store the field; SET_PROPERTY leaves the value as its result, the other drops
            // it.
            int pops = code[ip - 1] == Code.SET_PROPERTY ? 1 : 2;
            int at = ip - 1;
            ip++;
            if (refs[sp - 2] instanceof LoxInstance instance) {
              PropertyCache cache = fn.caches[at];
              if (cache != null && (cache = cache.find(instance.shape)) != null) {
                int slot = cache.slot;
                Shape next = cache.next;
                if (next != null) {
                  instance.takeShape(next, slot);
                }
                instance.set(slot, refs[sp - 1], nums[sp - 1]);
                refs[sp - 2] = refs[sp - 1];
                nums[sp - 2] = nums[sp - 1];
                sp -= pops;
                continue;
              }
            }
            String error = setProperty(fn, at, constantString(fn, code, at + 1), sp);
            if (error != null) {
              return fail(fc, ip, sp, error);
            }
            sp -= pops;
            continue;
          }
          case Code.GET_LOCAL_PROPERTY: {
            int at = ip - 1;
            int slot = base + (code[ip] & 0xff);
            ip += 2;
            Object receiver = refs[slot];
            if (receiver instanceof LoxInstance instance) {
              PropertyCache cache = fn.caches[at];
              if (cache != null && (cache = cache.find(instance.shape)) != null) {
                int field = cache.slot;
                if (field >= 0) {
                  refs[sp] = instance.ref(field);
                  nums[sp] = instance.num(field);
                } else {
                  refs[sp] = new BoundMethod(instance, cache.method);
                }
                sp++;
                continue;
              }
            }
            refs[sp] = receiver;
            nums[sp] = nums[slot];
            sp++;
            String error = getProperty(fn, at, constantString(fn, code, at + 2), sp);
            if (error != null) {
              return fail(fc, ip, sp, error);
            }
            continue;
          }
          case Code.GET_SUPER: {
            LoxString name = (LoxString) fn.constRefs[code[ip++] & 0xff];
            sp--;
            if (!(refs[sp] instanceof LoxClass superclass)) {
              return fail(fc, ip, sp, "Superclass must be a class.");
            }
            String error = bindMethod(superclass, name, sp - 1);
            if (error != null) {
              return fail(fc, ip, sp, error);
            }
            continue;
          }
          case Code.EQUAL:
            refs[sp - 2] = equal(refs, nums, sp) ? Boolean.TRUE : Boolean.FALSE;
            sp--;
            continue;
          case Code.GREATER:
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            refs[sp - 2] = nums[sp - 2] > nums[sp - 1] ? Boolean.TRUE : Boolean.FALSE;
            sp--;
            continue;
          case Code.LESS:
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            refs[sp - 2] = nums[sp - 2] < nums[sp - 1] ? Boolean.TRUE : Boolean.FALSE;
            sp--;
            continue;
          case Code.ADD:
            if (refs[sp - 1] == null && refs[sp - 2] == null) {
              nums[sp - 2] = Arithmetic.add(nums[sp - 2], nums[sp - 1]);
            } else if (refs[sp - 1] instanceof LoxString b && refs[sp - 2] instanceof LoxString a) {
              LoxString joined = LoxString.concat(a, b);
              if (joined == null) {
                return fail(fc, ip, sp, concatFailure(a, b));
              }
              refs[sp - 2] = joined;
            } else {
              return fail(fc, ip, sp, "Operands must be two numbers or two strings.");
            }
            sp--;
            continue;
          case Code.SUBTRACT:
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            nums[sp - 2] -= nums[sp - 1];
            sp--;
            continue;
          case Code.MULTIPLY:
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            nums[sp - 2] = Arithmetic.multiply(nums[sp - 2], nums[sp - 1]);
            sp--;
            continue;
          case Code.DIVIDE:
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            nums[sp - 2] /= nums[sp - 1];
            sp--;
            continue;
          case Code.NOT: {
            Object value = refs[sp - 1];
            refs[sp - 1] =
                value == Nil.NIL || value == Boolean.FALSE ? Boolean.TRUE : Boolean.FALSE;
            continue;
          }
          case Code.NEGATE:
            if (refs[sp - 1] != null) {
              return fail(fc, ip, sp, "Operand must be a number.");
            }
            nums[sp - 1] = -nums[sp - 1];
            continue;
          case Code.PRINT: {
            sp--;
            String error = print(refs[sp], nums[sp]);
            if (error != null) {
              return fail(fc, ip, sp, error);
            }
            continue;
          }
          case Code.JUMP:
            ip += ((code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff)) + 2;
            continue;
          case Code.JUMP_IF_FALSE: {
            Object value = refs[sp - 1];
            if (value == Nil.NIL || value == Boolean.FALSE) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.LOOP:
            ip += 2 - ((code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff));
            if (stopRequested) {
              save(fc, ip, sp);
              return stopped();
            }
            if (tier != null
                && (fn.compiled != null || ++fn.hotness >= loopThreshold)
                && enterCompiled(closure, fc, ip)) {
              if (resumeIp >= 0) {
                // The compiled code ran the loop and left the rest of the frame to go on with
                // here (see resumeAt): its ip, stack top and frame count are set.
                resumeIp = -1;
                break reload;
              }
              // The rest of the call ran in compiled code, from the top of this loop.
              frameCount = fc;
              this.sp = base + 1;
              if (fc == floor) {
                return RunResult.OK;
              }
              break reload;
            }
            continue;
          case Code.CALL: {
            int argCount = code[ip++] & 0xff;
            newBase = sp - argCount - 1;
            Object called = refs[newBase];
            Closure target = called instanceof Closure closureCalled ? closureCalled
                : called instanceof LoxClass classCalled ? classCalled.initializer()
                : called instanceof BoundMethod boundCalled ? boundCalled.method
                : null;
            if (target != null && fits(target.function, argCount, fc, newBase)) {
              // Slot zero of the new frame: the closure itself, a new instance, or the receiver.
              if (called instanceof LoxClass classCalled) {
                refs[newBase] = new LoxInstance(classCalled);
              } else if (called instanceof BoundMethod boundCalled) {
                refs[newBase] = boundCalled.receiver;
              }
              callee = target;
              break push;
            }
            save(fc, ip, sp);
            String error = callValue(refs[newBase], argCount);
            if (error != null) {
              return runtimeError(error);
            }
            break reload;
          }
          case Code.INVOKE: {
            int at = ip - 1;
            int argCount = code[ip + 1] & 0xff;
            ip += 2;
            newBase = sp - argCount - 1;
            PropertyCache cache = fn.caches[at];
            if (cache != null
                && refs[newBase] instanceof LoxInstance instance
                && (cache = cache.find(instance.shape)) != null
                && cache.slot < 0
                && fits(cache.method.function, argCount, fc, newBase)) {
              callee = cache.method;
              break push;
            }
            save(fc, ip, sp);
            String error = invoke(fn, at, argCount);
            if (error != null) {
              return runtimeError(error);
            }
            break reload;
          }
          case Code.SUPER_INVOKE: {
            int at = ip - 1;
            int argCount = code[ip + 1] & 0xff;
            ip += 2;
            sp--;
            save(fc, ip, sp);
            if (!(refs[sp] instanceof LoxClass superclass)) {
              return runtimeError("Superclass must be a class.");
            }
            Closure method = superMethod(fn, at, superclass);
            String error = method == null
                ? undefinedProperty(superName(fn, at))
                : callClosure(method, argCount);
            if (error != null) {
              return runtimeError(error);
            }
            break reload;
          }
          case Code.JUMP_IF_FALSE_POP: {
            Object value = refs[--sp];
            if (value == Nil.NIL || value == Boolean.FALSE) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.JUMP_IF_TRUE_POP: {
            Object value = refs[--sp];
            if (value != Nil.NIL && value != Boolean.FALSE) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.JUMP_IF_NOT_LESS:
          case Code.JUMP_IF_LESS: {
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            sp -= 2;
            if ((nums[sp] < nums[sp + 1]) == (code[ip - 1] == Code.JUMP_IF_LESS)) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.JUMP_IF_NOT_GREATER:
          case Code.JUMP_IF_GREATER: {
            if (refs[sp - 1] != null || refs[sp - 2] != null) {
              return fail(fc, ip, sp, "Operands must be numbers.");
            }
            sp -= 2;
            if ((nums[sp] > nums[sp + 1]) == (code[ip - 1] == Code.JUMP_IF_GREATER)) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.JUMP_IF_NOT_EQUAL:
          case Code.JUMP_IF_EQUAL: {
            boolean equal = equal(refs, nums, sp);
            sp -= 2;
            if (equal == (code[ip - 1] == Code.JUMP_IF_EQUAL)) {
              ip += (code[ip] & 0xff) << 8 | (code[ip + 1] & 0xff);
            }
            ip += 2;
            continue;
          }
          case Code.ADD_CONSTANT: {
            if (refs[sp - 1] != null) {
              return fail(fc, ip + 1, sp, "Operands must be two numbers or two strings.");
            }
            nums[sp - 1] = Arithmetic.add(nums[sp - 1], fn.constNums[code[ip++] & 0xff]);
            continue;
          }
          case Code.SUBTRACT_CONSTANT: {
            if (refs[sp - 1] != null) {
              return fail(fc, ip + 1, sp, "Operands must be numbers.");
            }
            nums[sp - 1] -= fn.constNums[code[ip++] & 0xff];
            continue;
          }
          case Code.SET_LOCAL_POP: {
            int slot = base + (code[ip++] & 0xff);
            sp--;
            refs[slot] = refs[sp];
            nums[slot] = nums[sp];
            continue;
          }
          case Code.SET_GLOBAL_POP: {
            GlobalCell cell = global(fn, code[ip++] & 0xff);
            if (cell.ref == GlobalCell.UNDEFINED) {
              return fail(fc, ip, sp, undefinedVariable(cell));
            }
            sp--;
            cell.ref = refs[sp];
            cell.num = nums[sp];
            continue;
          }
          case Code.SET_UPVALUE_POP: {
            Upvalue upvalue = closure.upvalues[code[ip++] & 0xff];
            int slot = upvalue.slot;
            sp--;
            if (slot >= 0) {
              refs[slot] = refs[sp];
              nums[slot] = nums[sp];
            } else {
              upvalue.ref = refs[sp];
              upvalue.num = nums[sp];
            }
            continue;
          }
          case Code.CLOSURE: {
            LoxFunction function = (LoxFunction) fn.constRefs[code[ip++] & 0xff];
            Closure created = new Closure(function);
            Upvalue[] upvalues = created.upvalues;
            for (int i = 0; i < upvalues.length; i++) {
              int isLocal = code[ip++];
              int index = code[ip++] & 0xff;
              upvalues[i] = isLocal != 0 ? captureUpvalue(base + index) : closure.upvalues[index];
            }
            refs[sp++] = created;
            continue;
          }
          case Code.CLOSE_UPVALUE:
            closeUpvalues(sp - 1);
            sp--;
            continue;
          case Code.RETURN: {
            Object returnedRef = refs[sp - 1];
            double returnedNum = nums[sp - 1];
            if (openUpvalues != null) {
              closeUpvalues(base);
            }
            if (fc == floor) {
              refs[base] = returnedRef;
              nums[base] = returnedNum;
              frameCount = fc;
              this.sp = base + 1;
              return RunResult.OK;
            }
            sp = base;
            refs[sp] = returnedRef;
            nums[sp] = returnedNum;
            sp++;
            fc--;
            closure = frames[fc];
            fn = closure.function;
            code = fn.code;
            ip = ips[fc];
            base = bases[fc];
            continue;
          }
          case Code.CLASS:
            refs[sp++] = new LoxClass((LoxString) fn.constRefs[code[ip++] & 0xff]);
            continue;
          case Code.INHERIT: {
            if (!(refs[sp - 2] instanceof LoxClass superclass)) {
              return fail(fc, ip, sp, "Superclass must be a class.");
            }
            if (!(refs[sp - 1] instanceof LoxClass subclass)) {
              return fail(fc, ip, sp, "Only classes can inherit.");
            }
            subclass.inherit(superclass);
            sp--;
            continue;
          }
          case Code.METHOD: {
            LoxString name = (LoxString) fn.constRefs[code[ip++] & 0xff];
            if (!(refs[sp - 2] instanceof LoxClass klass)
                || !(refs[sp - 1] instanceof Closure method)) {
              return fail(fc, ip, sp, "Methods are closures added to classes.");
            }
            klass.defineMethod(name, method, name.equals(initString));
            sp--;
            continue;
          }
          default:
            return fail(fc, ip, sp, "Unknown opcode " + (code[ip - 1] & 0xff) + ".");
        }
        ips[fc] = ip;
        fc++;
        frames[fc] = callee;
        bases[fc] = newBase;
        if (stopRequested) {
          frameCount = fc + 1;
          return stopped();
        }
        LoxFunction entered = callee.function;
        if (tier != null
            && (entered.compiled != null || ++entered.hotness >= callThreshold)
            && enterCompiled(callee, fc, 0)) {
          // The call ran to its return in compiled code.
          frameCount = fc;
          this.sp = newBase + 1;
          break reload;
        }
        closure = callee;
        fn = entered;
        code = fn.code;
        ip = 0;
        base = newBase;
        continue;
      }
      // A helper pushed a frame, or finished the call itself: the registers are in the fields.
      refs = this.refs;
      nums = this.nums;
      sp = this.sp;
      frames = frameClosures;
      ips = frameIps;
      bases = frameBases;
      fc = frameCount - 1;
      closure = frames[fc];
      fn = closure.function;
      code = fn.code;
      ip = ips[fc];
      base = bases[fc];
      if (stopRequested) {
        return stopped();
      }
    }
  }

  // ---- Compiled code ----

  /**
   * Runs frame {@code fc}, already pushed, in compiled code from {@code entry} to its return;
   * false, with nothing run, when the function has no compiled code (and the tier gives none) or
   * compiled calls are already nested as deep as the JVM stack allows.
   */
  boolean enterCompiled(Closure closure, int fc, int entry) {
    LoxFunction function = closure.function;
    if (!canRunCompiled(function, entry)) {
      return false;
    }
    frameCount = fc + 1;
    positionSaved = false;
    function.compiled.run(this, closure, frameBases[fc], fc, entry);
    return true;
  }

  /**
   * Where compiled code that was entered at a loop left frame {@code fc} for the interpreter to
   * go on with, instead of running it to its return: the interpreter that moved the frame into
   * compiled code continues it from {@code ip}, its values on the stacks up to {@code sp}.
   */
  void resumeAt(int fc, int ip, int sp) {
    frameIps[fc] = ip;
    this.sp = sp;
    frameCount = fc + 1;
    resumeIp = ip;
  }

  /** Whether a call of {@code function} from compiled code should run compiled: hot, and room. */
  boolean readyToCompile(LoxFunction function) {
    return (function.compiled != null || ++function.hotness >= callThreshold)
        && canRunCompiled(function, 0);
  }

  /** Whether the function has compiled code (compiling it now if needed) and the JVM stack room. */
  private boolean canRunCompiled(LoxFunction function, int entry) {
    return compiledDepth < COMPILED_DEPTH_MAX
        && (function.compiled != null || compile(function, entry));
  }

  /** Compiles {@code function} to run from {@code entry} on (see {@link Tier#compile}). */
  private boolean compile(LoxFunction function, int entry) {
    if (tier == null || function.hotness < 0) {
      return false;
    }
    resolveGlobals(function);
    CompiledCode code;
    try {
      code = tier.compile(function, entry, CompiledSupport.LOOKUP);
    } catch (RuntimeException | LinkageError e) {
      // A tier that fails on a function (it never should) costs speed, not the program.
      code = null;
    }
    if (code == null) {
      function.hotness = Integer.MIN_VALUE;
      return false;
    }
    function.compiled = code;
    return true;
  }

  /**
   * Runs the call just pushed as frame {@code fc} (arguments in place, slot zero set) to its
   * return, compiled or interpreted; for calls the VM's helpers made for compiled code.
   */
  void runCall(Closure callee, int fc, int argCount) {
    if (!readyToCompile(callee.function) || !enterCompiled(callee, fc, 0)) {
      interpretCall(fc, argCount);
    }
  }

  /** Interprets the call just pushed as frame {@code fc} to its return. */
  void interpretCall(int fc, int argCount) {
    frameCount = fc + 1;
    sp = frameBases[fc] + argCount + 1;
    compiledDepth += INTERPRETED_RUN_COST;
    RunResult result = execute(fc);
    compiledDepth -= INTERPRETED_RUN_COST;
    if (result != RunResult.OK) {
      throw new Abort(result);
    }
  }

  /** Reports a runtime error raised in compiled code, to be thrown up to {@link #run}. */
  Abort abort(int fc, int ip, String message) {
    frameCount = fc + 1;
    frameIps[fc] = ip;
    return new Abort(runtimeError(message));
  }

  Abort abortStopped() {
    return new Abort(stopped());
  }

  /**
   * How a program that failed or was stopped in compiled code ends: thrown from where it
   * happened to {@link #run}, once the error has been reported. Runtime errors end the program,
   * so this is never on a path that runs twice.
   */
  static final class Abort extends RuntimeException {
    final transient RunResult result;

    Abort(RunResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }

  /** Whether a call of {@code callee} can be pushed by the loop: right arity, and room for it. */
  private boolean fits(LoxFunction callee, int argCount, int fc, int newBase) {
    return callee.arity == argCount
        && fc + 1 < frameClosures.length
        && newBase + callee.maxStack <= refs.length;
  }

  /**
   * After running out of memory: lets go of the reserve and of everything on the stack (the
   * trace needs only the frames), so that the error can be reported.
   */
  private void releaseMemory() {
    reserve = null;
    Arrays.fill(refs, null);
    openUpvalues = null;
  }

  /** Whether the top two values are equal: numbers by value (so NaN is unequal), strings by bytes. */
  static boolean equal(Object[] refs, double[] nums, int sp) {
    Object a = refs[sp - 2];
    Object b = refs[sp - 1];
    return a == null
        ? b == null && nums[sp - 2] == nums[sp - 1]
        : a == b || (b instanceof LoxString && b.equals(a));
  }

  // ---- Calls ----

  /** Pushes a frame for {@code closure}, whose arguments are on the stack; null or an error. */
  String callClosure(Closure closure, int argCount) {
    LoxFunction function = closure.function;
    if (argCount != function.arity) {
      return "Expected " + function.arity + " arguments but got " + argCount + ".";
    }
    if (frameCount == frameClosures.length && !growFrames()) {
      return "Stack overflow.";
    }
    int base = sp - argCount - 1;
    if (base + function.maxStack > refs.length && !growStack(base + function.maxStack)) {
      return "Stack overflow.";
    }
    frameClosures[frameCount] = closure;
    frameIps[frameCount] = 0;
    frameBases[frameCount] = base;
    frameCount++;
    positionSaved = false;
    return null;
  }

  String callValue(Object callee, int argCount) {
    int calleeSlot = sp - argCount - 1;
    if (callee instanceof Closure closure) {
      return callClosure(closure, argCount);
    }
    if (callee instanceof BoundMethod bound) {
      refs[calleeSlot] = bound.receiver;
      return callClosure(bound.method, argCount);
    }
    if (callee instanceof LoxClass klass) {
      refs[calleeSlot] = new LoxInstance(klass);
      Closure initializer = klass.initializer();
      if (initializer != null) {
        return callClosure(initializer, argCount);
      }
      if (argCount != 0) {
        return "Expected 0 arguments but got " + argCount + ".";
      }
      positionSaved = false;
      return null;
    }
    if (callee instanceof LoxNative nativeFunction) {
      return callNative(nativeFunction, argCount);
    }
    return "Can only call functions and classes.";
  }

  private String callNative(LoxNative nativeFunction, int argCount) {
    int calleeSlot = sp - argCount - 1;
    Object[] args = new Object[argCount];
    for (int i = 0; i < argCount; i++) {
      args[i] = Values.toJava(refs[calleeSlot + 1 + i], nums[calleeSlot + 1 + i]);
    }
    try {
      Object result = nativeFunction.function.call(args);
      if (result instanceof Number number) {
        double value = number.doubleValue();
        refs[calleeSlot] = null;
        nums[calleeSlot] = value;
      } else {
        Object value = Values.fromJava(result);
        if (value == null) {
          return "Native function returned an unsupported value.";
        }
        refs[calleeSlot] = value;
      }
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable e) {
      if (!stopRequested) {
        return nativeFailure(nativeFunction, e);
      }
      // Interrupted by stop() (or failing while it stops): the caller sees the stop request.
      refs[calleeSlot] = Nil.NIL;
    }
    sp = calleeSlot + 1;
    positionSaved = false;
    return null;
  }

  /**
   * The runtime error for a native that threw (as UTF-8). Host code may throw anything: an
   * exception is the native's own way to say what went wrong, so its message is the error; an
   * {@link Error} ({@code StackOverflowError}, {@code AssertionError}) is a fault of the host,
   * said with the native's name, as its message alone may name nothing at all.
   */
  private static String nativeFailure(LoxNative nativeFunction, Throwable e) {
    if (e instanceof Error) {
      return "Native function " + nativeFunction.name.toLatin1() + "() failed: "
          + Values.toLatin1(e.toString());
    }
    return Values.toLatin1(e.getMessage() == null ? e.toString() : e.getMessage());
  }

  String invoke(LoxFunction fn, int at, int argCount) {
    LoxString name = (LoxString) fn.constRefs[fn.code[at + 1] & 0xff];
    int receiverSlot = sp - argCount - 1;
    if (!(refs[receiverSlot] instanceof LoxInstance instance)) {
      return "Only instances have methods.";
    }
    int slot = instance.shape.indexOf(name);
    if (slot >= 0) {
      Object callee = instance.ref(slot);
      refs[receiverSlot] = callee;
      nums[receiverSlot] = instance.num(slot);
      return callee instanceof Closure target ? callClosure(target, argCount) : callValue(callee, argCount);
    }
    Closure method = instance.klass().method(name);
    if (method == null) {
      return undefinedProperty(name);
    }
    cache(fn, at, instance.shape, -1, method, null);
    return callClosure(method, argCount);
  }

  // ---- Properties ----

  static LoxString constantString(LoxFunction fn, byte[] code, int operand) {
    return (LoxString) fn.constRefs[code[operand] & 0xff];
  }

  String getProperty(LoxFunction fn, int at, LoxString name, int sp) {
    if (!(refs[sp - 1] instanceof LoxInstance instance)) {
      return "Only instances have properties.";
    }
    int slot = instance.shape.indexOf(name);
    if (slot >= 0) {
      cache(fn, at, instance.shape, slot, null, null);
      refs[sp - 1] = instance.ref(slot);
      nums[sp - 1] = instance.num(slot);
      return null;
    }
    Closure method = instance.klass().method(name);
    if (method == null) {
      return undefinedProperty(name);
    }
    cache(fn, at, instance.shape, -1, method, null);
    refs[sp - 1] = new BoundMethod(instance, method);
    return null;
  }

  /** Sets the field; the caller pops. */
  String setProperty(LoxFunction fn, int at, LoxString name, int sp) {
    if (!(refs[sp - 2] instanceof LoxInstance instance)) {
      return "Only instances have fields.";
    }
    Shape before = instance.shape;
    int slot = before.indexOf(name);
    if (slot >= 0) {
      cache(fn, at, before, slot, null, null);
    } else {
      slot = instance.addField(name);
      if (instance.shape.isShared()) {
        cache(fn, at, before, slot, null, instance.shape);
      }
    }
    instance.set(slot, refs[sp - 1], nums[sp - 1]);
    refs[sp - 2] = refs[sp - 1];
    nums[sp - 2] = nums[sp - 1];
    return null;
  }

  /** Replaces the receiver at {@code slot} with its class's method bound to it. */
  String bindMethod(LoxClass klass, LoxString name, int slot) {
    Closure method = klass.method(name);
    if (method == null) {
      return undefinedProperty(name);
    }
    refs[slot] = new BoundMethod(refs[slot], method);
    return null;
  }

  /**
   * The method of {@code superclass} that the SUPER_INVOKE at {@code at} calls, or null: cached
   * per instruction, keyed by the class's root shape, as a method is for an instance's shape (a
   * class's methods are all defined before any call can reach them). A site sees one superclass
   * unless its method is reached through several classes' closures.
   */
  static Closure superMethod(LoxFunction fn, int at, LoxClass superclass) {
    Shape key = superclass.rootShape();
    PropertyCache cache = fn.caches[at];
    if (cache != null && (cache = cache.find(key)) != null) {
      return cache.method;
    }
    Closure method = superclass.method(superName(fn, at));
    if (method != null) {
      cache(fn, at, key, -1, method, null);
    }
    return method;
  }

  /** The name a SUPER_INVOKE at {@code at} calls. */
  static LoxString superName(LoxFunction fn, int at) {
    return (LoxString) fn.constRefs[fn.code[at + 1] & 0xff];
  }

  /**
   * Remembers what an instruction found for a shape. Only shared shapes are cached: they never
   * change, so the answer stays right for as long as the shape matches.
   */
  private static void cache(LoxFunction fn, int at, Shape shape, int slot, Closure method, Shape next) {
    if (shape.isShared()) {
      fn.caches[at] = new PropertyCache(shape, slot, method, next, fn.caches[at]);
    }
  }

  // ---- Variables ----

  GlobalCell global(LoxFunction fn, int index) {
    GlobalCell cell = fn.globals[index];
    return cell != null ? cell : resolveGlobal(fn, index);
  }

  /** Finds the cell of every global the function names, so that compiled code can hold them. */
  private void resolveGlobals(LoxFunction fn) {
    byte[] code = fn.code;
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (OpCode.of(code[at]).namesGlobal()) {
        global(fn, code[at + 1] & 0xff);
      }
    }
  }

  private GlobalCell resolveGlobal(LoxFunction fn, int index) {
    GlobalCell cell = globals.computeIfAbsent((LoxString) fn.constRefs[index], GlobalCell::new);
    fn.globals[index] = cell;
    return cell;
  }

  Upvalue captureUpvalue(int slot) {
    Upvalue previous = null;
    Upvalue upvalue = openUpvalues;
    while (upvalue != null && upvalue.slot > slot) {
      previous = upvalue;
      upvalue = upvalue.next;
    }
    if (upvalue != null && upvalue.slot == slot) {
      return upvalue;
    }
    Upvalue created = new Upvalue(slot, upvalue);
    if (previous == null) {
      openUpvalues = created;
    } else {
      previous.next = created;
    }
    return created;
  }

  void closeUpvalues(int lastSlot) {
    while (openUpvalues != null && openUpvalues.slot >= lastSlot) {
      Upvalue upvalue = openUpvalues;
      upvalue.ref = refs[upvalue.slot];
      upvalue.num = nums[upvalue.slot];
      upvalue.slot = -1;
      openUpvalues = upvalue.next;
    }
  }

  // ---- Stack growth ----

  boolean growFrames() {
    if (frameClosures.length >= FRAMES_MAX) {
      return false;
    }
    int size = Math.min(frameClosures.length * 2, FRAMES_MAX);
    frameClosures = Arrays.copyOf(frameClosures, size);
    frameIps = Arrays.copyOf(frameIps, size);
    frameBases = Arrays.copyOf(frameBases, size);
    return true;
  }

  boolean growStack(int needed) {
    if (needed > STACK_MAX) {
      return false;
    }
    int size = Math.min(Math.max(needed, refs.length * 2), STACK_MAX);
    refs = Arrays.copyOf(refs, size);
    nums = Arrays.copyOf(nums, size);
    return true;
  }

  // ---- Output and errors ----

  /** Prints a value; null, or an error when it is a host value that cannot be printed. */
  String print(Object ref, double num) {
    byte[] bytes = Values.display(ref, num);
    if (bytes == null) {
      return printHost(ref);
    }
    printLine(bytes);
    return null;
  }

  /** A host value (a native's result) prints as its {@code toString()}, in UTF-8. */
  private String printHost(Object ref) {
    String text;
    try {
      text = ref.toString();
    } catch (OutOfMemoryError e) {
      throw e;
    } catch (Throwable e) {
      return Values.toLatin1("Can't print host value of " + ref.getClass().getName()
          + ": toString() threw " + e + ".");
    }
    if (text == null) {
      return Values.toLatin1(
          "Can't print host value of " + ref.getClass().getName() + ": toString() returned null.");
    }
    printLine(text.getBytes(StandardCharsets.UTF_8));
    return null;
  }

  private void printLine(byte[] bytes) {
    out.write(bytes);
    out.newline();
    if (out.lost) {
      // Nobody reads the output any more: stop at the next call or loop, as SIGPIPE stops clox.
      stopRequested = true;
      stopSoon = true;
    }
  }

  /** Why {@code a + b} gave no string. */
  static String concatFailure(LoxString a, LoxString b) {
    return (long) a.length() + b.length() > LoxString.MAX_LENGTH ? "String too long." : OUT_OF_MEMORY;
  }

  static String undefinedVariable(GlobalCell cell) {
    return "Undefined variable '" + cell.name.toLatin1() + "'.";
  }

  static String undefinedProperty(LoxString name) {
    return "Undefined property '" + name.toLatin1() + "'.";
  }

  /** Writes the loop's registers back, for helpers that read or change the frames. */
  private void save(int fc, int ip, int sp) {
    positionSaved = true;
    frameCount = fc + 1;
    frameIps[fc] = ip;
    this.sp = sp;
  }

  /** Reports a runtime error raised in the loop, after saving the loop's registers. */
  private RunResult fail(int fc, int ip, int sp, String message) {
    save(fc, ip, sp);
    return runtimeError(message);
  }

  RunResult stopped() {
    stopRequested = false;
    stopSoon = false;
    resetStack();
    return RunResult.STOPPED;
  }

  /**
   * Prints the message and the trace as clox does, innermost call first, and returns them as
   * data. {@code message} carries one char per byte, so it prints back byte for byte.
   */
  RunResult runtimeError(String message) {
    out.flush();
    List<LoxError.Frame> trace = new ArrayList<>(Math.min(frameCount, 2 * TRACE_SHOWN));
    StringBuilder text = new StringBuilder(message).append('\n');
    for (int i = frameCount - 1; i >= 0; i--) {
      if (frameCount > 2 * TRACE_SHOWN && i == frameCount - 1 - TRACE_SHOWN) {
        int omitted = frameCount - 2 * TRACE_SHOWN;
        text.append("... ").append(omitted).append(" more calls ...\n");
        i -= omitted - 1;
        continue;
      }
      LoxFunction function = frameClosures[i].function;
      // Within the function's code even when the ip is not its own: a compiled frame's ip is set
      // once it calls or fails (see CompiledSupport.enter), and the host's faults caught in run
      // (its stack or heap exhausted) may find an earlier frame's there.
      int line = function.lines[Math.min(Math.max(frameIps[i] - 1, 0), function.lines.length - 1)];
      String name = function.name == null ? null : function.name.toLatin1();
      text.append("[line ").append(line).append("] in ")
          .append(name == null ? "script" : name + "()").append('\n');
      trace.add(new LoxError.Frame(line, name == null ? null : utf8(name)));
    }
    writeError(text.toString());
    resetStack();
    return new RunResult(Status.RUNTIME_ERROR, List.of(), new LoxError(utf8(message), trace));
  }

  /**
   * Reports running out of memory where no trace is known (while compiling, say): the message
   * alone, made in advance.
   */
  public RunResult outOfMemory() {
    return outOfMemory(false);
  }

  private RunResult outOfMemory(boolean withTrace) {
    releaseMemory();
    if (withTrace) {
      try {
        return runtimeError(OUT_OF_MEMORY);
      } catch (OutOfMemoryError again) {
        // Even the trace does not fit: the message alone, below.
      }
    }
    resetStack();
    out.flush();
    writeError(OUT_OF_MEMORY_LINE);
    return OUT_OF_MEMORY_RESULT;
  }

  private void writeError(String latin1) {
    writeError(latin1.getBytes(StandardCharsets.ISO_8859_1));
  }

  private void writeError(byte[] bytes) {
    try {
      err.write(bytes);
      err.flush();
    } catch (IOException e) {
      // As C's fprintf to a closed stderr: nothing to be done.
    }
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private void resetStack() {
    sp = 0;
    frameCount = 0;
    openUpvalues = null;
  }
}
