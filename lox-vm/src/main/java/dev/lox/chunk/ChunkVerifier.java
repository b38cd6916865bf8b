package dev.lox.chunk;

import dev.lox.runtime.LoxString;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a function tree is safe for the VM to run, whoever built it: a chunk file from
 * disk, or a test. Finds every problem it can and returns them as data.
 *
 * <p>Per function: sane sizes (arity, upvalues, constants, stack, lines for every code byte);
 * every opcode known; every operand in range and of the right kind (constant indices and the
 * constant's type, local slots live on the stack, upvalue indices within the function's
 * upvalues, a closure's captures valid in the function that creates it); every jump landing on an
 * instruction inside the code; and, through {@link StackDepth}, a consistent stack depth on every
 * path that never goes below zero or above the declared maximum and never runs off the end of the
 * code. Across functions: the script takes no arguments and has no upvalues, and nesting is a
 * tree no deeper than {@link ChunkFormat#MAX_FUNCTION_DEPTH}.
 *
 * <p>Operand layouts, the meaning of their fields and the constants each opcode accepts are all
 * read from the opcode table ({@link OpCode}, {@link Operands}, {@link OperandField}).
 *
 * <p>What this cannot prove is the run-time type of values taken from variables, which the VM
 * checks itself (see the note in {@code docs/chunk-format.md}).
 */
public final class ChunkVerifier {
  // Per opcode byte, flattened from the opcode table once, so that checking an instruction is a
  // few array reads: the layout's fixed size (0: no such opcode), its fields, the constant kind.
  private static final int[] SIZE = new int[256];
  private static final OperandField[][] FIELDS_OF = new OperandField[256][];
  private static final ConstantKind[] KIND = new ConstantKind[256];

  static {
    for (OpCode op : OpCode.values()) {
      int code = op.code() & 0xff;
      SIZE[code] = op.operands().size();
      FIELDS_OF[code] = op.operands().fields().toArray(new OperandField[0]);
      KIND[code] = op.constantKind();
    }
  }

  private final List<ChunkProblem> problems = new ArrayList<>();

  private ChunkVerifier() {}

  /** Every problem found in {@code script} and the functions nested in it; empty if it is safe. */
  public static List<ChunkProblem> verify(FunctionProto script) {
    ChunkVerifier verifier = new ChunkVerifier();
    verifier.tree(script);
    return verifier.problems;
  }

  /** Visits the functions depth-first, in the order a chunk file stores them, numbering them. */
  private void tree(FunctionProto script) {
    if (script.arity != 0) {
      problems.add(new ChunkProblem(0, "script", -1, "the script takes no arguments"));
    }
    if (script.upvalueCount != 0) {
      problems.add(new ChunkProblem(0, "script", -1, "the script has no upvalues"));
    }
    Map<FunctionProto, Boolean> seen = new IdentityHashMap<>();
    Deque<FunctionProto> pending = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    pending.push(script);
    depths.push(0);
    int index = 0;
    while (!pending.isEmpty()) {
      FunctionProto function = pending.pop();
      int depth = depths.pop();
      if (seen.put(function, Boolean.TRUE) != null) {
        problems.add(new ChunkProblem(index, nameOf(index, function), -1, "the function appears twice"));
        return;
      }
      if (depth > ChunkFormat.MAX_FUNCTION_DEPTH) {
        problems.add(new ChunkProblem(index, nameOf(index, function), -1,
            "functions nested deeper than " + ChunkFormat.MAX_FUNCTION_DEPTH));
        return;
      }
      new FunctionCheck(index, function).run();
      Object[] constants = function.constants;
      if (constants != null) {
        for (int i = constants.length - 1; i >= 0; i--) {
          if (constants[i] instanceof FunctionProto nested) {
            pending.push(nested);
            depths.push(depth + 1);
          }
        }
      }
      index++;
    }
  }

  private static String nameOf(int index, FunctionProto function) {
    return index == 0 || function.name == null ? "script" : function.name.toString();
  }

  /** The checks of one function. */
  private final class FunctionCheck {
    private final int index;
    private final FunctionProto f;
    private final byte[] code;
    private boolean failed;
    /** Local slot uses, three ints each: offset, slot, 1 for a closure's capture. */
    private int[] slots = new int[48];
    private int slotCount;
    /** Offsets of the jump instructions. */
    private int[] jumps = new int[16];
    private int jumpCount;

    FunctionCheck(int index, FunctionProto f) {
      this.index = index;
      this.f = f;
      this.code = f.code;
    }

    private void problem(int offset, String message) {
      problems.add(new ChunkProblem(index, nameOf(index, f), offset, message));
      failed = true;
    }

    void run() {
      if (!shape()) {
        return;
      }
      boolean[] starts = new boolean[code.length];
      if (!decode(starts)) {
        return;
      }
      for (int j = 0; j < jumpCount; j++) {
        int at = jumps[j];
        int target = Instructions.jumpTarget(code, at);
        if (target < 0 || target >= code.length) {
          problem(at, "jump target " + target + " out of range");
        } else if (!starts[target]) {
          problem(at, "jump target " + target + " is inside an instruction");
        }
      }
      if (failed) {
        return;
      }
      StackDepth analysis = StackDepth.analyze(code, f.constants, f.arity, f.maxStack);
      StackDepth.Problem stack = analysis.problem();
      if (stack != null) {
        String message = stack.message();
        if (message.startsWith("stack deeper than")) {
          message = "stack deeper than the declared size " + f.maxStack;
        }
        problem(stack.offset(), message);
        return;
      }
      for (int u = 0; u < slotCount; u += 3) {
        int at = slots[u];
        int slot = slots[u + 1];
        boolean capture = slots[u + 2] != 0;
        int depth = analysis.depthAt(at);
        // A closure may capture the slot it is about to be pushed into (a local function that
        // refers to itself); anything else must already be on the stack.
        int live = capture ? depth + 1 : depth;
        if (depth >= 0 && slot >= live) {
          problem(at, (capture ? "captures" : "uses") + " local slot " + slot
              + ", but only " + depth + " values are on the stack");
        }
      }
    }

    /** Sizes and constants; false if the code cannot be examined. */
    private boolean shape() {
      boolean ok = true;
      if (f.arity < 0 || f.arity > ChunkFormat.MAX_ARITY) {
        problem(-1, "arity " + f.arity + " is more than " + ChunkFormat.MAX_ARITY);
        ok = false;
      }
      if (f.upvalueCount < 0 || f.upvalueCount > ChunkFormat.MAX_UPVALUES) {
        problem(-1, "upvalue count " + f.upvalueCount + " is more than " + ChunkFormat.MAX_UPVALUES);
        ok = false;
      }
      if (ok && (f.maxStack < f.arity + 1 || f.maxStack > ChunkFormat.MAX_STACK)) {
        problem(-1, "declared stack size " + f.maxStack + " is outside 1 + arity to "
            + ChunkFormat.MAX_STACK);
        ok = false;
      }
      if (code == null || code.length == 0) {
        problem(-1, "no code");
        return false;
      }
      if (f.lines == null || f.lines.length != code.length) {
        problem(-1, "line information does not match the code");
        ok = false;
      }
      Object[] constants = f.constants;
      if (constants == null || constants.length > ChunkFormat.MAX_CONSTANTS) {
        problem(-1, "more than " + ChunkFormat.MAX_CONSTANTS + " constants");
        return false;
      }
      for (int i = 0; i < constants.length; i++) {
        Object c = constants[i];
        if (!(c instanceof Double || c instanceof LoxString || c instanceof FunctionProto)) {
          problem(-1, "constant " + i + " is not a number, string or function");
          ok = false;
        } else if (c instanceof FunctionProto nested
            && (nested.upvalueCount < 0 || nested.upvalueCount > ChunkFormat.MAX_UPVALUES)) {
          ok = false; // Reported when the nested function is checked; its captures can't be read.
          failed = true;
        }
      }
      return ok;
    }

    /**
     * Walks the instructions in order, checking operands; marks where instructions start. Returns
     * false when the instruction boundaries themselves are broken.
     */
    private boolean decode(boolean[] starts) {
      int offset = 0;
      while (offset < code.length) {
        starts[offset] = true;
        int opcode = code[offset] & 0xff;
        int length = SIZE[opcode];
        if (length == 0) {
          problem(offset, "unknown opcode " + opcode);
          return false;
        }
        OperandField[] fields = FIELDS_OF[opcode];
        if (offset + length > code.length) {
          problem(offset, "OP_" + OpCode.of(opcode) + " runs past the end of the code");
          return false;
        }
        int at = offset + 1;
        Object constant = null;
        for (OperandField field : fields) {
          switch (field) {
            case SLOT -> {
              int slot = code[at] & 0xff;
              if (slot >= f.maxStack) {
                problem(offset, "local slot " + slot + " is beyond the declared stack size "
                    + f.maxStack);
              }
              slot(offset, slot, 0);
            }
            case UPVALUE -> upvalue(offset, code[at] & 0xff);
            case ARG_COUNT -> {}
            case CONSTANT -> {
              int index = code[at] & 0xff;
              if (constant(offset, opcode, index)) {
                constant = f.constants[index];
              }
            }
            case JUMP -> {
              if (jumpCount == jumps.length) {
                jumps = java.util.Arrays.copyOf(jumps, jumpCount * 2);
              }
              jumps[jumpCount++] = offset;
            }
            case CAPTURES -> {
              if (!(constant instanceof FunctionProto nested)) {
                // Reported as the constant's problem. Without the function, where the
                // instruction ends is unknown: stop here.
                return false;
              }
              length = at - offset + 2 * nested.upvalueCount;
              if (offset + length > code.length) {
                problem(offset, "OP_" + OpCode.of(opcode) + " runs past the end of the code");
                return false;
              }
              for (int i = 0; i < nested.upvalueCount; i++) {
                int isLocal = code[at + 2 * i];
                int index = code[at + 2 * i + 1] & 0xff;
                if (isLocal == 1) {
                  if (index >= f.maxStack) {
                    problem(offset, "captures local slot " + index
                        + " beyond the declared stack size " + f.maxStack);
                  }
                  slot(offset, index, 1);
                } else if (isLocal == 0) {
                  upvalue(offset, index);
                } else {
                  problem(offset, "capture " + i + " has is-local byte " + (isLocal & 0xff)
                      + " (must be 0 or 1)");
                }
              }
            }
            default -> throw new AssertionError(field);
          }
          at += field.width();
        }
        offset += length;
      }
      return true;
    }

    private void slot(int offset, int slot, int capture) {
      if (slotCount + 3 > slots.length) {
        slots = java.util.Arrays.copyOf(slots, slots.length * 2);
      }
      slots[slotCount++] = offset;
      slots[slotCount++] = slot;
      slots[slotCount++] = capture;
    }

    private void upvalue(int offset, int index) {
      if (index >= f.upvalueCount) {
        problem(offset, "upvalue index " + index + " out of range (the function has "
            + f.upvalueCount + ")");
      }
    }

    /** Checks a constant operand; false if it is unusable. */
    private boolean constant(int offset, int opcode, int index) {
      if (index >= f.constants.length) {
        problem(offset, "constant index " + index + " out of range (the function has "
            + f.constants.length + ")");
        return false;
      }
      ConstantKind kind = KIND[opcode];
      Object value = f.constants[index];
      if (!kind.accepts(value)) {
        problem(offset, "OP_" + OpCode.of(opcode) + " needs " + kind.description()
            + " constant, but constant " + index + " is " + describe(value));
        return false;
      }
      return true;
    }
  }

  private static String describe(Object constant) {
    if (constant instanceof Double) {
      return "a number";
    }
    if (constant instanceof LoxString) {
      return "a string";
    }
    return "a function";
  }
}
