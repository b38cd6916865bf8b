package dev.lox.chunk;

import static dev.lox.chunk.ConstantKind.FUNCTION;
import static dev.lox.chunk.ConstantKind.NUMBER;
import static dev.lox.chunk.ConstantKind.NUMBER_OR_STRING;
import static dev.lox.chunk.ConstantKind.STRING;
import static dev.lox.chunk.Operands.ARGS;
import static dev.lox.chunk.Operands.NONE;
import static dev.lox.chunk.Operands.SLOT;
import static dev.lox.chunk.Operands.UPVALUE;

/**
 * The instruction set: each opcode with its operand layout, the kind of constant it takes, and
 * its stack effect. The compiler, the stack analysis, the disassembler, the chunk-file reader and
 * writer, the verifier and the JIT translator all read this one table.
 *
 * <p>The byte value of an opcode is its ordinal; {@link Code} repeats them as compile-time
 * constants for the VM's switch (a test checks that the two agree). Stack effects are written as
 * pops then pushes; the calls pop their arguments too, as many as their argument-count operand.
 */
public enum OpCode {
  /** Push constant. */
  CONSTANT(Operands.CONSTANT, NUMBER_OR_STRING, 0, 1),
  NIL(NONE, 0, 1),
  TRUE(NONE, 0, 1),
  FALSE(NONE, 0, 1),
  POP(NONE, 1, 0),
  /** Push the value in a slot of the current frame. */
  GET_LOCAL(SLOT, 0, 1),
  /** Store the top of the stack into a slot, leaving it on the stack. */
  SET_LOCAL(SLOT, 1, 1),
  /** Push the global named by a string constant; a runtime error if undefined. */
  GET_GLOBAL(Operands.CONSTANT, STRING, 0, 1),
  /** Define the global named by a string constant from the popped value. */
  DEFINE_GLOBAL(Operands.CONSTANT, STRING, 1, 0),
  /** Assign an existing global, leaving the value on the stack. */
  SET_GLOBAL(Operands.CONSTANT, STRING, 1, 1),
  GET_UPVALUE(UPVALUE, 0, 1),
  SET_UPVALUE(UPVALUE, 1, 1),
  /** Replace an instance with its field, or a method bound to it. */
  GET_PROPERTY(Operands.CONSTANT, STRING, 1, 1),
  /** Pops value and instance, sets the field, pushes the value. */
  SET_PROPERTY(Operands.CONSTANT, STRING, 2, 1),
  /** Pops superclass and receiver, pushes the superclass method bound to the receiver. */
  GET_SUPER(Operands.CONSTANT, STRING, 2, 1),
  EQUAL(NONE, 2, 1),
  GREATER(NONE, 2, 1),
  LESS(NONE, 2, 1),
  ADD(NONE, 2, 1),
  SUBTRACT(NONE, 2, 1),
  MULTIPLY(NONE, 2, 1),
  DIVIDE(NONE, 2, 1),
  NOT(NONE, 1, 1),
  NEGATE(NONE, 1, 1),
  PRINT(NONE, 1, 0),
  JUMP(Operands.JUMP, 0, 0),
  /** Jump when the top of the stack is falsey; does not pop. */
  JUMP_IF_FALSE(Operands.JUMP, 1, 1),
  LOOP(Operands.LOOP, 0, 0),
  /** Pops the callee and its arguments, pushes the result. */
  CALL(ARGS, 1, 1),
  /** Pops receiver and arguments, pushes the result of calling the named method. */
  INVOKE(Operands.INVOKE, STRING, 1, 1),
  /** Pops receiver, arguments and superclass, pushes the result of the superclass method. */
  SUPER_INVOKE(Operands.INVOKE, STRING, 2, 1),
  /** Push a new closure of the function constant, capturing the listed variables. */
  CLOSURE(Operands.CLOSURE, FUNCTION, 0, 1),
  /** Hoist the local on top of the stack into its upvalue, then pop it. */
  CLOSE_UPVALUE(NONE, 1, 0),
  /** Return the popped value from the current function. */
  RETURN(NONE, 1, 0),
  /** Push a new class named by a string constant. */
  CLASS(Operands.CONSTANT, STRING, 0, 1),
  /** Copy the superclass's methods (below the top) into the subclass (on top); pop the subclass. */
  INHERIT(NONE, 2, 1),
  /** Add the closure on top to the class below it as a method; pop the closure. */
  METHOD(Operands.CONSTANT, STRING, 2, 1),

