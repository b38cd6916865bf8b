package dev.lox.runtime;

/**
 * A function linked into one VM: its constants resolved to that VM's strings, nested functions
 * linked, numbers unboxed, and room for the per-instruction caches the VM fills as it runs. Not
 * shared between VMs. The code and lines are the compiled function's own arrays, never changed;
 * the rest of it stays on the chunk side, so runtime values do not depend on the chunk format.
 */
public final class LoxFunction {
  public final LoxString name;
  public final int arity;
  public final int upvalueCount;
  public final int maxStack;
  public final byte[] code;
  /** The source line of each byte of {@link #code}. */
  public final int[] lines;
  /** Constants split as on the stack: a {@code null} reference means the number in nums. */
  public final Object[] constRefs;
  public final double[] constNums;
  /** The global cell of each constant used as a global name, resolved on first use. */
  public final GlobalCell[] globals;
  /** Inline caches of the property instructions, indexed by instruction offset. */
  public final PropertyCache[] caches;
  /** The compiling tier's code for this function; null while it is interpreted. */
  public CompiledCode compiled;
  /**
   * Calls and loop iterations counted towards compiling the function; negative once the tier
   * has declined it, so that it is not asked again.
   */
  public int hotness;

  public LoxFunction(
      LoxString name,
      int arity,
      int upvalueCount,
      int maxStack,
      byte[] code,
      int[] lines,
      Object[] constRefs,
      double[] constNums) {
    this.name = name;
    this.arity = arity;
    this.upvalueCount = upvalueCount;
    this.maxStack = maxStack;
    this.code = code;
    this.lines = lines;
    this.constRefs = constRefs;
    this.constNums = constNums;
    this.globals = new GlobalCell[constRefs.length];
    this.caches = new PropertyCache[code.length];
  }
}
