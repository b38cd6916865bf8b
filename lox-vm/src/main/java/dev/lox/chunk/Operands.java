package dev.lox.chunk;

import static dev.lox.chunk.OperandField.ARG_COUNT;
import static dev.lox.chunk.OperandField.CAPTURES;

import java.util.List;

/**
 * The operand layouts an instruction can have: the fields after the opcode, in order. Sizes and
 * field positions are derived from the fields, so a layout is written down once.
 */
public enum Operands {
  NONE(),
  SLOT(OperandField.SLOT),
  UPVALUE(OperandField.UPVALUE),
  ARGS(ARG_COUNT),
  CONSTANT(OperandField.CONSTANT),
  /** A forward jump. */
  JUMP(OperandField.JUMP),
  /** A backward jump. */
  LOOP(OperandField.JUMP),
  /** A method name, then an argument count. */
  INVOKE(OperandField.CONSTANT, ARG_COUNT),
  /** A stack slot, then a property name. */
  SLOT_CONSTANT(OperandField.SLOT, OperandField.CONSTANT),
  /** The function to close over, then its captures. */
  CLOSURE(OperandField.CONSTANT, CAPTURES);

  private final List<OperandField> fields;
  private final int size;
  /** Bit {@code 1 << field.ordinal()} per field: {@link #has} is asked for every instruction. */
  private final int fieldBits;

  Operands(OperandField... fields) {
    this.fields = List.of(fields);
    int size = 1;
    int bits = 0;
    for (OperandField field : fields) {
      size += field.width();
      bits |= 1 << field.ordinal();
    }
    this.size = size;
    this.fieldBits = bits;
  }

  public List<OperandField> fields() {
    return fields;
  }

  /** Whether the layout has the field. */
  public boolean has(OperandField field) {
    return (fieldBits & (1 << field.ordinal())) != 0;
  }

  /** The field's offset from the opcode byte, or -1 when the layout lacks it. */
  public int offsetOf(OperandField field) {
    int offset = 1;
    for (OperandField f : fields) {
      if (f == field) {
        return offset;
      }
      offset += f.width();
    }
    return -1;
  }

  /** The instruction's length in bytes, opcode included; for CLOSURE, before its captures. */
  public int size() {
    return size;
  }
}
