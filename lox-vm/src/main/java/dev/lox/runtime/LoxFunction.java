package dev.lox.runtime;

import dev.lox.chunk.FunctionProto;

/**
 * A function linked into one VM: its constants resolved to that VM's strings, nested functions
 * linked, numbers unboxed, and room for the per-instruction caches the VM fills as it runs. Not
 * shared between VMs.
 */
public final class LoxFunction {
  public final FunctionProto proto;
  public final LoxString name;
  public final int arity;
  public final int upvalueCount;
  public final int maxStack;
  public final byte[] code;
  /** Constants split as on the stack: a {@code null} reference means the number in nums. */
  public final Object[] constRefs;
  public final double[] constNums;
  /** The global cell of each constant used as a global name, resolved on first use. */
  public final GlobalCell[] globals;
  /** Inline caches of the property instructions, indexed by instruction offset. */
  public final PropertyCache[] caches;

  public LoxFunction(FunctionProto proto, Object[] constRefs, double[] constNums) {
    this.proto = proto;
    this.name = proto.name;
    this.arity = proto.arity;
    this.upvalueCount = proto.upvalueCount;
    this.maxStack = proto.maxStack;
    this.code = proto.code;
    this.constRefs = constRefs;
    this.constNums = constNums;
    this.globals = new GlobalCell[constRefs.length];
    this.caches = new PropertyCache[code.length];
  }
}
