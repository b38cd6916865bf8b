package dev.lox.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpCodeTest {

  /** The VM switches on {@link OpCode.Code}; each constant must be its opcode's ordinal. */
  @Test
  void codeConstantsEqualOrdinals() throws IllegalAccessException {
    Set<String> seen = new HashSet<>();
    for (Field field : OpCode.Code.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (!Modifier.isStatic(modifiers) || field.isSynthetic()) {
        continue;
      }
      assertTrue(Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers), field.getName());
      assertEquals(int.class, field.getType(), field.getName());
      OpCode op = OpCode.valueOf(field.getName());
      assertEquals(op.ordinal(), field.getInt(null), "OpCode.Code." + field.getName());
      seen.add(field.getName());
    }
    for (OpCode op : OpCode.values()) {
      assertTrue(seen.contains(op.name()), "OpCode.Code has no constant for " + op);
    }
  }

  @Test
  void codeIsOrdinalAndRoundTrips() {
    for (OpCode op : OpCode.values()) {
      assertEquals(op.ordinal(), op.code() & 0xff);
      assertSame(op, OpCode.of(op.code()));
    }
  }

  @Test
  void unknownBytesHaveNoOpcode() {
    for (int b = OpCode.values().length; b < 256; b++) {
      assertNull(OpCode.of(b), "byte " + b);
      assertNull(OpCode.of((byte) b), "signed byte " + (byte) b);
    }
  }

  /** The instructions whose operand the VM resolves to a global's cell before compiling. */
  @Test
  void theGlobalVariableInstructionsNameGlobals() {
    Set<OpCode> naming = EnumSet.noneOf(OpCode.class);
    for (OpCode op : OpCode.values()) {
      if (op.namesGlobal()) {
        naming.add(op);
      }
    }
    assertEquals(EnumSet.of(OpCode.GET_GLOBAL, OpCode.DEFINE_GLOBAL, OpCode.SET_GLOBAL,
        OpCode.SET_GLOBAL_POP), naming);
  }

  @Test
  void fitsInAByte() {
    assertTrue(OpCode.values().length <= 256);
  }

  @Test
  void everyOpcodeHasAnOperandLayout() {
    for (OpCode op : OpCode.values()) {
      assertNotNull(op.operands(), op.name());
      assertTrue(op.operands().size() >= 1 && op.operands().size() <= 3, op.name());
    }
  }

  @Test
  void operandLayouts() {
    assertEquals(Operands.NONE, OpCode.RETURN.operands());
    assertEquals(Operands.CONSTANT, OpCode.CONSTANT.operands());
    assertEquals(Operands.SLOT, OpCode.GET_LOCAL.operands());
    assertEquals(Operands.SLOT, OpCode.SET_LOCAL.operands());
    assertEquals(Operands.UPVALUE, OpCode.GET_UPVALUE.operands());
    assertEquals(Operands.ARGS, OpCode.CALL.operands());
    assertEquals(Operands.JUMP, OpCode.JUMP.operands());
    assertEquals(Operands.JUMP, OpCode.JUMP_IF_FALSE.operands());
    assertEquals(Operands.LOOP, OpCode.LOOP.operands());
    assertEquals(Operands.INVOKE, OpCode.INVOKE.operands());
    assertEquals(Operands.INVOKE, OpCode.SUPER_INVOKE.operands());
    assertEquals(Operands.CLOSURE, OpCode.CLOSURE.operands());
    for (OpCode op : EnumSet.of(OpCode.GET_GLOBAL, OpCode.SET_GLOBAL, OpCode.DEFINE_GLOBAL,
        OpCode.GET_PROPERTY, OpCode.SET_PROPERTY, OpCode.GET_SUPER, OpCode.CLASS, OpCode.METHOD)) {
      assertEquals(Operands.CONSTANT, op.operands(), op.name());
    }
    assertEquals(1, Operands.NONE.size());
    assertEquals(2, Operands.CONSTANT.size());
    assertEquals(3, Operands.JUMP.size());
    assertEquals(3, Operands.INVOKE.size());
  }

  @Test
  void operandFieldsArePlacedByTheLayout() {
    assertEquals(2, Operands.INVOKE.offsetOf(OperandField.ARG_COUNT));
    assertEquals(1, Operands.INVOKE.offsetOf(OperandField.CONSTANT));
    assertEquals(1, Operands.ARGS.offsetOf(OperandField.ARG_COUNT));
    assertEquals(2, Operands.SLOT_CONSTANT.offsetOf(OperandField.CONSTANT));
    assertEquals(-1, Operands.NONE.offsetOf(OperandField.CONSTANT));
    byte[] invoke = {OpCode.INVOKE.code(), 7, 3};
    assertEquals(3, OpCode.INVOKE.argCount(invoke, 0));
    assertEquals(4, OpCode.INVOKE.pops(3));
    assertEquals(5, OpCode.SUPER_INVOKE.pops(3));
    byte[] call = {OpCode.NIL.code(), OpCode.CALL.code(), 2};
    assertEquals(2, OpCode.CALL.argCount(call, 1));
    assertEquals(0, OpCode.ADD.argCount(call, 0));
  }

  @Test
  void everyConstantOperandHasAKind() {
    for (OpCode op : OpCode.values()) {
      assertEquals(op.operands().has(OperandField.CONSTANT), op.constantKind() != null, op.name());
    }
    assertEquals(ConstantKind.FUNCTION, OpCode.CLOSURE.constantKind());
    assertEquals(ConstantKind.NUMBER_OR_STRING, OpCode.CONSTANT.constantKind());
    assertEquals(ConstantKind.NUMBER, OpCode.ADD_CONSTANT.constantKind());
    assertEquals(ConstantKind.STRING, OpCode.GET_GLOBAL.constantKind());
    assertEquals(ConstantKind.STRING, OpCode.INVOKE.constantKind());
  }

  @Test
  void stackEffectsAreSane() {
    for (OpCode op : OpCode.values()) {
      assertTrue(op.pushes() == 0 || op.pushes() == 1, op + " pushes " + op.pushes());
      for (int args = 0; args <= 255; args++) {
        assertTrue(op.pops(args) >= 0 && op.pops(args) <= args + 2, op + " pops " + op.pops(args));
      }
    }
    assertEquals(1, OpCode.CALL.pops(0));
    assertEquals(4, OpCode.CALL.pops(3));
    assertEquals(256, OpCode.CALL.pops(255));
    assertEquals(4, OpCode.INVOKE.pops(3));
    assertEquals(5, OpCode.SUPER_INVOKE.pops(3));
    assertEquals(1, OpCode.CALL.pushes());
    // Fixed effects do not depend on an argument count.
    assertEquals(2, OpCode.ADD.pops(7));
    assertEquals(1, OpCode.ADD.pushes());
    assertEquals(0, OpCode.CONSTANT.pops(0));
    assertEquals(1, OpCode.CONSTANT.pushes());
    assertEquals(1, OpCode.POP.pops(0));
    assertEquals(0, OpCode.POP.pushes());
    assertEquals(1, OpCode.PRINT.pops(0));
    assertEquals(0, OpCode.PRINT.pushes());
    assertEquals(1, OpCode.RETURN.pops(0));
    assertEquals(0, OpCode.JUMP.pops(0) - OpCode.JUMP.pushes());
    // JUMP_IF_FALSE leaves its condition on the stack.
    assertEquals(0, OpCode.JUMP_IF_FALSE.pushes() - OpCode.JUMP_IF_FALSE.pops(0));
    assertEquals(-1, OpCode.SET_PROPERTY.pushes() - OpCode.SET_PROPERTY.pops(0));
    assertEquals(-1, OpCode.METHOD.pushes() - OpCode.METHOD.pops(0));
    assertEquals(-1, OpCode.INHERIT.pushes() - OpCode.INHERIT.pops(0));
  }

  @Test
  void onlyReturnJumpAndLoopEndABlock() {
    for (OpCode op : OpCode.values()) {
      assertEquals(EnumSet.of(OpCode.RETURN, OpCode.JUMP, OpCode.LOOP).contains(op), op.endsBlock(), op.name());
    }
  }

  private static final String PROGRAM = String.join("\n",
      "var g = 1;",
      "fun outer(a, b) {",
      "  var c = a;",
      "  fun inner() { c = c + b; return c; }",
      "  while (c < 10) { c = c + 1; if (c == 5) print c; else print -c; }",
      "  for (var i = 0; i < 2; i = i + 1) g = g and !i or nil;",
      "  { var d = false; fun k() { return d; } }",
      "  return inner;",
      "}",
      "class A { init(x) { this.x = x; } get() { return this.x; } }",
      "class B < A { get() { return super.get() + 1; } sup() { return super.get; } }",
      "var b = B(2); b.x = 3; print b.get(); print b.x > 1 == true; print outer(1, 2)();",
      "print \"s\" + \"t\"; print 2 * 3 / 4 - 1; print 1 <= 2; print 1 >= 2; print 1 != 2;");

  /** Every instruction the compiler emits decodes with its layout and lands on the next one. */
  @Test
  void compiledCodeDecodesWithTheLayouts() {
    FunctionProto script =
        Lox.compile(PROGRAM.getBytes(StandardCharsets.UTF_8)).script().function();
    Set<OpCode> used = EnumSet.noneOf(OpCode.class);
    Deque<FunctionProto> pending = new ArrayDeque<>();
    pending.add(script);
    while (!pending.isEmpty()) {
      FunctionProto f = pending.poll();
      int offset = 0;
      while (offset < f.code.length) {
        OpCode op = OpCode.of(f.code[offset]);
        assertNotNull(op, "bad opcode at " + offset);
        used.add(op);
        int length = Instructions.length(f.code, offset, f.constants);
        assertTrue(length >= op.operands().size(), op + " at " + offset);
        if (op.operands() != Operands.CLOSURE) {
          assertEquals(op.operands().size(), length);
        }
        if (op.operands() == Operands.JUMP || op.operands() == Operands.LOOP) {
          int target = Instructions.jumpTarget(f.code, offset);
          assertTrue(target >= 0 && target < f.code.length, op + " at " + offset + " -> " + target);
        }
        offset += length;
      }
      assertEquals(f.code.length, offset, "last instruction ends at the end of the code");
      assertEquals(f.code.length, f.lines.length);
      assertEquals(OpCode.RETURN, OpCode.of(f.code[f.code.length - 1]));
      assertNull(StackDepth.check(f.code, f.constants, f.arity, f.maxStack), f.displayName());
      for (Object constant : f.constants) {
        if (constant instanceof FunctionProto nested) {
          pending.add(nested);
        }
      }
    }
    // The sample program exercises the core instruction set (superinstructions may replace the
    // plain jumps, stores and comparisons, so those are not required).
    EnumSet<OpCode> core = EnumSet.of(OpCode.CONSTANT, OpCode.NIL, OpCode.TRUE, OpCode.FALSE,
        OpCode.POP, OpCode.GET_LOCAL, OpCode.GET_GLOBAL, OpCode.DEFINE_GLOBAL, OpCode.GET_UPVALUE,
        OpCode.GET_PROPERTY, OpCode.GET_SUPER, OpCode.ADD, OpCode.MULTIPLY, OpCode.DIVIDE,
        OpCode.NOT, OpCode.NEGATE, OpCode.PRINT, OpCode.JUMP, OpCode.LOOP, OpCode.CALL,
        OpCode.INVOKE, OpCode.SUPER_INVOKE, OpCode.CLOSURE, OpCode.CLOSE_UPVALUE, OpCode.RETURN,
        OpCode.CLASS, OpCode.INHERIT, OpCode.METHOD);
    core.removeAll(used);
    assertEquals(EnumSet.noneOf(OpCode.class), core, "not emitted");
  }

  @Test
  void disassemblerNamesEveryInstruction() {
    String listing = Disassembler.disassemble(
        Lox.compile(PROGRAM.getBytes(StandardCharsets.UTF_8)).script().function());
    for (OpCode op : EnumSet.of(OpCode.CONSTANT, OpCode.CLOSURE, OpCode.INVOKE, OpCode.LOOP,
        OpCode.CLASS, OpCode.RETURN, OpCode.GET_UPVALUE)) {
      assertTrue(listing.contains("OP_" + op.name()), "OP_" + op.name());
    }
    assertTrue(listing.startsWith("== <script> =="), listing);
    assertTrue(listing.contains("== outer =="), listing);
    assertTrue(listing.contains("== inner =="), listing);
    assertFalse(listing.contains("<bad"), listing);
  }
}
