package dev.lox.chunk;

import dev.lox.runtime.LoxString;
import dev.lox.runtime.NumberFormat;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Prints bytecode as clox's debug listing does (offset, line, opcode, operands, constant values),
 * for a function and every function nested in it, outermost first. The layout of each operand
 * comes from {@link OpCode#operands()}; there are no per-opcode cases here.
 */
public final class Disassembler {
  private final StringBuilder out = new StringBuilder();

  private Disassembler() {}

  /** The listing of {@code script} and all functions it contains. Text is one char per byte. */
  public static String disassemble(FunctionProto script) {
    Disassembler d = new Disassembler();
    Deque<FunctionProto> pending = new ArrayDeque<>();
    pending.add(script);
    while (!pending.isEmpty()) {
      FunctionProto function = pending.poll();
      d.function(function);
      for (Object constant : function.constants) {
        if (constant instanceof FunctionProto nested) {
          pending.add(nested);
        }
      }
    }
    return d.out.toString();
  }

  private void function(FunctionProto f) {
    String name = f.name == null ? "<script>" : f.name.toLatin1();
    out.append("== ").append(name).append(" ==  (")
        .append(f.arity).append(f.arity == 1 ? " param, " : " params, ")
        .append(f.upvalueCount).append(f.upvalueCount == 1 ? " upvalue, " : " upvalues, ")
        .append(f.constants.length).append(f.constants.length == 1 ? " constant, " : " constants, ")
        .append(f.code.length).append(" bytes, stack ").append(f.maxStack).append(")\n");
    int offset = 0;
    while (offset < f.code.length) {
      offset = instruction(f, offset);
    }
    out.append('\n');
  }

  private int instruction(FunctionProto f, int offset) {
    byte[] code = f.code;
    out.append(String.format("%04d ", offset));
    if (offset > 0 && f.lines[offset] == f.lines[offset - 1]) {
      out.append("   | ");
    } else {
      out.append(String.format("%4d ", f.lines[offset]));
    }
    OpCode op = OpCode.of(code[offset]);
    int length = Instructions.length(code, offset, f.constants);
    if (op == null || length < 0 || offset + length > code.length) {
      out.append(String.format("<bad opcode %d>%n", code[offset] & 0xff));
      return offset + 1;
    }
    String name = "OP_" + op.name();
    Operands layout = op.operands();
    switch (layout) {
      case NONE -> out.append(name).append('\n');
      case SLOT, UPVALUE, ARGS ->
          out.append(String.format("%-16s %4d%n", name, Instructions.u8(code, offset + 1)));
      case CONSTANT -> constant(name, f, field(code, offset, layout, OperandField.CONSTANT)).append('\n');
      case JUMP, LOOP ->
          out.append(String.format("%-16s %4d -> %d%n", name, offset, Instructions.jumpTarget(code, offset)));
      case SLOT_CONSTANT -> {
        out.append(String.format("%-16s %4d", name, field(code, offset, layout, OperandField.SLOT)));
        constant("", f, field(code, offset, layout, OperandField.CONSTANT)).append('\n');
      }
      case INVOKE -> {
        out.append(String.format("%-16s (%d args)", name, op.argCount(code, offset)));
        constant("", f, field(code, offset, layout, OperandField.CONSTANT)).append('\n');
      }
      case CLOSURE -> {
        constant(name, f, field(code, offset, layout, OperandField.CONSTANT)).append('\n');
        for (int i = offset + layout.size(); i < offset + length; i += 2) {
          out.append(String.format("%04d      |                     %s %d%n",
              i, code[i] != 0 ? "local" : "upvalue", Instructions.u8(code, i + 1)));
        }
      }
    }
    return offset + length;
  }

  /** The one-byte field of the instruction at {@code offset}. */
  private static int field(byte[] code, int offset, Operands layout, OperandField field) {
    return Instructions.u8(code, offset + layout.offsetOf(field));
  }

  private StringBuilder constant(String name, FunctionProto f, int index) {
    out.append(String.format("%-16s %4d '", name, index));
    Object value = index < f.constants.length ? f.constants[index] : null;
    if (value instanceof Double number) {
      out.append(NumberFormat.format(number));
    } else if (value instanceof LoxString string) {
      out.append(string.toLatin1());
    } else if (value instanceof FunctionProto function) {
      out.append(function.name == null ? "<script>" : "<fn " + function.name.toLatin1() + ">");
    } else {
      out.append("<bad constant>");
    }
    return out.append('\'');
  }
}
