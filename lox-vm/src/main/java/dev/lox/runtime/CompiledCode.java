package dev.lox.runtime;

/**
 * A function's code after the compiling tier translated it to JVM bytecode. It runs a frame the
 * VM has already pushed, on the VM's own stacks, so interpreted and compiled frames mix freely:
 * the same slots, the same frames for traces, the same open upvalues.
 *
 * <p>The VM is passed as {@code Object} so that runtime values do not depend on the VM; the
 * generated code knows its type.
 */
public abstract class CompiledCode {
  /**
   * Runs frame {@code fc} (whose closure the VM has set; its values start at slot {@code base})
   * from bytecode offset {@code entry} (0, or the start of a loop when a running function moves
   * into compiled code) until the function returns, leaving its result in slot {@code base}.
   */
  public abstract void run(Object vm, Closure closure, int base, int fc, int entry);
}