  // Superinstructions: the compiler fuses common sequences into one instruction, so that the VM
  // dispatches less. Each behaves exactly as the sequence it replaces, errors included.

  /** JUMP_IF_FALSE then POP on both paths: pop the condition, jump when it is falsey. */
  JUMP_IF_FALSE_POP(Operands.JUMP, 1, 0),
  /** NOT then JUMP_IF_FALSE_POP: pop the condition, jump when it is truthy. */
  JUMP_IF_TRUE_POP(Operands.JUMP, 1, 0),
  /** LESS then JUMP_IF_FALSE_POP: pop two numbers, jump unless the first is less. */
  JUMP_IF_NOT_LESS(Operands.JUMP, 2, 0),
  /** GREATER then JUMP_IF_FALSE_POP. */
  JUMP_IF_NOT_GREATER(Operands.JUMP, 2, 0),
  /** EQUAL then JUMP_IF_FALSE_POP: pop two values, jump unless they are equal. */
  JUMP_IF_NOT_EQUAL(Operands.JUMP, 2, 0),
  /** LESS, NOT, JUMP_IF_FALSE_POP (the condition {@code a >= b}): jump if the first is less. */
  JUMP_IF_LESS(Operands.JUMP, 2, 0),
  /** GREATER, NOT, JUMP_IF_FALSE_POP (the condition {@code a <= b}). */
  JUMP_IF_GREATER(Operands.JUMP, 2, 0),
  /** EQUAL, NOT, JUMP_IF_FALSE_POP (the condition {@code a != b}). */
  JUMP_IF_EQUAL(Operands.JUMP, 2, 0),
  /** CONSTANT (a number) then ADD. */
  ADD_CONSTANT(Operands.CONSTANT, NUMBER, 1, 1),
  /** CONSTANT (a number) then SUBTRACT. */
  SUBTRACT_CONSTANT(Operands.CONSTANT, NUMBER, 1, 1),
  /** GET_LOCAL then GET_PROPERTY: push a property of the value in a slot. */
  GET_LOCAL_PROPERTY(Operands.SLOT_CONSTANT, STRING, 0, 1),
  /** SET_LOCAL then POP. */
  SET_LOCAL_POP(SLOT, 1, 0),
  /** SET_GLOBAL then POP. */
  SET_GLOBAL_POP(Operands.CONSTANT, STRING, 1, 0),
  /** SET_UPVALUE then POP. */
  SET_UPVALUE_POP(UPVALUE, 1, 0),
  /** SET_PROPERTY then POP. */
  SET_PROPERTY_POP(Operands.CONSTANT, STRING, 2, 0);

  private static final OpCode[] BY_CODE = values();

  private final Operands operands;
  private final ConstantKind constantKind;
  /** Values popped besides the arguments. */
  private final int pops;
  private final int pushes;
  /** Where the argument count is, from the opcode byte; -1 when there is none. */
  private final int argCountAt;
  // Asked of every instruction whenever code is walked: kept, not derived each time.
  private final byte code;
  private final boolean jumps;

  OpCode(Operands operands, ConstantKind constantKind, int pops, int pushes) {
    if ((constantKind != null) != operands.has(OperandField.CONSTANT)) {
      throw new AssertionError(name() + ": a constant kind goes with a constant operand");
    }
    this.operands = operands;
    this.constantKind = constantKind;
    this.pops = pops;
    this.pushes = pushes;
    this.argCountAt = operands.offsetOf(OperandField.ARG_COUNT);
    this.code = (byte) ordinal();
    this.jumps = operands.has(OperandField.JUMP);
  }

