package dev.lox.chunk;

/**
 * The parts an operand layout ({@link Operands}) is made of, with their widths in bytes. What a
 * field means is defined here once, for everything that reads or checks bytecode.
 */
public enum OperandField {
  /** A stack slot of the current frame: must hold a live value when the instruction runs. */
  SLOT(1),
  /** An index into the current closure's upvalues. */
  UPVALUE(1),
  /** An argument count: any byte; stack analysis checks that the arguments are there. */
  ARG_COUNT(1),
  /** An index into the function's constants, of the kind {@link OpCode#constantKind()} gives. */
  CONSTANT(1),
  /**
   * A big-endian 16-bit jump distance from the end of the instruction, forward or (for {@link
   * Operands#LOOP}) backward; the target must start an instruction.
   */
  JUMP(2),
  /**
   * A closure's captures: (is-local, index) byte pairs, one per upvalue of the function named by
   * the CONSTANT before it; its width depends on that function.
   */
  CAPTURES(0);

  private final int width;

  OperandField(int width) {
    this.width = width;
  }

  /** Bytes taken; 0 for {@link #CAPTURES}, whose length depends on the function captured. */
  public int width() {
    return width;
  }
}
