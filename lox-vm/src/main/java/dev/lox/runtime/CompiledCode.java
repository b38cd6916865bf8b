package dev.lox.runtime;

/**
 * A function's code after the compiling tier translated it to JVM bytecode. It runs a frame the
 * VM has already pushed, on the VM's own stacks, so interpreted and compiled frames mix freely:
 * the same slots, the same frames for traces, the same open upvalues.
 *
 * <p>The VM is passed as {@code Object} so that runtime values do not depend on the VM; the
 * generated code knows its type.
 *
 * <p>Compiled callers call a function of up to {@link #DIRECT_ARGS} parameters through the {@code
 * call} of its arity, which takes the frame's first values (slot zero and the arguments) as
 * parameters and returns the result, rather than through the VM's stacks: a value each way that
 * stays in registers. Each slot's value is a reference and a number, as on the VM's stacks.
 */
public abstract class CompiledCode {
  /** The most arguments a {@code call} takes; wider functions are only run with {@link #run}. */
  public static final int DIRECT_ARGS = 4;

  /**
   * Runs frame {@code fc} (whose closure the VM has set; its values start at slot {@code base})
   * from bytecode offset {@code entry} (0, or the start of a loop when a running function moves
   * into compiled code) until the function returns, leaving its result in slot {@code base}.
   */
  public abstract void run(Object vm, Closure closure, int base, int fc, int entry);

  // The direct calls, one for each arity: as run, but with the frame's first values in the
  // parameters rather than in slots base to base + arity when entry is 0, and returning the
  // result's reference (its number left in the VM). A function's class overrides the one of its
  // arity, and its run calls that.

  public Object call(Object vm, Closure closure, int base, int fc, int entry,
      Object r0, double n0) {
    throw wrongArity();
  }

  public Object call(Object vm, Closure closure, int base, int fc, int entry,
      Object r0, double n0, Object r1, double n1) {
    throw wrongArity();
  }

  public Object call(Object vm, Closure closure, int base, int fc, int entry,
      Object r0, double n0, Object r1, double n1, Object r2, double n2) {
    throw wrongArity();
  }

  public Object call(Object vm, Closure closure, int base, int fc, int entry,
      Object r0, double n0, Object r1, double n1, Object r2, double n2, Object r3, double n3) {
    throw wrongArity();
  }

  public Object call(Object vm, Closure closure, int base, int fc, int entry,
      Object r0, double n0, Object r1, double n1, Object r2, double n2, Object r3, double n3,
      Object r4, double n4) {
    throw wrongArity();
  }

  private IllegalStateException wrongArity() {
    return new IllegalStateException("a direct call of another arity than the function's");
  }
}