  OpCode(Operands operands, int pops, int pushes) {
    this(operands, null, pops, pushes);
  }

  public Operands operands() {
    return operands;
  }

  /** What the constant operand must refer to; {@code null} when there is none. */
  public ConstantKind constantKind() {
    return constantKind;
  }

  /** The argument count of the instruction at {@code offset}; 0 when it takes none. */
  public int argCount(byte[] code, int offset) {
    return argCountAt < 0 ? 0 : code[offset + argCountAt] & 0xff;
  }

  /** Values popped, given the instruction's argument count (ignored unless it has one). */
  public int pops(int argCount) {
    return argCountAt < 0 ? pops : pops + argCount;
  }

  public int pushes() {
    return pushes;
  }

  public byte code() {
    return code;
  }

  /** The opcode for a byte, or {@code null} if no opcode has it. */
  public static OpCode of(int code) {
    int unsigned = code & 0xff;
    return unsigned < BY_CODE.length ? BY_CODE[unsigned] : null;
  }

  /** Whether the instruction may jump (its operand is a JUMP or LOOP distance). */
  public boolean jumps() {
    return jumps;
  }

  /** Whether the instruction's constant operand names a global variable. */
  public boolean namesGlobal() {
    return this == GET_GLOBAL || this == DEFINE_GLOBAL || this == SET_GLOBAL
        || this == SET_GLOBAL_POP;
  }

  /** Whether control never falls through to the next instruction. */
  public boolean endsBlock() {
    return this == RETURN || this == JUMP || this == LOOP;
  }

  /** The opcodes as compile-time constants, for switch statements on raw bytes. */
  public static final class Code {
    public static final int CONSTANT = 0;
    public static final int NIL = 1;
    public static final int TRUE = 2;
    public static final int FALSE = 3;
    public static final int POP = 4;
    public static final int GET_LOCAL = 5;
    public static final int SET_LOCAL = 6;
    public static final int GET_GLOBAL = 7;
    public static final int DEFINE_GLOBAL = 8;
    public static final int SET_GLOBAL = 9;
    public static final int GET_UPVALUE = 10;
    public static final int SET_UPVALUE = 11;
    public static final int GET_PROPERTY = 12;
    public static final int SET_PROPERTY = 13;
    public static final int GET_SUPER = 14;
    public static final int EQUAL = 15;
    public static final int GREATER = 16;
    public static final int LESS = 17;
    public static final int ADD = 18;
    public static final int SUBTRACT = 19;
    public static final int MULTIPLY = 20;
    public static final int DIVIDE = 21;
    public static final int NOT = 22;
    public static final int NEGATE = 23;
    public static final int PRINT = 24;
    public static final int JUMP = 25;
    public static final int JUMP_IF_FALSE = 26;
    public static final int LOOP = 27;
    public static final int CALL = 28;
    public static final int INVOKE = 29;
    public static final int SUPER_INVOKE = 30;
    public static final int CLOSURE = 31;
    public static final int CLOSE_UPVALUE = 32;
    public static final int RETURN = 33;
    public static final int CLASS = 34;
    public static final int INHERIT = 35;
    public static final int METHOD = 36;
    public static final int JUMP_IF_FALSE_POP = 37;
    public static final int JUMP_IF_TRUE_POP = 38;
    public static final int JUMP_IF_NOT_LESS = 39;
    public static final int JUMP_IF_NOT_GREATER = 40;
    public static final int JUMP_IF_NOT_EQUAL = 41;
    public static final int JUMP_IF_LESS = 42;
    public static final int JUMP_IF_GREATER = 43;
    public static final int JUMP_IF_EQUAL = 44;
    public static final int ADD_CONSTANT = 45;
    public static final int SUBTRACT_CONSTANT = 46;
    public static final int GET_LOCAL_PROPERTY = 47;
    public static final int SET_LOCAL_POP = 48;
    public static final int SET_GLOBAL_POP = 49;
    public static final int SET_UPVALUE_POP = 50;
    public static final int SET_PROPERTY_POP = 51;

    private Code() {}
  }
}
