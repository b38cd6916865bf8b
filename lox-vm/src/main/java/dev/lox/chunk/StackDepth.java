package dev.lox.chunk;

import java.util.Arrays;

/**
 * Follows every path through a function's code, tracking how many values are on its stack. The
 * compiler uses it to size frames; the chunk verifier uses it to prove a chunk never underflows,
 * overflows, or reaches one instruction with two different depths.
 */
public final class StackDepth {
  /** Why the analysis failed, with the offending offset; null when it succeeded. */
  public record Problem(int offset, String message) {}

  private final byte[] code;
  private final Object[] constants;
  private final int[] depthAt;
  private int max;
  private Problem problem;

  private StackDepth(byte[] code, Object[] constants) {
    this.code = code;
    this.constants = constants;
    this.depthAt = new int[code.length];
    Arrays.fill(depthAt, -1);
  }

  /** The largest depth reached, trusting the code to be well-formed (the compiler's own). */
  public static int maxDepth(byte[] code, Object[] constants, int arity) {
    StackDepth analysis = new StackDepth(code, constants);
    analysis.run(arity + 1, Integer.MAX_VALUE);
    if (analysis.problem != null) {
      throw new IllegalStateException(
          "compiler emitted bad code at " + analysis.problem.offset + ": " + analysis.problem.message);
    }
    return analysis.max;
  }

  /**
   * Checks the code; returns the problem found first, or {@code null}. Assumes instruction
   * boundaries and operands were already checked.
   */
  public static Problem check(byte[] code, Object[] constants, int arity, int limit) {
    return analyze(code, constants, arity, limit).problem();
  }

  /**
   * Follows every path as {@link #check} does and keeps the results: the first problem, the
   * largest depth, and the depth before each reachable instruction. Assumes instruction
   * boundaries, operands and jump targets were already checked.
   */
  public static StackDepth analyze(byte[] code, Object[] constants, int arity, int limit) {
    StackDepth analysis = new StackDepth(code, constants);
    analysis.run(arity + 1, limit);
    return analysis;
  }

  /** The problem found first, or {@code null} when every path is consistent. */
  public Problem problem() {
    return problem;
  }

  /** The largest depth reached (meaningful when there is no problem). */
  public int max() {
    return max;
  }

  /**
   * How many values are on the stack when the instruction at {@code offset} starts, counting the
   * callee slot and the arguments; -1 when no path reaches it (or the analysis stopped first).
   */
  public int depthAt(int offset) {
    return depthAt[offset];
  }

  private int[] work = new int[16];
  private int pending;

  private void run(int entryDepth, int limit) {
    max = entryDepth;
    if (code.length == 0) {
      problem = new Problem(0, "empty code");
      return;
    }
    reach(0, entryDepth);
    while (pending > 0 && problem == null) {
      int offset = work[--pending];
      int depth = depthAt[offset];
      OpCode op = OpCode.of(code[offset]);
      int length = Instructions.length(code, offset, constants);
      int pops = op.pops(op.argCount(code, offset));
      if (depth < pops) {
        problem = new Problem(offset, "stack underflow");
        return;
      }
      int after = depth - pops + op.pushes();
      if (after > limit) {
        problem = new Problem(offset, "stack deeper than " + limit);
        return;
      }
      max = Math.max(max, after);
      if (op.jumps()) {
        reach(Instructions.jumpTarget(code, offset), after);
      }
      if (!op.endsBlock() && problem == null) {
        if (offset + length >= code.length) {
          problem = new Problem(offset, "code runs off the end");
          return;
        }
        reach(offset + length, after);
      }
    }
  }

  /** Records the depth at {@code target}, queueing it the first time it is reached. */
  private void reach(int target, int depth) {
    if (depthAt[target] == -1) {
      depthAt[target] = depth;
      if (pending == work.length) {
        work = Arrays.copyOf(work, pending * 2);
      }
      work[pending++] = target;
    } else if (depthAt[target] != depth) {
      problem = new Problem(
          target, "stack depth " + depth + " here but " + depthAt[target] + " on another path");
    }
  }
}
