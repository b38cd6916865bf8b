package dev.lox.jit;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
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
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.V17;

import dev.lox.chunk.Instructions;
import dev.lox.chunk.OpCode;
import dev.lox.chunk.StackDepth;
import dev.lox.runtime.LoxFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;

/**
 * Translates one linked function's bytecode into a JVM class that does what the interpreter
 * would do, instruction by instruction, with the dispatch gone: every operand, stack slot and
 * jump target is a constant in the generated code. Values stay on the VM's stacks (the stack
 * depth before each instruction is known statically), so compiled and interpreted frames share
 * slots, upvalues and traces.
 *
 * <p>Each loop becomes a static method of its own that runs one round and returns where to go
 * next: the start of a round again, a place after the loop, or {@link #RETURNED}. Its caller
 * (the method of the enclosing code) calls it again for the next round. So the JVM sees a method
 * called once per round, which it compiles after a few thousand rounds, instead of a long loop
 * it would only replace on the stack after far more; and a running function can move into
 * compiled code at the top of any loop, since every loop start is an entry. Each instruction
 * becomes a call of a small static method of {@code dev.lox.vm.CompiledSupport} (which HotSpot
 * inlines) or a jump.
 *
 * <p>A function is not translated when any of its methods would exceed {@link
 * #METHOD_SIZE_LIMIT} bytes (HotSpot would never compile it) or its jumps do not nest as a
 * structured language's do; it stays interpreted.
 */
final class Translator {
  /** HotSpot's limit: it never compiles a method with more bytecode than this. */
  static final int METHOD_SIZE_LIMIT = 8000;
  /** What a method returns when the function has returned (its result in the frame's base). */
  static final int RETURNED = -1;

  private static final String SUPPORT = "dev/lox/vm/CompiledSupport";
  private static final String VM = "dev/lox/vm/VM";
  private static final String BASE_CLASS = "dev/lox/runtime/CompiledCode";
  private static final String VM_DESC = "Ldev/lox/vm/VM;";
  private static final String FN_DESC = "Ldev/lox/runtime/LoxFunction;";
  private static final String CLOSURE_DESC = "Ldev/lox/runtime/Closure;";
  private static final String RUN_DESC = "(Ljava/lang/Object;" + CLOSURE_DESC + "III)V";
  private static final String PART_DESC = "(" + VM_DESC + CLOSURE_DESC + "III)I";

  // The locals of every generated static method: its parameters, then what it keeps.
  private static final int VM_LOCAL = 0;
  private static final int CLOSURE = 1;
  private static final int BASE = 2;
  private static final int FC = 3;
  private static final int ENTRY = 4;
  private static final int FN = 5;
  private static final int CALLEE = 6;
  private static final int PC = 7;

  /** A translated class: its bytes and the size of its largest method's code. */
  record Output(byte[] bytes, int codeSize) {}

