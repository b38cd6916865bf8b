package dev.lox.chunk;

import dev.lox.runtime.LoxString;

/**
 * A compiled function: what the compiler produces, chunk files store and the VM links. Immutable
 * by contract (the arrays are exposed for speed and must not be changed), so one proto may be run
 * by many VMs at once.
 *
 * <p>Constants are {@link Double}, {@link LoxString} or nested {@code FunctionProto}s.
 */
public final class FunctionProto {
  /** The function's name; {@code null} for the top-level script. */
  public final LoxString name;
  public final int arity;
  public final int upvalueCount;
  public final byte[] code;
  /** The source line of each byte of {@link #code}. */
  public final int[] lines;
  public final Object[] constants;
  /** The most stack slots a call needs, counting the callee's slot and its arguments. */
  public final int maxStack;

  public FunctionProto(
      LoxString name,
      int arity,
      int upvalueCount,
      byte[] code,
      int[] lines,
      Object[] constants,
      int maxStack) {
    this.name = name;
    this.arity = arity;
    this.upvalueCount = upvalueCount;
    this.code = code;
    this.lines = lines;
    this.constants = constants;
    this.maxStack = maxStack;
  }

  /** The name as clox prints it in traces and listings: {@code script} for the top level. */
  public String displayName() {
    return name == null ? "script" : name.toLatin1();
  }
}
