package dev.lox.jit;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import dev.lox.chunk.Instructions;
import dev.lox.chunk.OpCode;
import dev.lox.chunk.StackDepth;
import dev.lox.runtime.LoxFunction;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one linked function's bytecode into a JVM class whose {@code run} method does what
 * the interpreter would do, instruction by instruction, with the dispatch gone: every operand,
 * stack slot and jump target is a constant in the generated code. Values stay on the VM's stacks
 * (the stack depth before each instruction is known statically), so compiled and interpreted
 * frames share slots, upvalues and traces, and a running function can move into compiled code at
 * the top of any loop (each loop start is an entry of {@code run}).
 *
 * <p>Each instruction becomes a call of a small static method of {@code dev.lox.vm.
 * CompiledSupport} (which HotSpot inlines) or a jump. A function whose code would exceed
 * {@link #METHOD_SIZE_LIMIT} bytes is not translated: HotSpot would never compile it.
 */
final class Translator {
  /** HotSpot's limit: it never compiles a method with more bytecode than this. */
  static final int METHOD_SIZE_LIMIT = 8000;

  private static final String SUPPORT = "dev/lox/vm/CompiledSupport";
  private static final String VM = "dev/lox/vm/VM";
  private static final String BASE_CLASS = "dev/lox/runtime/CompiledCode";
  private static final String VM_DESC = "Ldev/lox/vm/VM;";
  private static final String FN_DESC = "Ldev/lox/runtime/LoxFunction;";
  private static final String CLOSURE_DESC = "Ldev/lox/runtime/Closure;";
  private static final String RUN_DESC = "(Ljava/lang/Object;" + CLOSURE_DESC + "III)V";

  // The locals of run(): its parameters, then the VM and the function.
  private static final int CLOSURE = 2;
  private static final int BASE = 3;
  private static final int FC = 4;
  private static final int ENTRY = 5;
  private static final int VM_LOCAL = 6;
  private static final int FN = 7;
  private static final int CALLEE = 8;

  /** A translated class: its bytes and the size of its {@code run} method's code. */
  record Output(byte[] bytes, int codeSize) {}

  private final LoxFunction fn;
  private final byte[] code;
  private final StackDepth depths;
  private final Label[] labels;
  private MethodVisitor mv;

  private Translator(LoxFunction fn) {
    this.fn = fn;
    this.code = fn.code;
    this.depths = StackDepth.analyze(code, fn.constRefs, fn.arity, fn.maxStack);
    this.labels = new Label[code.length];
  }

  /**
   * The class for {@code fn}, named {@code className} (a binary name in the VM's package), or
   * null when the function is too large to be worth compiling.
   */
  static Output translate(LoxFunction fn, String className) {
    Translator translator = new Translator(fn);
    if (translator.depths.problem() != null) {
      throw new IllegalArgumentException("unverified code: " + translator.depths.problem());
    }
    return translator.emitClass(className);
  }

  private Output emitClass(String className) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        // Locals keep one type each and the operand stack is empty at every jump, so frames
        // never merge two different classes; no class needs loading to compute them.
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null, BASE_CLASS, null);
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, BASE_CLASS, "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", RUN_DESC, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, 1);
    mv.visitTypeInsn(CHECKCAST, VM);
    mv.visitVarInsn(ASTORE, VM_LOCAL);
    mv.visitVarInsn(ALOAD, CLOSURE);
    mv.visitFieldInsn(GETFIELD, "dev/lox/runtime/Closure", "function", FN_DESC);
    mv.visitVarInsn(ASTORE, FN);
    emitEntries();
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (depths.depthAt(at) < 0) {
        continue; // Unreachable: the compiler leaves some after returns.
      }
      if (labels[at] != null) {
        mv.visitLabel(labels[at]);
      }
      emit(at, depths.depthAt(at));
    }
    Label end = new Label();
    mv.visitLabel(end);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    byte[] bytes;
    try {
      bytes = cw.toByteArray();
    } catch (MethodTooLargeException e) {
      return null;
    }
    int size = end.getOffset();
    return size > METHOD_SIZE_LIMIT ? null : new Output(bytes, size);
  }

  /** Entry 0 starts the function; every loop start is an entry too, for moving in mid-call. */
  private void emitEntries() {
    TreeSet<Integer> entries = new TreeSet<>();
    entries.add(0);
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (code[at] == OpCode.LOOP.code() && depths.depthAt(at) >= 0) {
        entries.add(Instructions.jumpTarget(code, at));
      }
    }
    int[] keys = new int[entries.size()];
    Label[] targets = new Label[keys.length];
    int i = 0;
    for (int entry : entries) {
      keys[i] = entry;
      targets[i] = label(entry);
      i++;
    }
    mv.visitVarInsn(ILOAD, ENTRY);
    mv.visitLookupSwitchInsn(label(0), keys, targets);
  }

  private Label label(int offset) {
    Label label = labels[offset];
    if (label == null) {
      label = labels[offset] = new Label();
    }
    return label;
  }

  // ---- One instruction ----

  /** Emits the instruction at {@code at}, with {@code depth} values on the frame's stack. */
  private void emit(int at, int depth) {
    OpCode op = OpCode.of(code[at]);
    int top = depth - 1;
    int u1 = Instructions.u8(code, Math.min(at + 1, code.length - 1));
    // Where an error is reported, as the interpreter reports it: just past the opcode for
    // operators and fused comparisons, past the operands for the rest.
    int errorIp = op.jumps() ? at + 1 : at + op.operands().size();
    switch (op) {
      case CONSTANT -> {
        if (fn.constRefs[u1] == null) {
          vm();
          mv.visitLdcInsn(fn.constNums[u1]);
          slot(depth);
          support("number", "(" + VM_DESC + "DI)V");
        } else {
          vmAndFn();
          push(u1);
          slot(depth);
          support("constant", "(" + VM_DESC + FN_DESC + "II)V");
        }
      }
      case NIL -> value(depth, "dev/lox/runtime/Nil", "NIL", "Ldev/lox/runtime/Nil;");
      case TRUE -> value(depth, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
      case FALSE -> value(depth, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
      case POP -> {}
      case GET_LOCAL -> copy(u1, depth);
      case SET_LOCAL, SET_LOCAL_POP -> copy(top, u1);
      case GET_GLOBAL -> global("getGlobal", u1, depth, errorIp);
      case DEFINE_GLOBAL -> {
        vmAndFn();
        push(u1);
        slot(top);
        support("defineGlobal", "(" + VM_DESC + FN_DESC + "II)V");
      }
      case SET_GLOBAL, SET_GLOBAL_POP -> global("setGlobal", u1, top, errorIp);
      case GET_UPVALUE -> upvalue("getUpvalue", u1, depth);
      case SET_UPVALUE, SET_UPVALUE_POP -> upvalue("setUpvalue", u1, top);
      case GET_PROPERTY -> property("getProperty", at, top, errorIp);
      case SET_PROPERTY, SET_PROPERTY_POP -> property("setProperty", at, top - 1, errorIp);
      case GET_LOCAL_PROPERTY -> {
        vmAndFn();
        push(at);
        slot(u1);
        slot(depth);
        where(errorIp);
        support("getLocalProperty", "(" + VM_DESC + FN_DESC + "IIIII)V");
      }
      case GET_SUPER -> {
        vmAndFn();
        push(u1);
        slot(top - 1);
        where(errorIp);
        support("getSuper", "(" + VM_DESC + FN_DESC + "IIII)V");
      }
      case EQUAL -> operator("equal", top - 1, -1);
      case GREATER -> operator("greater", top - 1, errorIp);
      case LESS -> operator("less", top - 1, errorIp);
      case ADD -> operator("add", top - 1, errorIp);
      case SUBTRACT -> operator("subtract", top - 1, errorIp);
      case MULTIPLY -> operator("multiply", top - 1, errorIp);
      case DIVIDE -> operator("divide", top - 1, errorIp);
      case NOT -> operator("not", top, -1);
      case NEGATE -> operator("negate", top, errorIp);
      case PRINT -> operator("print", top, -1);
      case ADD_CONSTANT, SUBTRACT_CONSTANT -> {
        vm();
        mv.visitLdcInsn(fn.constNums[u1]);
        slot(top);
        where(errorIp);
        String name = op == OpCode.ADD_CONSTANT ? "addConstant" : "subtractConstant";
        support(name, "(" + VM_DESC + "DIII)V");
      }
      case JUMP -> mv.visitJumpInsn(GOTO, label(Instructions.jumpTarget(code, at)));
      case LOOP -> {
        vm();
        support("loop", "(" + VM_DESC + ")V");
        mv.visitJumpInsn(GOTO, label(Instructions.jumpTarget(code, at)));
      }
      case JUMP_IF_FALSE, JUMP_IF_FALSE_POP -> test("isFalsey", top, -1, IFNE, at);
      case JUMP_IF_TRUE_POP -> test("isFalsey", top, -1, IFEQ, at);
      case JUMP_IF_NOT_LESS -> test("isLess", top - 1, errorIp, IFEQ, at);
      case JUMP_IF_LESS -> test("isLess", top - 1, errorIp, IFNE, at);
      case JUMP_IF_NOT_GREATER -> test("isGreater", top - 1, errorIp, IFEQ, at);
      case JUMP_IF_GREATER -> test("isGreater", top - 1, errorIp, IFNE, at);
      case JUMP_IF_NOT_EQUAL -> test("isEqual", top - 1, -1, IFEQ, at);
      case JUMP_IF_EQUAL -> test("isEqual", top - 1, -1, IFNE, at);
      case CALL -> {
        int argCount = op.argCount(code, at);
        vm();
        slot(depth - argCount - 1);
        push(argCount);
        where(errorIp);
        support("call", "(" + VM_DESC + "IIII)" + CLOSURE_DESC);
        runCallee(depth - argCount - 1);
      }
      case INVOKE -> {
        int argCount = op.argCount(code, at);
        vmAndFn();
        push(at);
        slot(depth - argCount - 1);
        push(argCount);
        where(errorIp);
        support("invoke", "(" + VM_DESC + FN_DESC + "IIIII)" + CLOSURE_DESC);
        runCallee(depth - argCount - 1);
      }
      case SUPER_INVOKE -> {
        int argCount = op.argCount(code, at);
        vmAndFn();
        push(u1);
        slot(depth - argCount - 2);
        push(argCount);
        where(errorIp);
        support("superInvoke", "(" + VM_DESC + FN_DESC + "IIIII)V");
      }
      case CLOSURE -> {
        vm();
        mv.visitVarInsn(ALOAD, CLOSURE);
        mv.visitVarInsn(ALOAD, FN);
        push(at);
        mv.visitVarInsn(ILOAD, BASE);
        slot(depth);
        support("closure", "(" + VM_DESC + CLOSURE_DESC + FN_DESC + "III)V");
      }
      case CLOSE_UPVALUE -> operator("closeUpvalue", top, -1);
      case RETURN -> {
        vm();
        mv.visitVarInsn(ILOAD, BASE);
        slot(top);
        support("ret", "(" + VM_DESC + "II)V");
        mv.visitInsn(RETURN);
      }
      case CLASS -> {
        vmAndFn();
        push(u1);
        slot(depth);
        support("klass", "(" + VM_DESC + FN_DESC + "II)V");
      }
      case INHERIT -> operator("inherit", top - 1, errorIp);
      case METHOD -> {
        vmAndFn();
        push(u1);
        slot(top - 1);
        where(errorIp);
        support("method", "(" + VM_DESC + FN_DESC + "IIII)V");
      }
      default -> throw new IllegalArgumentException("no translation for OP_" + op);
    }
  }

  // ---- Pieces of instructions ----

  /**
   * The second half of a call, with what {@code call} or {@code invoke} returned on the stack: a
   * closure whose frame is pushed, to run here, or null when the call is done. Calling {@code
   * run} from this site gives it a type profile of its own, so HotSpot can bind (and inline)
   * the one function a site usually calls.
   */
  private void runCallee(int slot) {
    Label done = new Label();
    Label none = new Label();
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNULL, none);
    mv.visitVarInsn(ASTORE, CALLEE);
    mv.visitVarInsn(ALOAD, CALLEE);
    mv.visitFieldInsn(GETFIELD, "dev/lox/runtime/Closure", "function", FN_DESC);
    mv.visitFieldInsn(GETFIELD, "dev/lox/runtime/LoxFunction", "compiled", "L" + BASE_CLASS + ";");
    vm();
    mv.visitVarInsn(ALOAD, CALLEE);
    slot(slot);
    mv.visitVarInsn(ILOAD, FC);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IADD);
    mv.visitInsn(ICONST_0);
    mv.visitMethodInsn(INVOKEVIRTUAL, BASE_CLASS, "run", RUN_DESC, false);
    vm();
    support("returned", "(" + VM_DESC + ")V");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(none);
    mv.visitInsn(POP);
    mv.visitLabel(done);
  }

  private void vm() {
    mv.visitVarInsn(ALOAD, VM_LOCAL);
  }

  private void vmAndFn() {
    vm();
    mv.visitVarInsn(ALOAD, FN);
  }

  private void push(int value) {
    if (value >= -1 && value <= 5) {
      mv.visitInsn(ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, value);
    } else {
      mv.visitLdcInsn(value);
    }
  }

  /** Pushes the absolute index of the frame's stack slot {@code slot}. */
  private void slot(int slot) {
    mv.visitVarInsn(ILOAD, BASE);
    if (slot != 0) {
      push(slot);
      mv.visitInsn(IADD);
    }
  }

  /** Pushes the frame and the offset an error would be reported at. */
  private void where(int errorIp) {
    mv.visitVarInsn(ILOAD, FC);
    push(errorIp);
  }

  private void support(String name, String descriptor) {
    mv.visitMethodInsn(INVOKESTATIC, SUPPORT, name, descriptor, false);
  }

  private void value(int slot, String owner, String field, String descriptor) {
    vm();
    mv.visitFieldInsn(GETSTATIC, owner, field, descriptor);
    slot(slot);
    support("value", "(" + VM_DESC + "Ljava/lang/Object;I)V");
  }

  private void copy(int from, int to) {
    vm();
    slot(from);
    slot(to);
    support("copy", "(" + VM_DESC + "II)V");
  }

  private void global(String name, int index, int slot, int errorIp) {
    vmAndFn();
    push(index);
    slot(slot);
    where(errorIp);
    support(name, "(" + VM_DESC + FN_DESC + "IIII)V");
  }

  private void upvalue(String name, int index, int slot) {
    vm();
    mv.visitVarInsn(ALOAD, CLOSURE);
    push(index);
    slot(slot);
    support(name, "(" + VM_DESC + CLOSURE_DESC + "II)V");
  }

  private void property(String name, int at, int slot, int errorIp) {
    vmAndFn();
    push(at);
    slot(slot);
    where(errorIp);
    support(name, "(" + VM_DESC + FN_DESC + "IIII)V");
  }

  /** An operator on {@code slot} (and the slot above); {@code errorIp} -1 when it cannot fail. */
  private void operator(String name, int slot, int errorIp) {
    vm();
    slot(slot);
    if (errorIp < 0) {
      support(name, "(" + VM_DESC + "I)V");
    } else {
      where(errorIp);
      support(name, "(" + VM_DESC + "III)V");
    }
  }

  /** A conditional jump on a test of {@code slot}; {@code jumpIf} is IFNE or IFEQ. */
  private void test(String name, int slot, int errorIp, int jumpIf, int at) {
    vm();
    slot(slot);
    if (errorIp < 0) {
      support(name, "(" + VM_DESC + "I)Z");
    } else {
      where(errorIp);
      support(name, "(" + VM_DESC + "III)Z");
    }
    mv.visitJumpInsn(jumpIf, label(Instructions.jumpTarget(code, at)));
  }
}