  /** Why a function cannot be translated; it is interpreted instead. */
  private static final class Untranslatable extends RuntimeException {
    Untranslatable(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * A stretch of code that gets a method of its own: the whole function, or a loop (with the
   * loops that overlap it merged in, so that the regions nest).
   */
  private static final class Region {
    final int start;
    /** Offset of the region's last instruction, a LOOP (for the function: its last byte). */
    final int end;
    final List<Region> children = new ArrayList<>();
    /** Loop starts whose back edges belong to this region directly. */
    final TreeSet<Integer> ownEntries = new TreeSet<>();
    /** Own entries and those of every region inside: where a call may start. */
    final TreeSet<Integer> allEntries = new TreeSet<>();
    /** Offsets outside the region that code inside it jumps to. */
    final TreeSet<Integer> exits = new TreeSet<>();

    Region(int start, int end) {
      this.start = start;
      this.end = end;
    }

    boolean contains(int offset) {
      return offset >= start && offset <= end;
    }

    String methodName() {
      return start == 0 && end == Integer.MAX_VALUE ? "function" : "loop" + start;
    }
  }

  /** The method being written: its region, labels and the exits written at its end. */
  private final class Method {
    final Region region;
    final Label[] labels = new Label[code.length];
    final List<Runnable> stubs = new ArrayList<>();
    final Set<Label> placed = Collections.newSetFromMap(new IdentityHashMap<>());

    Method(Region region) {
      this.region = region;
    }

    /** Whether this method's own code has {@code offset}: in its region, not inside a loop's. */
    boolean owns(int offset) {
      if (!region.contains(offset)) {
        return false;
      }
      for (Region child : region.children) {
        if (child.contains(offset)) {
          return offset == child.start;
        }
      }
      return true;
    }

    Label label(int offset) {
      Label label = labels[offset];
      if (label == null) {
        label = labels[offset] = new Label();
      }
      return label;
    }

    void place(Label label) {
      mv.visitLabel(label);
      placed.add(label);
    }
  }

  private final LoxFunction fn;
  private final byte[] code;
  private final StackDepth depths;
  private MethodVisitor mv;
  private Method method;
  private int largest;

  private Translator(LoxFunction fn) {
    this.fn = fn;
    this.code = fn.code;
    this.depths = StackDepth.analyze(code, fn.constRefs, fn.arity, fn.maxStack);
  }

  /**
   * The class for {@code fn}, named {@code className} (a binary name in the VM's package), or
   * null when the function is left to the interpreter.
   */
  static Output translate(LoxFunction fn, String className) {
    Translator translator = new Translator(fn);
    if (translator.depths.problem() != null) {
      throw new IllegalArgumentException("unverified code: " + translator.depths.problem());
    }
    try {
      return translator.emitClass(className);
    } catch (Untranslatable e) {
      return null;
    }
  }

  private Output emitClass(String className) {
    Region function = regions();
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        // Locals keep one type each and the operand stack holds no references at any jump, so
        // frames never merge two different classes; no class needs loading to compute them.
        return "java/lang/Object";
      }
    };
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null, BASE_CLASS, null);
    emitConstructor(cw);
    emitRun(cw, className);
    List<Label> ends = new ArrayList<>();
    emitRegion(cw, className, function, ends);
    cw.visitEnd();
    byte[] bytes;
    try {
      bytes = cw.toByteArray();
    } catch (MethodTooLargeException e) {
      return null;
    }
    for (Label end : ends) {
      largest = Math.max(largest, end.getOffset());
    }
    return largest > METHOD_SIZE_LIMIT ? null : new Output(bytes, largest);
  }

  private static void emitConstructor(ClassWriter cw) {
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, BASE_CLASS, "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
  }

  /** {@code run}: the entry point the VM calls, handing over to the function's method. */
  private static void emitRun(ClassWriter cw, String className) {
    MethodVisitor run = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", RUN_DESC, null, null);
    run.visitCode();
    run.visitVarInsn(ALOAD, 1);
    run.visitTypeInsn(CHECKCAST, VM);
    run.visitVarInsn(ALOAD, 2);
    run.visitVarInsn(ILOAD, 3);
    run.visitVarInsn(ILOAD, 4);
    run.visitVarInsn(ILOAD, 5);
    run.visitMethodInsn(INVOKESTATIC, className, "function", PART_DESC, false);
    run.visitInsn(POP);
    run.visitInsn(RETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
  }

  // ---- Regions ----

  /** The function's region, with its loops nested inside as regions of their own. */
  private Region regions() {
    List<int[]> loops = new ArrayList<>();
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (code[at] == OpCode.LOOP.code() && depths.depthAt(at) >= 0) {
        loops.add(new int[] {Instructions.jumpTarget(code, at), at});
      }
    }
    // Merge loops that overlap without one holding the other (a for loop's condition and
    // increment), until every two are nested or apart.
    boolean merged = true;
    while (merged) {
      merged = false;
      search:
      for (int i = 0; i < loops.size(); i++) {
        for (int j = i + 1; j < loops.size(); j++) {
          int[] a = loops.get(i);
          int[] b = loops.get(j);
          boolean overlap = a[0] <= b[1] && b[0] <= a[1];
          boolean nested = (a[0] <= b[0] && b[1] <= a[1]) || (b[0] <= a[0] && a[1] <= b[1]);
          boolean same = a[0] == b[0] && a[1] == b[1];
          if ((overlap && !nested) || same) {
            loops.set(i, new int[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            loops.remove(j);
            merged = true;
            break search;
          }
        }
      }
    }
    // Outermost first, then nest each inside the innermost region holding it.
    loops.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
    Region function = new Region(0, Integer.MAX_VALUE);
    List<Region> open = new ArrayList<>(List.of(function));
    List<Region> all = new ArrayList<>(List.of(function));
    for (int[] loop : loops) {
      Region region = new Region(loop[0], loop[1]);
      while (!open.get(open.size() - 1).contains(region.start)) {
        open.remove(open.size() - 1);
      }
      open.get(open.size() - 1).children.add(region);
      open.add(region);
      all.add(region);
    }
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (depths.depthAt(at) < 0 || !OpCode.of(code[at]).jumps()) {
        continue;
      }
      int target = Instructions.jumpTarget(code, at);
      Region innermost = innermost(function, at);
      if (code[at] == OpCode.LOOP.code()) {
        if (!innermost.contains(target) || innermost == function) {
          throw new Untranslatable("a loop that does not nest");
        }
        innermost.ownEntries.add(target);
      }
      for (Region region : all) {
        if (region.contains(at) && !region.contains(target)) {
          region.exits.add(target);
        }
      }
    }
    collectEntries(function);
    return function;
  }

  private static Region innermost(Region region, int offset) {
    for (Region child : region.children) {
      if (child.contains(offset)) {
        return innermost(child, offset);
      }
    }
    return region;
  }

  private static void collectEntries(Region region) {
    region.allEntries.addAll(region.ownEntries);
    for (Region child : region.children) {
      collectEntries(child);
      region.allEntries.addAll(child.allEntries);
    }
  }

  /** Writes the method of {@code region}, then those of the loops inside it. */
  private void emitRegion(ClassWriter cw, String className, Region region, List<Label> ends) {
    method = new Method(region);
    mv = cw.visitMethod(ACC_PRIVATE | ACC_STATIC, region.methodName(), PART_DESC, null, null);
    mv.visitCode();
    mv.visitVarInsn(ALOAD, CLOSURE);
    mv.visitFieldInsn(GETFIELD, "dev/lox/runtime/Closure", "function", FN_DESC);
    mv.visitVarInsn(ASTORE, FN);
    int first = region.start;
    emitEntries(first);
    int at = first;
    int last = Math.min(region.end, code.length - 1);
    while (at <= last) {
      Region child = childAt(region, at);
      if (child != null) {
        emitLoopCall(className, child);
        at = child.end + Instructions.length(code, child.end, fn.constRefs);
        continue;
      }
      if (depths.depthAt(at) >= 0) {
        if (method.labels[at] != null) {
          method.place(method.labels[at]);
        }
        emit(at, depths.depthAt(at));
      }
      at += Instructions.length(code, at, fn.constRefs);
    }
    for (Runnable stub : method.stubs) {
      stub.run();
    }
    for (int offset = 0; offset < code.length; offset++) {
      Label label = method.labels[offset];
      if (label != null && !method.placed.contains(label)) {
        throw new Untranslatable("a jump to " + offset + ", which this method does not hold");
      }
    }
    Label end = new Label();
    mv.visitLabel(end);
    ends.add(end);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    for (Region child : region.children) {
      emitRegion(cw, className, child, ends);
    }
  }

  private static Region childAt(Region region, int offset) {
    for (Region child : region.children) {
      if (child.start == offset) {
        return child;
      }
    }
    return null;
  }

  /**
   * The method's first instructions: go to where {@code entry} says. The region's start is the
   * default; an entry of a loop inside goes to the call of that loop, starting it there.
   */
  private void emitEntries(int first) {
    Region region = method.region;
    List<Integer> keys = new ArrayList<>();
    List<Label> targets = new ArrayList<>();
    for (int entry : region.allEntries) {
      if (entry == first) {
        continue;
      }
      keys.add(entry);
      if (region.ownEntries.contains(entry) && method.owns(entry)) {
        targets.add(method.label(entry));
      } else {
        Region child = innermostChild(region, entry);
        Label enter = new Label();
        targets.add(enter);
        method.stubs.add(() -> {
          method.place(enter);
          mv.visitVarInsn(ILOAD, ENTRY);
          mv.visitVarInsn(ISTORE, PC);
          mv.visitJumpInsn(GOTO, callLabel(child));
        });
      }
    }
    Label start = method.label(first);
    mv.visitVarInsn(ILOAD, ENTRY);
    mv.visitLookupSwitchInsn(start, keys.stream().mapToInt(Integer::intValue).toArray(),
        targets.toArray(new Label[0]));
  }

  private static Region innermostChild(Region region, int offset) {
    for (Region child : region.children) {
      if (child.contains(offset)) {
        return child;
      }
    }
    throw new IllegalStateException("no loop holds entry " + offset);
  }

  /** Where the call of a loop starts, with the round's start already in PC. */
  private final Map<Region, Label> callLabels = new IdentityHashMap<>();

  private Label callLabel(Region child) {
    return callLabels.computeIfAbsent(child, c -> new Label());
  }

  /**
   * Runs a loop: calls its method round after round until it returns a place outside it, then
   * goes there (or returns it to this method's caller, if it is outside this method too).
   */
  private void emitLoopCall(String className, Region child) {
    method.place(method.label(child.start));
    push(child.start);
    mv.visitVarInsn(ISTORE, PC);
    Label call = callLabel(child);
    method.place(call);
    mv.visitVarInsn(ALOAD, VM_LOCAL);
    mv.visitVarInsn(ALOAD, CLOSURE);
    mv.visitVarInsn(ILOAD, BASE);
    mv.visitVarInsn(ILOAD, FC);
    mv.visitVarInsn(ILOAD, PC);
    mv.visitMethodInsn(INVOKESTATIC, className, child.methodName(), PART_DESC, false);
    mv.visitVarInsn(ISTORE, PC);
    // Where to go for each place the loop's method may return (a switch wants them sorted).
    TreeMap<Integer, Label> next = new TreeMap<>();
    for (int entry : child.ownEntries) {
      next.put(entry, call);
    }
    Label returned = new Label();
    next.put(RETURNED, returned);
    for (int exit : child.exits) {
      if (method.owns(exit)) {
        next.put(exit, method.label(exit));
      } else if (method.region.contains(exit)) {
        throw new Untranslatable("a jump from one loop into the middle of another, to " + exit);
      }
    }
    Label passOn = new Label();
    mv.visitVarInsn(ILOAD, PC);
    mv.visitLookupSwitchInsn(passOn, next.keySet().stream().mapToInt(Integer::intValue).toArray(),
        next.values().toArray(new Label[0]));
    method.place(returned);
    push(RETURNED);
    mv.visitInsn(IRETURN);
    method.place(passOn);
    mv.visitVarInsn(ILOAD, PC);
    mv.visitInsn(IRETURN);
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
      case PRINT -> operator("print", top, errorIp);
      case ADD_CONSTANT, SUBTRACT_CONSTANT -> {
        vm();
        mv.visitLdcInsn(fn.constNums[u1]);
        slot(top);
        where(errorIp);
        String name = op == OpCode.ADD_CONSTANT ? "addConstant" : "subtractConstant";
        support(name, "(" + VM_DESC + "DIII)V");
      }
      case JUMP -> jump(GOTO, Instructions.jumpTarget(code, at));
      case LOOP -> {
        // The back edge of this method's loop: the caller calls again for the next round.
        vm();
        support("loop", "(" + VM_DESC + ")V");
        push(Instructions.jumpTarget(code, at));
        mv.visitInsn(IRETURN);
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
        push(RETURNED);
        mv.visitInsn(IRETURN);
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
    jump(jumpIf, Instructions.jumpTarget(code, at));
  }

  /**
   * A jump to {@code target}: within this method, to its label; out of it (past the end of the
   * loop this method runs), by returning the target for the caller to continue at.
   */
  private void jump(int opcode, int target) {
    if (method.owns(target)) {
      mv.visitJumpInsn(opcode, method.label(target));
    } else if (method.region.contains(target)) {
      throw new Untranslatable("a jump into the middle of a loop, to " + target);
    } else {
      Label out = new Label();
      mv.visitJumpInsn(opcode, out);
      method.stubs.add(() -> {
        method.place(out);
        push(target);
        mv.visitInsn(IRETURN);
      });
    }
  }
}
