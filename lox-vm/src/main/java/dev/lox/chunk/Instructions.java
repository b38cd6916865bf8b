package dev.lox.chunk;

import dev.lox.runtime.LoxFunction;

/** Decoding helpers shared by everything that walks bytecode. */
public final class Instructions {
  private Instructions() {}

  /**
   * The length of the instruction at {@code offset}, or -1 when it is not a known opcode or its
   * closure operand does not name a function. The constants are a compiled function's, or a
   * linked one's (whose nested functions are {@link LoxFunction}s), for the JIT.
   */
  public static int length(byte[] code, int offset, Object[] constants) {
    OpCode op = OpCode.of(code[offset]);
    if (op == null) {
      return -1;
    }
    Operands layout = op.operands();
    if (!layout.has(OperandField.CAPTURES)) {
      return layout.size();
    }
    int at = offset + layout.offsetOf(OperandField.CONSTANT);
    if (at >= code.length) {
      return -1;
    }
    int index = code[at] & 0xff;
    Object constant = index < constants.length ? constants[index] : null;
    int captures = constant instanceof FunctionProto function ? function.upvalueCount
        : constant instanceof LoxFunction linked ? linked.upvalueCount
        : -1;
    return captures < 0 ? -1 : layout.size() + 2 * captures;
  }

  /** The unsigned byte at {@code offset}. */
  public static int u8(byte[] code, int offset) {
    return code[offset] & 0xff;
  }

  /** The big-endian unsigned 16-bit value at {@code offset}. */
  public static int u16(byte[] code, int offset) {
    return ((code[offset] & 0xff) << 8) | (code[offset + 1] & 0xff);
  }

  /** Where a jump or loop instruction at {@code offset} goes. */
  public static int jumpTarget(byte[] code, int offset) {
    int distance = u16(code, offset + 1);
    return code[offset] == OpCode.LOOP.code() ? offset + 3 - distance : offset + 3 + distance;
  }
}
