package dev.lox.chunk;

/** The operand layouts an instruction can have; each names the bytes after the opcode. */
public enum Operands {
  /** No operand. */
  NONE(1),
  /** One byte: a stack slot of the current frame. */
  SLOT(2),
  /** One byte: an upvalue index of the current closure. */
  UPVALUE(2),
  /** One byte: an argument count. */
  ARGS(2),
  /** One byte: an index into the chunk's constants. */
  CONSTANT(2),
  /** Two bytes, big-endian: a forward jump distance from the end of the instruction. */
  JUMP(3),
  /** Two bytes, big-endian: a backward jump distance from the end of the instruction. */
  LOOP(3),
  /** A constant index (the method name), then an argument count. */
  INVOKE(3),
  /** A stack slot of the current frame, then a constant index (a property name). */
  SLOT_CONSTANT(3),
  /**
   * A constant index naming a function, then two bytes (is-local, index) for each of that
   * function's upvalues; the length depends on the function.
   */
  CLOSURE(2);

  private final int size;

  Operands(int size) {
    this.size = size;
  }

  /** The instruction's length in bytes, opcode included; for CLOSURE, before its upvalue pairs. */
  public int size() {
    return size;
  }
}
