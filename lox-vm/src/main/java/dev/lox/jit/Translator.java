package dev.lox.jit;

import static org.objectweb.asm.Opcodes.AALOAD;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.DALOAD;
import static org.objectweb.asm.Opcodes.DASTORE;
import static org.objectweb.asm.Opcodes.DCMPG;
import static org.objectweb.asm.Opcodes.DCMPL;
import static org.objectweb.asm.Opcodes.DCONST_0;
import static org.objectweb.asm.Opcodes.DDIV;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DNEG;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.DOUBLE;
import static org.objectweb.asm.Opcodes.DSUB;
import static org.objectweb.asm.Opcodes.IFGE;
import static org.objectweb.asm.Opcodes.IFGT;
import static org.objectweb.asm.Opcodes.IFLE;
import static org.objectweb.asm.Opcodes.IFLT;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PRIVATE;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_STATIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.BIPUSH;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETFIELD;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IADD;
import static org.objectweb.asm.Opcodes.IASTORE;
import static org.objectweb.asm.Opcodes.ICONST_2;
import static org.objectweb.asm.Opcodes.IF_ICMPLE;
import static org.objectweb.asm.Opcodes.ICONST_0;
import static org.objectweb.asm.Opcodes.ICONST_1;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INTEGER;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.PUTFIELD;
import static org.objectweb.asm.Opcodes.PUTSTATIC;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SIPUSH;
import static org.objectweb.asm.Opcodes.TOP;
import static org.objectweb.asm.Opcodes.V17;

import dev.lox.chunk.Instructions;
import dev.lox.chunk.OpCode;
import dev.lox.chunk.OpCode.Code;
import dev.lox.chunk.StackDepth;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.GlobalCell;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxInstance;
import dev.lox.runtime.LoxString;
import dev.lox.runtime.PropertyCache;
import dev.lox.runtime.Shape;
import dev.lox.vm.Tier;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.objectweb.asm.Type;

/**
 * Translates one linked function's bytecode into a JVM class that does what the interpreter
 * would do, instruction by instruction, with the dispatch gone: every operand, stack slot and
 * jump target is a constant in the generated code. A frame's values live in JVM locals (the
 * stack depth before each instruction is known statically) and go to the VM's stacks where the
 * VM's own code or another generated method needs them, so compiled and interpreted frames share
 * slots, upvalues and traces; a call with few arguments passes them as JVM parameters instead
 * (see {@link CompiledCode#call}).
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
  /** The superclass of a direct function's class, which has its {@code run}. */
  private static final String DIRECT_CLASS = "dev/lox/vm/DirectCode";
  private static final String VM_DESC = "Ldev/lox/vm/VM;";
  private static final String FN_DESC = "Ldev/lox/runtime/LoxFunction;";
  private static final String CLOSURE_DESC = "Ldev/lox/runtime/Closure;";
  private static final String COMPILED_DESC = "L" + BASE_CLASS + ";";
  private static final String RUN_DESC = "(Ljava/lang/Object;" + CLOSURE_DESC + "III)V";
  private static final String PART_DESC = "(" + VM_DESC + CLOSURE_DESC + "III)I";
  private static final String CLOSURE_CLASS = "dev/lox/runtime/Closure";

  private static final String FUNCTION = "dev/lox/runtime/LoxFunction";
  private static final String CELL = "dev/lox/runtime/GlobalCell";
  private static final String CELL_DESC = "L" + CELL + ";";
  private static final String INSTANCE = "dev/lox/runtime/LoxInstance";
  private static final String SHAPE = "dev/lox/runtime/Shape";
  private static final String SHAPE_DESC = "L" + SHAPE + ";";
  private static final String LOX_CLASS = "dev/lox/runtime/LoxClass";
  /** A value as operands: its reference and its number. */
  private static final String VALUE = "Ljava/lang/Object;D";

  // The locals of every generated method: the parameters of a static one (where the others move
  // theirs), what it keeps, then three per stack slot of the frame (a reference and a double; see
  // inLocals), then scratch locals (see the fields after slotsEnd). Those a stack map frame may
  // name come first, so that frames, which name every local up to the last one set, stay short:
  // writing them is much of a translation's cost while ASM's code is still cold.
  private static final int VM_LOCAL = 0;
  private static final int CLOSURE = 1;
  private static final int BASE = 2;
  private static final int FC = 3;
  private static final int ENTRY = 4;
  private static final int FN = 5;
  private static final int ROUNDS = 6;
  private static final int PC = 7;
  /** The local of slot 0's reference. */
  private static final int SLOTS = 8;
  /** The local of a direct call's first parameter value (see directEntry). */
  private static final int FIRST_PARAMETER = 6;
  /** How many rounds a loop's method runs before it returns to be called again (see backEdge). */
  private static final int ROUNDS_PER_CALL = 16;

  /**
   * What a translation of a function depends on, besides the names in it: its code and shape,
   * what the code embeds (numbers, the cells of the globals it names) and where it first runs.
   * Functions with equal keys can share one translated class (a class's getters, say), since the
   * generated code reads all else (strings, nested functions, its caches) through the closure it
   * runs. Whether a global is defined yet is not part of it: once it is, it stays so, and code
   * that checks it anyway is only slower.
   */
  static final class Key {
    private final byte[] code;
    private final int arity;
    private final int maxStack;
    private final boolean script;
    private final int entry;
    /** Per constant: a number's bits, or what kind of object it is (see {@link #keyOf}). */
    private final long[] constants;
    private final GlobalCell[] cells;
    /**
     * Per offset, the cache entry the code there embeds (see embeddedEntries): equal ones, as
     * shape, slot, method and next shape.
     */
    private final PropertyCache[] embedded;
    private final int hash;

    private Key(LoxFunction fn, int entry) {
      this.code = fn.code;
      this.arity = fn.arity;
      this.maxStack = fn.maxStack;
      this.script = fn.name == null;
      this.entry = script ? entry : 0;
      this.constants = new long[fn.constRefs.length];
      for (int i = 0; i < constants.length; i++) {
        Object ref = fn.constRefs[i];
        // The shape of a nested function matters (how long a CLOSURE instruction is).
        constants[i] = ref == null ? Double.doubleToRawLongBits(fn.constNums[i])
            : ref instanceof LoxFunction nested ? -1L - nested.upvalueCount
            : Long.MIN_VALUE;
      }
      this.cells = fn.globals.clone();
      this.embedded = embeddedEntries(fn);
      this.hash = Arrays.hashCode(code) * 31 + Arrays.hashCode(constants) + arity + 7 * entry;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key key) || key.hash != hash) {
        return false;
      }
      if (key.arity != arity || key.maxStack != maxStack || key.script != script
          || key.entry != entry || !Arrays.equals(key.code, code)
          || !Arrays.equals(key.constants, constants) || key.cells.length != cells.length) {
        return false;
      }
      for (int i = 0; i < cells.length; i++) {
        if (key.cells[i] != cells[i]) {
          return false;
        }
      }
      for (int at = 0; at < embedded.length; at++) {
        PropertyCache mine = embedded[at];
        PropertyCache theirs = key.embedded[at];
        if (mine != theirs && (mine == null || theirs == null || mine.shape != theirs.shape
            || mine.method != theirs.method || mine.slot != theirs.slot
            || mine.next != theirs.next)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The key of translating {@code fn} to run first from {@code entry}. */
  static Key keyOf(LoxFunction fn, int entry) {
    return new Key(fn, entry);
  }

  /** A translated class: its bytes and the size of its largest method's code. */
  record Output(byte[] bytes, int codeSize, List<Object> classData) {}

  /** Why a function cannot be translated; it is interpreted instead. */
  private static final class Untranslatable extends RuntimeException {
    Untranslatable(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * A stretch of code that gets a method of its own: the whole function, a loop (with the loops
   * that overlap it merged in, so that the regions nest), or a piece of a long function or loop
   * body (see {@link #split}).
   */
  private static final class Region {
    final int start;
    /**
     * Offset of the region's last instruction: for a loop, a LOOP; for the function, its last
     * byte; for a piece, whatever instruction ends it, after which it may fall through.
     */
    final int end;
    final boolean piece;
    final List<Region> children = new ArrayList<>();
    /** Loop starts whose back edges belong to this region directly. */
    final TreeSet<Integer> ownEntries = new TreeSet<>();
    /** Own entries and those of every region inside: where a call may start. */
    final TreeSet<Integer> allEntries = new TreeSet<>();
    /** Offsets outside the region that code inside it jumps to. */
    final TreeSet<Integer> exits = new TreeSet<>();

    Region(int start, int end, boolean piece) {
      this.start = start;
      this.end = end;
      this.piece = piece;
    }

    boolean contains(int offset) {
      return offset >= start && offset <= end;
    }

    String methodName() {
      if (piece) {
        return "piece" + start;
      }
      return end == Integer.MAX_VALUE ? "run" : "loop" + start;
    }
  }

  /** The method being written: its region, labels and the exits written at its end. */
  private final class Method {
    final Region region;
    final Label[] labels = new Label[code.length];
    final List<Runnable> stubs = new ArrayList<>();
    final Set<Label> placed = Collections.newSetFromMap(new IdentityHashMap<>());
    private Label returned;
    private Label passOn;
    /** Whether roomLocal is set, at the start (before any frame). */
    boolean roomChecked;
    /** The locals of the frames written so far, by what they depend on (see locals). */
    final Object[][] frameLocals = new Object[(fn.maxStack + 2) * 4][];

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

    /** Where the calls of this method's loops go once the function has returned: one stub. */
    Label returnedStub() {
      if (returned == null) {
        Label stub = returned = new Label();
        stubs.add(() -> {
          place(stub);
          entryFrame(true);
          returned();
        });
      }
      return returned;
    }

    /** Where they go to leave this method for a place outside it, in PC: one stub. */
    Label passOnStub() {
      if (passOn == null) {
        Label stub = passOn = new Label();
        stubs.add(() -> {
          place(stub);
          entryFrame(true);
          mv.visitVarInsn(ILOAD, PC);
          mv.visitInsn(IRETURN);
        });
      }
      return passOn;
    }
  }

  private final LoxFunction fn;
  /** Where the compiled code first runs: 0 for a call, or the start of a loop (see regions). */
  private final int firstEntry;
  /**
   * Where the translated code ends: the end of the code, except for a script translated for one
   * of its loops (see {@link #translatedRange}), which leaves the rest to the interpreter.
   */
  private int translatedEnd;
  private final byte[] code;
  private final StackDepth depths;
  /** See {@link #next}. */
  private final int[] nextOffsets;
  /** The slots a closure captures, which live on the VM's stacks rather than in locals. */
  private final boolean[] captured;
  private final boolean capturesAny;
  private String className;
  /**
   * The objects the code holds as constants, static final fields set from the class's data, in
   * field order: the cells of the globals it names (see loadCell), the shapes inlined calls check
   * (see inlineCall). Their types are in {@link #constantTypes}.
   */
  private final List<Object> cells = new ArrayList<>();
  private final List<String> constantTypes = new ArrayList<>();
  private final Map<Object, Integer> cellIndex = new IdentityHashMap<>();
  private MethodVisitor mv;
  /** {@link #mv}, as the keeper of its frames. */
  private FrameKeeper frames;
  private Method method;
  /** The stack depth before the instruction being emitted. */
  private int currentDepth;
  private int largest;
  /** The function's own region, whose code is {@code run}'s. */
  private Region functionRegion;
  /** What a running call counts against the VM's depth limit: 0 for a function without calls. */
  private int depthCost;
  /**
   * Whether the function's own code is its {@code call} (see {@link CompiledCode#call}), which
   * compiled callers call with the values of its parameters, rather than its {@code run}.
   */
  private final boolean direct;
  // Locals past the slots': the callee a call site runs, whether there is room for calls of
  // known callees; then scratch ones: a value being stored to the VM's stacks (a reference, a
  // double), the VM's stack arrays (see hoistStacks).
  private final int calleeLocal;
  /**
   * Whether this method's calls of known callees (see callTops) have room for the frames they
   * push (see roomForKnownCalls): found once, at its start, for all of them.
   */
  private final int roomLocal;
  private final int tempLocal;
  private final int tempNumLocal;
  private final int stackRefsLocal;
  private final int stackNumsLocal;
  /** Where an inlined call keeps its receiver, then the values its code makes (see inlineCall). */
  private final int inlineLocal;
  /**
   * Per offset, the cache entry the code there embeds (see embeddedEntries): for a call whose
   * callee's code the site runs in place, or a property get or set with a path of its own.
   */
  private final PropertyCache[] embedded;
  /**
   * Per offset, for a call whose callee the code knows (one that runs in place, or a method it
   * calls directly): how far up the VM's stacks (from the frame's base) the callee's frame
   * reaches; -1 for any other instruction.
   */
  private final int[] callTops;
  /** Per offset, whether the call there runs in place. */
  private final boolean[] inPlace;

  private Translator(LoxFunction fn, int firstEntry, PropertyCache[] embedded) {
    this.fn = fn;
    this.firstEntry = firstEntry;
    this.code = fn.code;
    this.translatedEnd = code.length;
    this.depths = StackDepth.analyze(code, fn.constRefs, fn.arity, fn.maxStack);
    this.nextOffsets = nextOffsets(fn);
    this.captured = capturedSlots();
    this.capturesAny = anyTrue(captured);
    this.direct = fn.arity <= CompiledCode.DIRECT_ARGS;
    int slotsEnd = SLOTS + 3 * (fn.maxStack + 1);
    this.calleeLocal = slotsEnd;
    this.roomLocal = slotsEnd + 1;
    this.tempLocal = slotsEnd + 2;
    this.tempNumLocal = slotsEnd + 3;
    this.stackRefsLocal = slotsEnd + 5;
    this.stackNumsLocal = slotsEnd + 6;
    this.inlineLocal = slotsEnd + 7;
    this.embedded = embedded;
    this.inPlace = new boolean[code.length];
    this.callTops = callTops();
  }

  /**
   * Where the instruction after each one starts, found once: the translator walks the code many
   * times, mostly while its own code is still cold in the JVM's interpreter.
   */
  private static int[] nextOffsets(LoxFunction fn) {
    byte[] code = fn.code;
    int[] next = new int[code.length];
    for (int at = 0; at < code.length; at = next[at]) {
      int length = Instructions.length(code, at, fn.constRefs);
      if (length <= 0) {
        throw new IllegalArgumentException("unverified code: no instruction at " + at);
      }
      next[at] = at + length;
    }
    return next;
  }

  /** The offset of the instruction after the one at {@code at}. */
  private int next(int at) {
    return nextOffsets[at];
  }

  private static boolean anyTrue(boolean[] flags) {
    for (boolean flag : flags) {
      if (flag) {
        return true;
      }
    }
    return false;
  }

  /** Every slot that a CLOSURE instruction captures or a CLOSE_UPVALUE closes, anywhere. */
  private boolean[] capturedSlots() {
    boolean[] slots = new boolean[Math.max(256, fn.maxStack + 1)];
    for (int at = 0; at < code.length; at = next(at)) {
      if (code[at] == Code.CLOSURE) {
        int end = next(at);
        for (int pair = at + 2; pair + 1 < end; pair += 2) {
          if (code[pair] != 0) {
            slots[code[pair + 1] & 0xff] = true;
          }
        }
      } else if (code[at] == Code.CLOSE_UPVALUE && depths.depthAt(at) > 0) {
        slots[depths.depthAt(at) - 1] = true;
      }
    }
    return slots;
  }

  /**
   * The class for {@code fn}, named {@code className} (a binary name in the VM's package), or
   * null when the function is left to the interpreter. The cells of the globals it names must be
   * in {@code fn.globals}, as the VM puts them before it has a function compiled.
   */
  static Output translate(LoxFunction fn, String className) {
    return translate(fn, className, 0);
  }

  /**
   * As {@link #translate(LoxFunction, String)}, for code that first runs from {@code entry}: 0
   * for a call, or the start of a loop where a running function moves into compiled code.
   */
  static Output translate(LoxFunction fn, String className, int entry) {
    return translate(fn, className, entry, embeddedEntries(fn));
  }

  /**
   * As {@link #translate(LoxFunction, String, int)}, with the cache entries to embed already
   * found: those of the function's {@link Key}, so that the class is the one the key names.
   */
  static Output translate(LoxFunction fn, String className, int entry, Key key) {
    return translate(fn, className, entry, key.embedded);
  }

  private static Output translate(
      LoxFunction fn, String className, int entry, PropertyCache[] embedded) {
    Translator translator = new Translator(fn, entry, embedded);
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
    this.className = className;
    Region function = regions();
    functionRegion = function;
    depthCost = makesCalls() ? Tier.compiledCost(fn) : 0;
    // The frames are the translator's own (see frameAt): ASM only sizes the stack and locals.
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, className, null,
        direct ? DIRECT_CLASS : BASE_CLASS, null);
    emitConstructor(cw);
    List<Label> ends = new ArrayList<>();
    emitRegion(cw, className, function, ends);
    emitConstantFields(cw, className);
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
    return largest > METHOD_SIZE_LIMIT ? null : new Output(bytes, largest, List.copyOf(cells));
  }

  private void emitConstructor(ClassWriter cw) {
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    if (direct) {
      init.visitInsn(ICONST_0 + fn.arity);
      init.visitMethodInsn(INVOKESPECIAL, DIRECT_CLASS, "<init>", "(I)V", false);
    } else {
      init.visitMethodInsn(INVOKESPECIAL, BASE_CLASS, "<init>", "()V", false);
    }
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
  }

  /**
   * The start of the method that holds the function's own code, {@code call} (or {@code run},
   * for a function of more parameters than a direct call takes): moves the parameters to where
   * every generated method has them (the VM in place of {@code this}), and counts the call
   * against the VM's limit on nested compiled calls while it runs (see {@link
   * Tier#compiledCost}; a function that makes no calls is not counted). One method, rather than
   * it calling a static one, halves what HotSpot compiles for a small function, and a program's
   * functions are mostly small.
   */
  private void runPrologue() {
    mv.visitVarInsn(ALOAD, 1);
    mv.visitTypeInsn(CHECKCAST, VM);
    mv.visitVarInsn(ASTORE, VM_LOCAL);
    mv.visitVarInsn(ALOAD, 2);
    mv.visitVarInsn(ASTORE, CLOSURE);
    mv.visitVarInsn(ILOAD, 3);
    mv.visitVarInsn(ISTORE, BASE);
    mv.visitVarInsn(ILOAD, 4);
    mv.visitVarInsn(ISTORE, FC);
    mv.visitVarInsn(ILOAD, 5);
    mv.visitVarInsn(ISTORE, ENTRY);
    addToDepth(depthCost);
  }

  /**
   * The start of a direct call, {@code entry} 0 (see {@link CompiledCode#call}): the parameters'
   * values go where the code keeps the frame's first slots, then on to the first instruction.
   * Any other entry (through {@code run}) finds them on the VM's stacks, as every method does.
   */
  private void directEntry() {
    Label fromStacks = new Label();
    mv.visitVarInsn(ILOAD, ENTRY);
    mv.visitJumpInsn(IFNE, fromStacks);
    // A script translated from a loop on has no code for its start: its values go to the VM's
    // stacks, for its entries' switch to send entry 0 to the interpreter.
    boolean partial = functionRegion.start > 0;
    for (int slot = 0; slot <= fn.arity; slot++) {
      if (partial || !inLocals(slot)) {
        int ref = FIRST_PARAMETER + 3 * slot;
        arrayElement("refs", "[Ljava/lang/Object;", slot);
        mv.visitVarInsn(ALOAD, ref);
        mv.visitInsn(AASTORE);
        arrayElement("nums", "[D", slot);
        mv.visitVarInsn(DLOAD, ref + 1);
        mv.visitInsn(DASTORE);
      }
    }
    if (!partial) {
      // The slots' locals overlap the parameters': all of them onto the operand stack first.
      for (int slot = 0; slot <= fn.arity; slot++) {
        if (inLocals(slot)) {
          mv.visitVarInsn(ALOAD, FIRST_PARAMETER + 3 * slot);
          mv.visitVarInsn(DLOAD, FIRST_PARAMETER + 3 * slot + 1);
        }
      }
      for (int slot = fn.arity; slot >= 0; slot--) {
        if (inLocals(slot)) {
          mv.visitVarInsn(DSTORE, numLocal(slot));
          mv.visitVarInsn(ASTORE, refLocal(slot));
        }
      }
      mv.visitJumpInsn(GOTO, method.label(0));
    }
    mv.visitLabel(fromStacks);
    entryFrame(false);
  }

  /** The descriptor of the direct call with {@code argCount} arguments. */
  private static String callDescriptor(int argCount) {
    return "(Ljava/lang/Object;" + CLOSURE_DESC + "III" + VALUE.repeat(argCount + 1)
        + ")Ljava/lang/Object;";
  }

  /**
   * Leaves the method once the function has returned (its result in the frame's base): the
   * function's own method takes its count off the VM's depth (and a direct call returns the
   * result), the methods of loops and pieces tell their caller.
   */
  private void returned() {
    if (method.region != functionRegion) {
      push(RETURNED);
      mv.visitInsn(IRETURN);
      return;
    }
    addToDepth(-depthCost);
    if (!direct) {
      mv.visitInsn(RETURN);
      return;
    }
    vm();
    arrayElement("nums", "[D", 0);
    mv.visitInsn(DALOAD);
    mv.visitFieldInsn(PUTFIELD, VM, "resultNum", "D");
    arrayElement("refs", "[Ljava/lang/Object;", 0);
    mv.visitInsn(AALOAD);
    mv.visitInsn(ARETURN);
  }

  /**
   * RETURN from a direct call's own code: closes the frame's upvalues (none can be open unless
   * the function captures a slot of its own), and returns the value in {@code slot}.
   */
  private void returnDirectly(int slot) {
    if (capturesAny) {
      vm();
      mv.visitVarInsn(ILOAD, BASE);
      support("closeUpvalue", "(" + VM_DESC + "I)V");
    }
    vm();
    loadNum(slot);
    mv.visitFieldInsn(PUTFIELD, VM, "resultNum", "D");
    addToDepth(-depthCost);
    loadRef(slot);
    mv.visitInsn(ARETURN);
  }

  /** {@code vm.compiledDepth += amount}. */
  private void addToDepth(int amount) {
    if (amount == 0) {
      return;
    }
    mv.visitVarInsn(ALOAD, VM_LOCAL);
    mv.visitInsn(DUP);
    mv.visitFieldInsn(GETFIELD, VM, "compiledDepth", "I");
    push(amount);
    mv.visitInsn(IADD);
    mv.visitFieldInsn(PUTFIELD, VM, "compiledDepth", "I");
  }

  /** Whether the function calls anything: a Lox function, a method, a class or a native. */
  private boolean makesCalls() {
    for (int at = 0; at < code.length; at = next(at)) {
      if (isCall(code[at])) {
        return true;
      }
    }
    return false;
  }

  // ---- Regions ----

  /** The function's region, with its loops nested inside as regions of their own. */
  private Region regions() {
    List<int[]> loops = new ArrayList<>();
    for (int at = 0; at < code.length; at = next(at)) {
      if (code[at] == Code.LOOP && depths.depthAt(at) >= 0) {
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
    int[] range = translatedRange(loops);
    int start = range[0];
    int end = range[1];
    translatedEnd = end;
    loops.removeIf(loop -> loop[0] < start || loop[0] >= end);
    Region function = new Region(start, Integer.MAX_VALUE, false);
    List<Region> open = new ArrayList<>(List.of(function));
    for (int[] loop : loops) {
      Region region = new Region(loop[0], loop[1], false);
      while (!open.get(open.size() - 1).contains(region.start)) {
        open.remove(open.size() - 1);
      }
      open.get(open.size() - 1).children.add(region);
      open.add(region);
    }
    List<int[]> jumps = new ArrayList<>();
    for (int at = start; at < end; at = next(at)) {
      if (depths.depthAt(at) < 0 || !OpCode.of(code[at]).jumps()) {
        continue;
      }
      int target = Instructions.jumpTarget(code, at);
      jumps.add(new int[] {at, target});
      if (code[at] == Code.LOOP) {
        Region innermost = innermost(function, at);
        if (!innermost.contains(target) || innermost == function) {
          throw new Untranslatable("a loop that does not nest");
        }
        innermost.ownEntries.add(target);
      }
    }
    split(function, jumps);
    List<Region> all = new ArrayList<>();
    collect(function, all);
    for (int[] jump : jumps) {
      for (Region region : all) {
        if (region.contains(jump[0]) && !region.contains(jump[1])) {
          region.exits.add(jump[1]);
        }
      }
    }
    for (Region region : all) {
      int next = fallsThroughTo(region);
      if (next >= 0) {
        region.exits.add(next);
      }
    }
    collectEntries(function);
    return function;
  }

  /**
   * Where the function's translated code starts and ends: all of it, except for a script moved
   * into compiled code at a loop, whose code is only the outermost of the (merged, sorted) {@code
   * loops} around that entry. A script runs once and never goes back before that loop, so the
   * code there would be translated for nothing; the code after it goes back to the interpreter
   * (see restStub), and its next hot loop is translated then, with what the caches of that loop
   * have seen by then. The script is the longest function of most programs, and among the first
   * translated, while the translator's own code is still cold.
   */
  private int[] translatedRange(List<int[]> loops) {
    if (fn.name == null && firstEntry != 0) {
      for (int[] loop : loops) {
        if (loop[0] <= firstEntry && firstEntry <= loop[1]) {
          return new int[] {loop[0], next(loop[1])};
        }
      }
    }
    return new int[] {0, code.length};
  }

  private static void collect(Region region, List<Region> all) {
    all.add(region);
    for (Region child : region.children) {
      collect(child, all);
    }
  }

  /** Where a piece goes when its last instruction falls through; -1 if it never does. */
  private int fallsThroughTo(Region region) {
    if (!region.piece) {
      return -1;
    }
    OpCode last = OpCode.of(code[region.end]);
    int after = next(region.end);
    boolean ends = last == OpCode.RETURN || last == OpCode.JUMP || last == OpCode.LOOP;
    return ends || after >= code.length || depths.depthAt(after) < 0 ? -1 : after;
  }

  // How much one method may hold before the rest of its region goes into pieces: calls, each of
  // which HotSpot inlines with the callee's code (and stops inlining past a budget), and bytes.
  // Fewer, larger pieces once calls of known callees became short (12 calls against 8:
  // method_call 0.070 s -> 0.067 s, invocation and properties a little faster; medians of 21).
  private static final int PIECE_CALLS = 12;
  private static final int PIECE_BYTES = 2400;
  /** A piece without calls and smaller than this is not worth a method. */
  private static final int PIECE_MIN_BYTES = 200;
  // Rough sizes of the JVM code written: per byte of Lox code, more for a call, a loop's call.
  private static final int BYTES_PER_CODE_BYTE = 12;
  private static final int BYTES_PER_CALL = 90;
  private static final int BYTES_PER_LOOP = 64;

  /** A step of a region's own code, as {@link #split} sees it: an instruction, or a whole loop. */
  private record Unit(int start, int next, int calls, int bytes) {}

  /**
   * Cuts the code of a long region (the loops inside it aside) into pieces with methods of their
   * own, each with at most {@link #PIECE_CALLS} calls and about {@link #PIECE_BYTES} bytes of
   * JVM code, so that HotSpot compiles (and inlines into) each one, and a long function or
   * script body stays under the JVM's limits. A piece starts and ends only where no jump crosses
   * into its middle; its values pass through the VM's stacks, as for a loop.
   */
  private void split(Region region, List<int[]> jumps) {
    for (Region child : List.copyOf(region.children)) {
      split(child, jumps);
    }
    // The units of the region's own code: instructions, and loops as wholes. A loop keeps its
    // start and its closing LOOP to itself.
    int first = region.start;
    int stop = region.end == Integer.MAX_VALUE ? translatedEnd : region.end;
    List<Unit> units = new ArrayList<>();
    int calls = 0;
    int bytes = 0;
    for (int at = first; at < stop; ) {
      Region child = childAt(region, at);
      int next = child != null
          ? next(child.end)
          : next(at);
      int unitCalls = child != null || isCall(code[at]) ? 1 : 0;
      int unitBytes = child != null
          ? BYTES_PER_LOOP
          : BYTES_PER_CODE_BYTE * (next - at) + BYTES_PER_CALL * unitCalls;
      units.add(new Unit(at, next, unitCalls, unitBytes));
      calls += unitCalls;
      bytes += unitBytes;
      at = next;
    }
    if (calls <= PIECE_CALLS && bytes <= PIECE_BYTES) {
      return;
    }
    List<Region> pieces = new ArrayList<>();
    int pieceStart = -1;
    int lastEnd = -1;
    calls = 0;
    bytes = 0;
    for (int i = 0; i < units.size(); i++) {
      Unit unit = units.get(i);
      if (staysInRegion(region, unit.start())) {
        // Ends the piece before it, where that is a place to cut; else the piece is not made.
        if (pieceStart >= 0 && canCut(region, unit.start(), jumps) && worthAMethod(calls, bytes)) {
          pieces.add(new Region(pieceStart, lastEnd, true));
        }
        pieceStart = -1;
        continue;
      }
      if (pieceStart < 0) {
        if (unit.start() == region.start || !canCut(region, unit.start(), jumps)) {
          continue;
        }
        pieceStart = unit.start();
        calls = 0;
        bytes = 0;
      }
      calls += unit.calls();
      bytes += unit.bytes();
      lastEnd = lastInstruction(unit);
      boolean last = i + 1 == units.size();
      Unit following = last ? null : units.get(i + 1);
      boolean full = following != null
          && (calls + following.calls() > PIECE_CALLS || bytes + following.bytes() > PIECE_BYTES);
      if ((full || last) && canCut(region, unit.next(), jumps)) {
        if (worthAMethod(calls, bytes)) {
          pieces.add(new Region(pieceStart, lastEnd, true));
        }
        pieceStart = -1;
      }
    }
    for (Region piece : pieces) {
      for (Region child : List.copyOf(region.children)) {
        if (piece.contains(child.start)) {
          region.children.remove(child);
          piece.children.add(child);
        }
      }
    }
    region.children.addAll(pieces);
    sortByStart(region.children);
  }

  /**
   * Sorts regions by where they start: an insertion sort, for a few regions, and in place of a
   * lambda, whose class the class-data archive lacks unless its training program split a loop
   * (spun at run time, it cost a first translation about a millisecond).
   */
  private static void sortByStart(List<Region> regions) {
    for (int i = 1; i < regions.size(); i++) {
      Region region = regions.get(i);
      int j = i;
      for (; j > 0 && regions.get(j - 1).start > region.start; j--) {
        regions.set(j, regions.get(j - 1));
      }
      regions.set(j, region);
    }
  }

  /**
   * Whether the instruction at {@code offset} belongs to the region's own method: a place its
   * loops go back to (so that their back edges stay jumps within the method), or such a back edge.
   */
  private boolean staysInRegion(Region region, int offset) {
    return region.ownEntries.contains(offset)
        || (code[offset] == Code.LOOP && childAt(region, offset) == null);
  }

  private static boolean worthAMethod(int calls, int bytes) {
    return calls > 0 || bytes > PIECE_MIN_BYTES;
  }

  private int lastInstruction(Unit unit) {
    int last = unit.start();
    for (int at = unit.start(); at < unit.next(); ) {
      last = at;
      at = next(at);
    }
    return last;
  }

  private static boolean isCall(byte op) {
    return op == Code.CALL || op == Code.INVOKE || op == Code.SUPER_INVOKE;
  }

  /**
   * Whether a piece of {@code region} may start (or end just before) {@code offset}: a place the
   * code reaches with a known stack, and no jump inside the region lands in the middle of a
   * piece from outside it. The region's own loops back are the exception: where they go back to
   * is never in a piece (see {@link #staysInRegion}).
   */
  private boolean canCut(Region region, int offset, List<int[]> jumps) {
    if (offset >= translatedEnd) {
      return true;
    }
    if (depths.depthAt(offset) < 0) {
      return false;
    }
    for (int[] jump : jumps) {
      int from = jump[0];
      int to = jump[1];
      if (!region.contains(to) || to == offset) {
        continue;
      }
      boolean forwardOver = from < offset && offset < to;
      boolean backOver =
          to < offset && offset <= from && to != region.start && !region.ownEntries.contains(to);
      if (forwardOver || backOver) {
        return false;
      }
    }
    return true;
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
    frames = new FrameKeeper(region != functionRegion
        ? cw.visitMethod(ACC_PRIVATE | ACC_STATIC, region.methodName(), PART_DESC, null, null)
        : direct
        ? cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "call", callDescriptor(fn.arity), null, null)
        : cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", RUN_DESC, null, null));
    mv = frames;
    mv.visitCode();
    if (region == functionRegion) {
      runPrologue();
    }
    mv.visitVarInsn(ALOAD, CLOSURE);
    mv.visitFieldInsn(GETFIELD, CLOSURE_CLASS, "function", FN_DESC);
    mv.visitVarInsn(ASTORE, FN);
    int callTop = callTop(region);
    method.roomChecked = callTop >= 0;
    if (method.roomChecked) {
      // The stacks only grow, and the frame count and compiled depth stay, while this method
      // runs, so the room its calls of known callees need is there for all of them, or not.
      vm();
      slot(callTop);
      mv.visitVarInsn(ILOAD, FC);
      support("roomForKnownCalls", "(" + VM_DESC + "II)I");
      mv.visitVarInsn(ISTORE, roomLocal);
    }
    if (region == functionRegion && direct) {
      directEntry();
    }
    if (!region.ownEntries.isEmpty()) {
      // A loop's method: its back edges count rounds (see backEdge).
      mv.visitInsn(ICONST_0);
      mv.visitVarInsn(ISTORE, ROUNDS);
    }
    int first = region.start;
    emitEntries(first);
    int at = first;
    int last = Math.min(region.end, translatedEnd - 1);
    while (at <= last) {
      Region child = childAt(region, at);
      if (child != null) {
        emitLoopCall(className, child);
        at = next(child.end);
        continue;
      }
      if (depths.depthAt(at) >= 0) {
        if (method.labels[at] != null) {
          method.place(method.labels[at]);
          frameAt(depths.depthAt(at));
          if (region.ownEntries.contains(at)) {
            countRound(at);
          }
        } else if (frames.afterUnconditional()) {
          // Reached by no jump of this method: code the verifier checks all the same.
          frameAt(depths.depthAt(at));
        }
        emit(at, depths.depthAt(at));
      }
      at = next(at);
    }
    int next = fallsThroughTo(region);
    if (next >= 0) {
      storeAll(depths.depthAt(next));
      push(next);
      mv.visitInsn(IRETURN);
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
    // Asked at every instruction of a region: no iterator.
    List<Region> children = region.children;
    for (int i = 0; i < children.size(); i++) {
      Region child = children.get(i);
      if (child.start == offset) {
        return child;
      }
    }
    return null;
  }

  /**
   * The method's first instructions: go to where {@code entry} says, having loaded the values
   * that live in locals from the VM's stacks. The region's start is the default; an entry of a
   * loop inside goes straight to the call of that loop, which finds its values still there.
   */
  private void emitEntries(int first) {
    Region region = method.region;
    TreeMap<Integer, Label> targets = new TreeMap<>();
    boolean partial = region == functionRegion && first > 0;
    Label start = partial ? interpretingStub() : loadingStub(first);
    for (int entry : region.allEntries) {
      if (entry == first && !partial) {
        continue;
      }
      if (region.ownEntries.contains(entry) && method.owns(entry)) {
        targets.put(entry, loadingStub(entry));
      } else {
        Region child = innermostChild(region, entry);
        Label enter = new Label();
        targets.put(entry, enter);
        method.stubs.add(() -> {
          method.place(enter);
          entryFrame(false);
          mv.visitVarInsn(ILOAD, ENTRY);
          mv.visitVarInsn(ISTORE, PC);
          mv.visitJumpInsn(GOTO, callLabel(child));
        });
      }
    }
    mv.visitVarInsn(ILOAD, ENTRY);
    lookupSwitch(start, targets);
  }

  /**
   * For a script translated for one of its loops (see {@link #translatedRange}), called from its
   * start after all (which only a hand-made chunk can do, by calling the closure in its slot
   * zero): a stub that interprets the call instead, its values on the VM's stacks.
   */
  private Label interpretingStub() {
    Label stub = new Label();
    method.stubs.add(() -> {
      method.place(stub);
      entryFrame(false);
      vm();
      mv.visitVarInsn(ILOAD, BASE);
      mv.visitVarInsn(ILOAD, FC);
      support("interpretFrame", "(" + VM_DESC + "II)V");
      returned();
    });
    return stub;
  }

  /**
   * For a script translated for one of its loops (see {@link #translatedRange}): where that loop
   * goes on to {@code exit}, past the translated code, a stub that leaves the rest of the script
   * to the interpreter, with the values on the VM's stacks.
   */
  private Label restStub(int exit) {
    Label stub = new Label();
    method.stubs.add(() -> {
      method.place(stub);
      entryFrame(true);
      vm();
      mv.visitVarInsn(ILOAD, FC);
      push(exit);
      slot(depths.depthAt(exit));
      support("resumeInterpreting", "(" + VM_DESC + "III)V");
      returned();
    });
    return stub;
  }

  /** A stub that loads the values live at {@code offset} into locals, then goes there. */
  private Label loadingStub(int offset) {
    Label stub = new Label();
    Label target = method.label(offset);
    method.stubs.add(() -> {
      method.place(stub);
      entryFrame(false);
      loadAll(depths.depthAt(offset));
      mv.visitJumpInsn(GOTO, target);
    });
    return stub;
  }

  private static Region innermostChild(Region region, int offset) {
    for (Region child : region.children) {
      if (child.contains(offset)) {
        return child;
      }
    }
    throw new IllegalStateException("no loop holds entry " + offset);
  }

  /** Where the call of a loop starts, with the values on the VM's stacks and the start in PC. */
  private final Map<Region, Label> callLabels = new IdentityHashMap<>();

  private Label callLabel(Region child) {
    return callLabels.computeIfAbsent(child, c -> new Label());
  }

  /**
   * Runs a loop: stores the values that live in locals to the VM's stacks, calls the loop's
   * method, which runs until the loop is left, then loads them back at the place it returns (or
   * returns that place to this method's caller, if it is outside this method too).
   */
  private void emitLoopCall(String className, Region child) {
    method.place(method.label(child.start));
    frameAt(depths.depthAt(child.start));
    storeAll(depths.depthAt(child.start));
    push(child.start);
    mv.visitVarInsn(ISTORE, PC);
    Label call = callLabel(child);
    method.place(call);
    entryFrame(true);
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
    Label returned = method.returnedStub();
    next.put(RETURNED, returned);
    for (int exit : child.exits) {
      Region sibling = childAt(method.region, exit);
      if (exit >= translatedEnd) {
        next.put(exit, restStub(exit));
      } else if (sibling != null) {
        // Straight on to the call of the next piece (or loop), whose values are where it wants
        // them and whose start is in PC: a jump forwards, for a later sibling, so that HotSpot
        // does not take it for a loop to compile on its own (on-stack replacement).
        next.put(exit, callLabel(sibling));
      } else if (method.owns(exit)) {
        next.put(exit, loadingStub(exit));
      } else if (method.region.contains(exit)) {
        throw new Untranslatable("a jump from one loop into the middle of another, to " + exit);
      }
    }
    // The function's own method holds every place a loop can go to, so has nothing to pass on.
    boolean outermost = method.region == functionRegion;
    Label passOn = outermost ? returned : method.passOnStub();
    mv.visitVarInsn(ILOAD, PC);
    lookupSwitch(passOn, next);
  }

  /**
   * A switch on the int on the stack, to the label of each key. A plain loop over the keys: the
   * first translation of a run is slow mostly for what it uses the first time, and streams here
   * cost it about a hundred classes.
   */
  private void lookupSwitch(Label otherwise, TreeMap<Integer, Label> cases) {
    int[] keys = new int[cases.size()];
    Label[] labels = new Label[keys.length];
    int i = 0;
    for (Map.Entry<Integer, Label> c : cases.entrySet()) {
      keys[i] = c.getKey();
      labels[i++] = c.getValue();
    }
    mv.visitLookupSwitchInsn(otherwise, keys, labels);
  }

  // ---- One instruction ----

  /** Emits the instruction at {@code at}, with {@code depth} values on the frame's stack. */
  private void emit(int at, int depth) {
    currentDepth = depth;
    OpCode op = OpCode.of(code[at]);
    int top = depth - 1;
    int u1 = Instructions.u8(code, Math.min(at + 1, code.length - 1));
    // Where an error is reported, as the interpreter reports it: just past the opcode for
    // operators and fused comparisons, past the operands for the rest.
    int errorIp = op.jumps() ? at + 1 : at + op.operands().size();
    if (isCall(code[at]) && op.argCount(code, at) <= CompiledCode.DIRECT_ARGS) {
      PropertyCache target = embedded[at];
      if (inPlace[at]) {
        inlineCall(op, at, depth, errorIp, target);
      } else {
        directCall(op, at, depth, errorIp, target);
      }
      return;
    }
    switch (op) {
      case CONSTANT -> {
        if (fn.constRefs[u1] == null) {
          mv.visitLdcInsn(fn.constNums[u1]);
          storeNumber(depth);
        } else {
          mv.visitVarInsn(ALOAD, FN);
          mv.visitFieldInsn(GETFIELD, FUNCTION, "constRefs", "[Ljava/lang/Object;");
          push(u1);
          mv.visitInsn(AALOAD);
          storeObject(depth);
        }
      }
      case NIL -> constantObject(depth, "dev/lox/runtime/Nil", "NIL", "Ldev/lox/runtime/Nil;");
      case TRUE -> constantObject(depth, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
      case FALSE -> constantObject(depth, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
      case POP -> {}
      case GET_LOCAL -> copy(u1, depth);
      case SET_LOCAL, SET_LOCAL_POP -> copy(top, u1);
      case GET_GLOBAL -> {
        if (definedAlready(u1)) {
          loadCell(u1);
        } else {
          vm();
          loadCell(u1);
          where(errorIp);
          support("definedCell", "(" + VM_DESC + CELL_DESC + "II)" + CELL_DESC);
        }
        mv.visitInsn(DUP);
        mv.visitFieldInsn(GETFIELD, CELL, "ref", "Ljava/lang/Object;");
        storeRef(depth);
        mv.visitFieldInsn(GETFIELD, CELL, "num", "D");
        storeNum(depth);
      }
      case DEFINE_GLOBAL -> {
        loadCell(u1);
        loadValue(top);
        support("defineCell", "(" + CELL_DESC + VALUE + ")V");
      }
      case SET_GLOBAL, SET_GLOBAL_POP -> {
        if (definedAlready(u1)) {
          loadCell(u1);
          loadRef(top);
          mv.visitFieldInsn(PUTFIELD, CELL, "ref", "Ljava/lang/Object;");
          loadCell(u1);
          loadNum(top);
          mv.visitFieldInsn(PUTFIELD, CELL, "num", "D");
        } else {
          vm();
          loadCell(u1);
          loadValue(top);
          where(errorIp);
          support("setCell", "(" + VM_DESC + CELL_DESC + VALUE + "II)V");
        }
      }
      case GET_UPVALUE -> {
        vm();
        mv.visitVarInsn(ALOAD, CLOSURE);
        push(u1);
        support("getUpvalue", "(" + VM_DESC + CLOSURE_DESC + "I)Ljava/lang/Object;");
        storeRef(depth);
        resultNum(depth);
      }
      case SET_UPVALUE, SET_UPVALUE_POP -> {
        vm();
        mv.visitVarInsn(ALOAD, CLOSURE);
        push(u1);
        loadValue(top);
        support("setUpvalue", "(" + VM_DESC + CLOSURE_DESC + "I" + VALUE + ")V");
      }
      case GET_PROPERTY -> getField(at, at + 1, top, top, errorIp);
      case GET_LOCAL_PROPERTY -> getField(at, at + 2, u1, depth, errorIp);
      case SET_PROPERTY, SET_PROPERTY_POP -> {
        Label done = setField(at, top);
        vmAndFn();
        push(at);
        loadRef(top - 1);
        loadValue(top);
        slot(top - 1);
        where(errorIp);
        support("setProperty",
            "(" + VM_DESC + FN_DESC + "ILjava/lang/Object;" + VALUE + "III)V");
        if (done != null) {
          mv.visitLabel(done);
          frameAt(depth);
        }
        copy(top, top - 1);
      }
      case GET_SUPER -> {
        storeRange(top - 1, 2);
        vmAndFn();
        push(u1);
        slot(top - 1);
        where(errorIp);
        support("getSuper", "(" + VM_DESC + FN_DESC + "IIII)V");
        loadRange(top - 1, 1);
      }
      case EQUAL -> {
        equal(top - 1);
        bool(top - 1);
      }
      case GREATER -> {
        compare(top - 1, errorIp, DCMPL);
        bool(top - 1, IFGT);
      }
      case LESS -> {
        compare(top - 1, errorIp, DCMPG);
        bool(top - 1, IFLT);
      }
      case ADD -> add(top - 1, errorIp);
      case SUBTRACT -> arithmetic(top - 1, errorIp, DSUB);
      case MULTIPLY -> {
        requireNumbers(top - 1, errorIp);
        loadNum(top - 1);
        loadNum(top);
        mv.visitMethodInsn(INVOKESTATIC, "dev/lox/runtime/Arithmetic", "multiply", "(DD)D", false);
        storeNum(top - 1);
      }
      case DIVIDE -> arithmetic(top - 1, errorIp, DDIV);
      case NOT -> {
        loadRef(top);
        support("not", "(Ljava/lang/Object;)Ljava/lang/Boolean;");
        storeObject(top);
      }
      case NEGATE -> {
        requireNumber(top, errorIp, "Operand must be a number.");
        loadNum(top);
        mv.visitInsn(DNEG);
        storeNum(top);
      }
      case PRINT -> {
        vm();
        loadValue(top);
        where(errorIp);
        support("print", "(" + VM_DESC + VALUE + "II)V");
      }
      case ADD_CONSTANT -> {
        requireNumber(top, errorIp, "Operands must be two numbers or two strings.");
        loadNum(top);
        mv.visitLdcInsn(fn.constNums[u1]);
        mv.visitMethodInsn(INVOKESTATIC, "dev/lox/runtime/Arithmetic", "add", "(DD)D", false);
        storeNum(top);
      }
      case SUBTRACT_CONSTANT -> {
        requireNumber(top, errorIp, "Operands must be numbers.");
        loadNum(top);
        mv.visitLdcInsn(fn.constNums[u1]);
        mv.visitInsn(DSUB);
        storeNum(top);
      }
      case JUMP -> jump(GOTO, Instructions.jumpTarget(code, at));
      case LOOP -> {
        // A back edge: where a stop request takes effect.
        vm();
        support("loop", "(" + VM_DESC + ")V");
        backEdge(Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_FALSE, JUMP_IF_FALSE_POP -> {
        loadRef(top);
        support("isFalsey", "(Ljava/lang/Object;)Z");
        jump(IFNE, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_TRUE_POP -> {
        loadRef(top);
        support("isFalsey", "(Ljava/lang/Object;)Z");
        jump(IFEQ, Instructions.jumpTarget(code, at));
      }
      // NaN compares false: DCMPG makes it "greater" for a less-than, DCMPL "less" for a
      // greater-than, so the jump below goes the way a false comparison goes.
      case JUMP_IF_NOT_LESS -> {
        compare(top - 1, errorIp, DCMPG);
        jump(IFGE, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_LESS -> {
        compare(top - 1, errorIp, DCMPG);
        jump(IFLT, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_NOT_GREATER -> {
        compare(top - 1, errorIp, DCMPL);
        jump(IFLE, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_GREATER -> {
        compare(top - 1, errorIp, DCMPL);
        jump(IFGT, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_NOT_EQUAL -> {
        equal(top - 1);
        jump(IFEQ, Instructions.jumpTarget(code, at));
      }
      case JUMP_IF_EQUAL -> {
        equal(top - 1);
        jump(IFNE, Instructions.jumpTarget(code, at));
      }
      case CALL -> {
        int argCount = op.argCount(code, at);
        int callee = depth - argCount - 1;
        storeRange(callee, argCount + 1);
        vm();
        slot(callee);
        push(argCount);
        where(errorIp);
        support("call", "(" + VM_DESC + "IIII)" + CLOSURE_DESC);
        runCallee(callee, argCount);
        loadRange(callee, 1);
      }
      case INVOKE -> {
        int argCount = op.argCount(code, at);
        int receiver = depth - argCount - 1;
        storeRange(receiver, argCount + 1);
        vmAndFn();
        push(at);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("invoke", "(" + VM_DESC + FN_DESC + "IIIII)" + CLOSURE_DESC);
        runCallee(receiver, argCount);
        loadRange(receiver, 1);
      }
      case SUPER_INVOKE -> {
        int argCount = op.argCount(code, at);
        int receiver = depth - argCount - 2;
        storeRange(receiver, argCount + 2);
        vmAndFn();
        push(at);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("superInvoke", "(" + VM_DESC + FN_DESC + "IIIII)" + CLOSURE_DESC);
        runCallee(receiver, argCount);
        loadRange(receiver, 1);
      }
      case CLOSURE -> {
        vm();
        mv.visitVarInsn(ALOAD, CLOSURE);
        mv.visitVarInsn(ALOAD, FN);
        push(at);
        mv.visitVarInsn(ILOAD, BASE);
        support("closure", "(" + VM_DESC + CLOSURE_DESC + FN_DESC + "II)" + CLOSURE_DESC);
        storeObject(depth);
      }
      case CLOSE_UPVALUE -> {
        vm();
        slot(top);
        support("closeUpvalue", "(" + VM_DESC + "I)V");
      }
      case RETURN -> {
        if (direct && method.region == functionRegion) {
          returnDirectly(top);
        } else {
          vm();
          mv.visitVarInsn(ILOAD, BASE);
          loadValue(top);
          support("ret", "(" + VM_DESC + "I" + VALUE + ")V");
          returned();
        }
      }
      case CLASS -> {
        mv.visitVarInsn(ALOAD, FN);
        push(u1);
        support("klass", "(" + FN_DESC + "I)Ldev/lox/runtime/LoxClass;");
        storeObject(depth);
      }
      case INHERIT -> {
        vm();
        loadRef(top - 1);
        loadRef(top);
        where(errorIp);
        support("inherit", "(" + VM_DESC + "Ljava/lang/Object;Ljava/lang/Object;II)V");
      }
      case METHOD -> {
        vmAndFn();
        push(u1);
        loadRef(top - 1);
        loadRef(top);
        where(errorIp);
        support("method",
            "(" + VM_DESC + FN_DESC + "ILjava/lang/Object;Ljava/lang/Object;II)V");
      }
      default -> throw new IllegalArgumentException("no translation for OP_" + op);
    }
  }

  // ---- Pieces of instructions ----

  /**
   * A property of the value in {@code receiver} (named by the constant at {@code nameAt}) into
   * {@code slot}, which the slow path also uses to hand the receiver to the VM's own code.
   */
  private void getProperty(int at, int nameAt, int receiver, int slot, int errorIp) {
    vmAndFn();
    push(at);
    push(nameAt);
    loadValue(receiver);
    slot(slot);
    where(errorIp);
    support("getProperty", "(" + VM_DESC + FN_DESC + "II" + VALUE + "III)Ljava/lang/Object;");
    storeRef(slot);
    resultNum(slot);
  }

  /** Pushes whether the values in {@code slot} and the slot above are equal. */
  private void equal(int slot) {
    loadValue(slot);
    loadValue(slot + 1);
    support("equal", "(" + VALUE + VALUE + ")Z");
  }

  /**
   * Checks that {@code slot} and the slot above hold numbers, then compares them with {@code
   * dcmp}, leaving -1, 0 or 1.
   */
  private void compare(int slot, int errorIp, int dcmp) {
    requireNumbers(slot, errorIp);
    loadNum(slot);
    loadNum(slot + 1);
    mv.visitInsn(dcmp);
  }

  private void requireNumbers(int slot, int errorIp) {
    vm();
    loadRef(slot);
    loadRef(slot + 1);
    where(errorIp);
    support("requireNumbers", "(" + VM_DESC + "Ljava/lang/Object;Ljava/lang/Object;II)V");
  }

  private void requireNumber(int slot, int errorIp, String message) {
    vm();
    loadRef(slot);
    where(errorIp);
    mv.visitLdcInsn(message);
    support("requireNumber", "(" + VM_DESC + "Ljava/lang/Object;IILjava/lang/String;)V");
  }

  /** A numeric operator on {@code slot} and the slot above, into {@code slot}. */
  private void arithmetic(int slot, int errorIp, int opcode) {
    requireNumbers(slot, errorIp);
    loadNum(slot);
    loadNum(slot + 1);
    mv.visitInsn(opcode);
    storeNum(slot);
  }

  /** ADD: two numbers inline; strings (or the error) in {@code CompiledSupport.addOther}. */
  private void add(int slot, int errorIp) {
    Label other = new Label();
    Label done = new Label();
    loadRef(slot);
    mv.visitJumpInsn(IFNONNULL, other);
    loadRef(slot + 1);
    mv.visitJumpInsn(IFNONNULL, other);
    loadNum(slot);
    loadNum(slot + 1);
    mv.visitMethodInsn(INVOKESTATIC, "dev/lox/runtime/Arithmetic", "add", "(DD)D", false);
    storeNum(slot);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(other);
    frameAt(currentDepth);
    vm();
    loadRef(slot);
    loadRef(slot + 1);
    where(errorIp);
    support("addOther",
        "(" + VM_DESC + "Ljava/lang/Object;Ljava/lang/Object;II)Ljava/lang/Object;");
    storeRef(slot);
    mv.visitLabel(done);
    frameAt(currentDepth);
  }

  /** Stores Boolean.TRUE or FALSE into {@code slot}: true when the int on the stack is not 0. */
  private void bool(int slot) {
    bool(slot, IFNE);
  }

  /** Stores Boolean.TRUE into {@code slot} when {@code jumpIf} jumps on the int on the stack. */
  private void bool(int slot, int jumpIf) {
    Label yes = new Label();
    Label done = new Label();
    mv.visitJumpInsn(jumpIf, yes);
    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(yes);
    frameAt(currentDepth);
    mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
    mv.visitLabel(done);
    frames.frame(locals(currentDepth, false), "java/lang/Boolean");
    storeObject(slot);
  }

  /**
   * The second half of a call, with what {@code call}, {@code invoke} or {@code superInvoke}
   * returned on the stack: a closure whose frame is pushed, to run here, or null when the call is
   * done. Calling {@code run} from this site gives it a type profile of its own, so HotSpot can
   * bind (and inline) the one function a site usually calls. A callee without compiled code yet
   * goes to {@code uncompiled}; that check is here too, for a branch profile of the site's own.
   */
  private void runCallee(int slot, int argCount) {
    Label done = new Label();
    Label none = new Label();
    Label run = new Label();
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNULL, none);
    keepCallee();
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNONNULL, run);
    mv.visitInsn(POP);
    vm();
    mv.visitVarInsn(ALOAD, calleeLocal);
    slot(slot);
    push(argCount);
    mv.visitVarInsn(ILOAD, FC);
    support("uncompiled", "(" + VM_DESC + CLOSURE_DESC + "III)" + COMPILED_DESC);
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNULL, none);
    mv.visitLabel(run);
    frames.frame(locals(currentDepth, false, true), BASE_CLASS);
    calleeFrame(slot);
    mv.visitMethodInsn(INVOKEVIRTUAL, BASE_CLASS, "run", RUN_DESC, false);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(none);
    frames.frame(locals(currentDepth, false), "java/lang/Object");
    mv.visitInsn(POP);
    mv.visitLabel(done);
    frameAt(currentDepth);
  }

  /** Keeps the closure on the operand stack in calleeLocal, and pushes its compiled code. */
  private void keepCallee() {
    mv.visitVarInsn(ASTORE, calleeLocal);
    mv.visitVarInsn(ALOAD, calleeLocal);
    mv.visitFieldInsn(GETFIELD, CLOSURE_CLASS, "function", FN_DESC);
    mv.visitFieldInsn(GETFIELD, FUNCTION, "compiled", COMPILED_DESC);
  }

  /**
   * Pushes the first arguments of {@code run} and {@code call} for the callee kept in
   * calleeLocal, whose frame starts at {@code slot}: the VM, the closure, the base, the frame
   * above this one, and entry 0.
   */
  private void calleeFrame(int slot) {
    vm();
    mv.visitVarInsn(ALOAD, calleeLocal);
    frameAbove(slot);
  }

  /** After the VM and the callee's closure: the base {@code slot}, the frame above, entry 0. */
  private void frameAbove(int slot) {
    slot(slot);
    mv.visitVarInsn(ILOAD, FC);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IADD);
    mv.visitInsn(ICONST_0);
  }

  /**
   * The rest of a direct call, with the callee's code and the first arguments of its {@code
   * call} pushed up to the receiver's reference: the receiver's number (unused), the arguments,
   * the call, and the result into {@code receiver}.
   */
  private void finishDirectCall(int receiver, int argCount) {
    mv.visitInsn(DCONST_0);
    for (int arg = 1; arg <= argCount; arg++) {
      loadValue(receiver + arg);
    }
    mv.visitMethodInsn(INVOKEVIRTUAL, BASE_CLASS, "call", callDescriptor(argCount), false);
    storeRef(receiver);
    resultNum(receiver);
  }

  /**
   * CALL, INVOKE or SUPER_INVOKE with few arguments, made directly where it can be (see {@link
   * CompiledCode#call}): a support method returns the callee's closure, its frame pushed, and the
   * values of the callee's first slots go to its compiled code as parameters, the result coming
   * back the same way; nothing passes through the VM's stacks. When the support method returns
   * null instead (see CompiledSupport's direct calls), the values go to the VM's stacks and the
   * call is made the general way.
   */
  private void directCall(OpCode op, int at, int depth, int errorIp, PropertyCache known) {
    int argCount = op.argCount(code, at);
    boolean superCall = op == OpCode.SUPER_INVOKE;
    // Slot zero of the callee's frame; a super call's superclass is above the arguments.
    int receiver = depth - argCount - (superCall ? 2 : 1);
    Label general = new Label();
    Label done = new Label();
    Label found = null;
    if (known != null) {
      Label lookUp = new Label();
      // A method's compiled code, once it has some, is its code for good (only a script's is
      // dropped, when the loop it was translated for ends).
      CompiledCode bound = known.method.function.compiled;
      if (bound != null) {
        boundCall(known, bound, receiver, argCount, errorIp, lookUp);
        mv.visitJumpInsn(GOTO, done);
      } else {
        found = new Label();
        knownCallee(known, receiver, errorIp, lookUp);
        mv.visitJumpInsn(GOTO, found);
      }
      mv.visitLabel(lookUp);
      frameAt(depth);
    }
    switch (op) {
      case CALL -> {
        vm();
        loadRef(receiver);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("callTarget", "(" + VM_DESC + "Ljava/lang/Object;IIII)" + CLOSURE_DESC);
      }
      case INVOKE -> {
        vmAndFn();
        push(at);
        loadRef(receiver);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("invokeTarget",
            "(" + VM_DESC + FN_DESC + "ILjava/lang/Object;IIII)" + CLOSURE_DESC);
      }
      default -> {
        vmAndFn();
        push(at);
        loadRef(depth - 1);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("superTarget",
            "(" + VM_DESC + FN_DESC + "ILjava/lang/Object;IIII)" + CLOSURE_DESC);
      }
    }
    if (found != null) {
      mv.visitLabel(found);
      frames.frame(locals(currentDepth, false), CLOSURE_CLASS);
    }
    mv.visitInsn(DUP);
    mv.visitJumpInsn(IFNULL, general);
    keepCallee();
    calleeFrame(receiver);
    if (op == OpCode.CALL) {
      vm();
      mv.visitFieldInsn(GETFIELD, VM, "callReceiver", "Ljava/lang/Object;");
    } else {
      loadRef(receiver);
    }
    finishDirectCall(receiver, argCount);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(general);
    frames.frame(locals(currentDepth, false), CLOSURE_CLASS);
    mv.visitInsn(POP);
    generalCall(op, at, depth, receiver, errorIp);
    mv.visitLabel(done);
    frameAt(currentDepth);
  }

  /**
   * The first half of a direct call of the method the site's cache holds: for a receiver (in
   * {@code receiver}) of its shape, the method's frame pushed as CompiledSupport's pushFrame
   * pushes one, and the closure on the operand stack, all in the site's own code (calls of the
   * support methods made HotSpot compile them first, and the first rounds of a new loop ran
   * them in its interpreter). Another shape, a callee still interpreted, no room (see roomLocal)
   * or a pending stop jumps to {@code lookUp}, which asks the cache as a site without one does.
   */
  private void knownCallee(PropertyCache known, int receiver, int errorIp, Label lookUp) {
    guardKnownCall(receiver, known.shape, lookUp, true);
    loadConstant(known.method, CLOSURE_CLASS);
    mv.visitFieldInsn(GETFIELD, CLOSURE_CLASS, "function", FN_DESC);
    mv.visitFieldInsn(GETFIELD, FUNCTION, "compiled", COMPILED_DESC);
    mv.visitJumpInsn(IFNULL, lookUp);
    pushKnownFrame(known, errorIp);
    loadConstant(known.method, CLOSURE_CLASS);
  }

  /**
   * The whole of a direct call of the method the site's cache holds, when that method had
   * compiled code as this was translated: for a receiver of its shape, its frame pushed (as
   * knownCallee does) and its code called as a constant of the class, the result in {@code
   * receiver}; to {@code lookUp} otherwise. HotSpot then knows the callee's class: no check of
   * the code, no check of its class against the site's profile, smaller code for C2 to compile
   * (method_call's pieces: a sixth less machine code).
   */
  private void boundCall(
      PropertyCache known, CompiledCode code, int receiver, int argCount, int errorIp,
      Label lookUp) {
    guardKnownCall(receiver, known.shape, lookUp, true);
    pushKnownFrame(known, errorIp);
    loadConstant(code, BASE_CLASS);
    vm();
    loadConstant(known.method, CLOSURE_CLASS);
    frameAbove(receiver);
    loadRef(receiver);
    finishDirectCall(receiver, argCount);
  }

  /** Pushes the frame of a known callee: the caller's ip (for a trace), its closure, the count. */
  private void pushKnownFrame(PropertyCache known, int errorIp) {
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "frameIps", "[I");
    where(errorIp);
    mv.visitInsn(IASTORE);
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "frameClosures", "[" + CLOSURE_DESC);
    mv.visitVarInsn(ILOAD, FC);
    mv.visitInsn(ICONST_1);
    mv.visitInsn(IADD);
    loadConstant(known.method, CLOSURE_CLASS);
    mv.visitInsn(AASTORE);
    vm();
    mv.visitVarInsn(ILOAD, FC);
    mv.visitInsn(ICONST_2);
    mv.visitInsn(IADD);
    mv.visitFieldInsn(PUTFIELD, VM, "frameCount", "I");
  }

  /**
   * Jumps to {@code otherwise} unless a call of a known callee can go ahead: the receiver (in
   * {@code receiver}) has {@code shape}, which leaves it in inlineLocal, there is room for the
   * callee's frame (see roomLocal), and, when {@code stopHere}, no stop is pending. A call that
   * runs in place need not look: its code has no calls and no jumps, and the stop takes effect
   * at the next call or back edge a moment later.
   */
  private void guardKnownCall(int receiver, Shape shape, Label otherwise, boolean stopHere) {
    guardShape(receiver, shape, otherwise);
    mv.visitVarInsn(ILOAD, roomLocal);
    mv.visitJumpInsn(IFEQ, otherwise);
    if (!stopHere) {
      return;
    }
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "stopSoon", "Z");
    mv.visitJumpInsn(IFNE, otherwise);
  }

  /**
   * The call at {@code at} made the general way, through the VM's stacks, with the callee's
   * frame at {@code receiver}: its result ends up there.
   */
  private void generalCall(OpCode op, int at, int depth, int receiver, int errorIp) {
    int argCount = op.argCount(code, at);
    storeRange(receiver, depth - receiver);
    switch (op) {
      case CALL -> {
        vm();
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("callSlow", "(" + VM_DESC + "IIII)V");
      }
      case INVOKE -> {
        vmAndFn();
        push(at);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("invokeSlow", "(" + VM_DESC + FN_DESC + "IIIII)V");
      }
      default -> {
        vmAndFn();
        push(at);
        slot(receiver);
        push(argCount);
        where(errorIp);
        support("superInvokeSlow", "(" + VM_DESC + FN_DESC + "IIIII)V");
      }
    }
    loadRange(receiver, 1);
  }

  // ---- Fields at known slots ----
  //
  // A property get or set whose site has seen receivers of one shared shape that has the field
  // (or, for a set, gets it) checks for that shape and reads or writes the slot the shape gives
  // the field; any other receiver takes the cached path of CompiledSupport as before. A shared
  // shape never changes, so the slot stays true for as long as the shape matches.

  /**
   * GET_PROPERTY or GET_LOCAL_PROPERTY at {@code at}: the field's slot read directly when the
   * receiver has the shape the site has seen, else {@link #getProperty}.
   */
  private void getField(int at, int nameAt, int receiver, int slot, int errorIp) {
    PropertyCache target = embedded[at];
    if (target == null) {
      getProperty(at, nameAt, receiver, slot, errorIp);
      return;
    }
    Label general = new Label();
    Label done = new Label();
    guardShape(receiver, target.shape, general);
    readField(false, target.slot);
    storeRef(slot);
    readField(true, target.slot);
    storeNum(slot);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(general);
    frameAt(currentDepth);
    getProperty(at, nameAt, receiver, slot, errorIp);
    mv.visitLabel(done);
    frameAt(Math.max(currentDepth, slot + 1));
  }

  /**
   * Pushes what a read of the number or the reference of {@code field} of the instance in
   * inlineLocal needs, or a store before the value: the instance for a field it holds itself,
   * else its array and the index.
   */
  private void fieldOwner(boolean num, int field) {
    mv.visitVarInsn(ALOAD, inlineLocal);
    if (field >= LoxInstance.INLINE_FIELDS) {
      mv.visitFieldInsn(
          GETFIELD, INSTANCE, num ? "nums" : "refs", num ? "[D" : "[Ljava/lang/Object;");
      push(field - LoxInstance.INLINE_FIELDS);
    }
  }

  /** Pushes the number or the reference of {@code field} of the instance in inlineLocal. */
  private void readField(boolean num, int field) {
    fieldOwner(num, field);
    if (field < LoxInstance.INLINE_FIELDS) {
      mv.visitFieldInsn(GETFIELD, INSTANCE, LoxInstance.inlineField(num, field), fieldDesc(num));
    } else {
      mv.visitInsn(num ? DALOAD : AALOAD);
    }
  }

  private static String fieldDesc(boolean num) {
    return num ? "D" : "Ljava/lang/Object;";
  }

  /** Stores the value on the stack, above what {@link #fieldOwner} pushed, in {@code field}. */
  private void writeField(boolean num, int field) {
    if (field < LoxInstance.INLINE_FIELDS) {
      mv.visitFieldInsn(PUTFIELD, INSTANCE, LoxInstance.inlineField(num, field), fieldDesc(num));
    } else {
      mv.visitInsn(num ? DASTORE : AASTORE);
    }
  }

  /**
   * Jumps to {@code otherwise} unless the value in {@code receiver} is an instance of {@code
   * shape}, which it leaves in inlineLocal.
   */
  private void guardShape(int receiver, Shape shape, Label otherwise) {
    loadRef(receiver);
    mv.visitTypeInsn(INSTANCEOF, INSTANCE);
    mv.visitJumpInsn(IFEQ, otherwise);
    loadRef(receiver);
    mv.visitTypeInsn(CHECKCAST, INSTANCE);
    mv.visitInsn(DUP);
    mv.visitVarInsn(ASTORE, inlineLocal);
    mv.visitFieldInsn(GETFIELD, INSTANCE, "shape", SHAPE_DESC);
    loadConstant(shape, SHAPE);
    mv.visitJumpInsn(IF_ACMPNE, otherwise);
  }

  /**
   * The fast path of a SET_PROPERTY whose site has seen one shape: the store, then a jump to the
   * label returned, past the general path that follows; or null, with nothing written.
   */
  private Label setField(int at, int top) {
    PropertyCache target = embedded[at];
    if (target == null) {
      return null;
    }
    Label general = new Label();
    Label done = new Label();
    guardShape(top - 1, target.shape, general);
    if (target.next != null) {
      mv.visitVarInsn(ALOAD, inlineLocal);
      loadConstant(target.next, SHAPE);
      push(target.slot);
      mv.visitMethodInsn(INVOKEVIRTUAL, INSTANCE, "takeShape", "(" + SHAPE_DESC + "I)V", false);
    }
    fieldOwner(false, target.slot);
    loadRef(top);
    writeField(false, target.slot);
    fieldOwner(true, target.slot);
    loadNum(top);
    writeField(true, target.slot);
    mv.visitJumpInsn(GOTO, done);
    mv.visitLabel(general);
    frameAt(currentDepth);
    return done;
  }

  /**
   * For each property get and set of {@code fn} whose site has seen one shared shape that has
   * the field: that entry, whose shape and slot the code then holds as constants.
   */
  static PropertyCache[] fieldTargets(LoxFunction fn) {
    byte[] code = fn.code;
    PropertyCache[] targets = new PropertyCache[code.length];
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      int op = code[at];
      if (op == Code.GET_PROPERTY || op == Code.GET_LOCAL_PROPERTY
          || op == Code.SET_PROPERTY || op == Code.SET_PROPERTY_POP) {
        PropertyCache cache = fn.caches[at];
        if (cache != null && cache.older == null && cache.slot >= 0 && cache.shape.isShared()
            && (cache.next == null || cache.next.isShared())) {
          targets[at] = cache;
        }
      }
    }
    return targets;
  }

  // ---- Inlined calls ----
  //
  // An INVOKE whose site has seen receivers of one shape, and whose method for it is a short
  // run of instructions that can neither fail nor call anything (a getter, a setter, a toggle,
  // an empty method), runs that code in place: a check that the receiver has that shape, then
  // its fields read and written at the slots the shape gives them. Nothing can observe the frame
  // such a call would push (no error, no call, no loop), so none is pushed; the check that one
  // could be stays, so that overflows happen at the same depth: the depth and stack limits once
  // for all of a method's such calls, when it starts (see roomLocal). A pending stop waits for
  // the next call or back edge (see guardKnownCall). A receiver of any other shape takes the
  // general call, through the VM's stacks (short code, where the direct call's fast and slow
  // paths doubled every inlined site; a site that keeps seeing another shape pays some 9 ns a
  // call for it). The shape and the method are what the site's cache says, and a cache entry
  // stays true for as long as its shape matches.
  // A super call runs its method in place the same way when its site has seen one superclass, for
  // receivers of the one shape the calling method's own reads of {@code this.x} have seen.

  /** The most bytes of a method's code that a call runs in place. */
  private static final int INLINE_CODE_MAX = 32;

  /**
   * Per offset, the cache entry whose facts the code there embeds as constants: a call that runs
   * in place (see inlineTargets), a method called directly (see methodTarget), a field at a known
   * slot (see fieldTargets). They are part of a translation's key.
   */
  static PropertyCache[] embeddedEntries(LoxFunction fn) {
    PropertyCache[] entries = inlineTargets(fn);
    PropertyCache[] fields = fieldTargets(fn);
    byte[] code = fn.code;
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (fields[at] != null) {
        entries[at] = fields[at];
      } else if (entries[at] == null && code[at] == Code.INVOKE) {
        entries[at] = methodTarget(fn, at);
      }
    }
    return entries;
  }

  /** See {@link #callTops}; fills {@link #inPlace} too. */
  private int[] callTops() {
    int[] tops = new int[code.length];
    Arrays.fill(tops, -1);
    for (int at = 0; at < code.length; at = next(at)) {
      OpCode op = OpCode.of(code[at]);
      PropertyCache target = embedded[at];
      int depth = depths.depthAt(at);
      if (target != null && depth >= 0 && isCall(code[at])
          && op.argCount(code, at) <= CompiledCode.DIRECT_ARGS) {
        int receiver = depth - op.argCount(code, at) - (op == OpCode.SUPER_INVOKE ? 2 : 1);
        tops[at] = receiver + target.method.function.maxStack;
        inPlace[at] = runsInPlace(op, target);
      }
    }
    return tops;
  }

  /**
   * The highest of {@link #callTops} among the instructions {@code region}'s method holds (not
   * those of its loops), or -1 when it has no call whose callee it knows.
   */
  private int callTop(Region region) {
    int top = -1;
    int last = Math.min(region.end, translatedEnd - 1);
    for (int at = region.start; at <= last; at = next(at)) {
      Region child = childAt(region, at);
      if (child != null) {
        at = child.end;
      } else {
        top = Math.max(top, callTops[at]);
      }
    }
    return top;
  }

  /** Whether the call whose site embeds {@code target} runs its method in place. */
  private static boolean runsInPlace(OpCode op, PropertyCache target) {
    // A super call's entry is only ever one whose method runs in place.
    return op == OpCode.SUPER_INVOKE
        || new InlineBody(target.method.function, target.shape).walk(null);
  }

  /**
   * For each INVOKE and SUPER_INVOKE of {@code fn} whose call can run in place, by offset: the
   * receivers' shape and the method.
   */
  static PropertyCache[] inlineTargets(LoxFunction fn) {
    byte[] code = fn.code;
    PropertyCache[] targets = new PropertyCache[code.length];
    Shape thisShape = null;
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (code[at] == Code.INVOKE) {
        targets[at] = inlineTarget(fn, at);
      } else if (code[at] == Code.SUPER_INVOKE) {
        thisShape = thisShape != null ? thisShape : thisShape(fn);
        targets[at] = thisShape == null ? null : superInlineTarget(fn, at, thisShape);
      }
    }
    return targets;
  }

  /**
   * The one shape that the receiver of method {@code fn} has had where its code read its fields
   * ({@code this.x}), or null (none, or several, or a method that reads none).
   */
  private static Shape thisShape(LoxFunction fn) {
    Shape seen = null;
    byte[] code = fn.code;
    for (int at = 0; at < code.length; at += Instructions.length(code, at, fn.constRefs)) {
      if (code[at] == Code.GET_LOCAL_PROPERTY && code[at + 1] == 0) {
        PropertyCache cache = fn.caches[at];
        if (cache == null || cache.older != null || (seen != null && cache.shape != seen)) {
          return null;
        }
        seen = cache.shape;
      }
    }
    return seen != null && seen.isShared() ? seen : null;
  }

  /**
   * For the SUPER_INVOKE at {@code at} whose site has seen one superclass, and whose receiver is
   * likely to have {@code thisShape}: an entry of that shape and the method, when its call can
   * run in place; or null.
   */
  private static PropertyCache superInlineTarget(LoxFunction fn, int at, Shape thisShape) {
    PropertyCache cache = fn.caches[at];
    if (cache == null || cache.older != null
        || cache.method.function.arity != OpCode.SUPER_INVOKE.argCount(fn.code, at)
        || !new InlineBody(cache.method.function, thisShape).walk(null)) {
      return null;
    }
    return new PropertyCache(thisShape, -1, cache.method, null, null);
  }

  /** The cache entry of the INVOKE at {@code at} when its call can run in place, or null. */
  private static PropertyCache inlineTarget(LoxFunction fn, int at) {
    PropertyCache cache = methodTarget(fn, at);
    return cache != null && new InlineBody(cache.method.function, cache.shape).walk(null)
        ? cache : null;
  }

  /**
   * The cache entry of the INVOKE at {@code at} when its site has seen receivers of one shared
   * shape, whose method it calls with the right number of arguments, directly: the code then
   * checks the shape and has the method as a constant, where a site with more shapes looks
   * them up in its cache (a lookup that made each call site's compiled code several times
   * larger, and slower for HotSpot to compile). Otherwise null.
   */
  private static PropertyCache methodTarget(LoxFunction fn, int at) {
    PropertyCache cache = fn.caches[at];
    int argCount = OpCode.INVOKE.argCount(fn.code, at);
    if (cache == null || cache.older != null || cache.slot >= 0 || !cache.shape.isShared()
        || cache.method.function.arity != argCount || argCount > CompiledCode.DIRECT_ARGS) {
      return null;
    }
    return cache;
  }

  /**
   * A value of an inlined method's code, where the code left it: a slot of the calling frame
   * (the receiver or an argument), a local of its own, a number or a static object.
   */
  private record Inlined(int kind, int at, double number, String field) {
    static final int SLOT = 0;
    static final int LOCAL = 1;
    static final int NUMBER = 2;
    static final int STATIC = 3;
  }

  /**
   * Runs the code of an inlined method to its first RETURN: as a check that it can be inlined
   * (no translator: nothing is written), or writing it (see {@link #inlineCall}).
   */
  private record InlineBody(LoxFunction callee, Shape shape) {
    /**
     * Whether the code is one that can be inlined; with a translator, also writes it, for the
     * receiver in the calling frame's slot {@code writer.inlineReceiver}, where the result goes.
     */
    boolean walk(Translator writer) {
      byte[] code = callee.code;
      // What the code has pushed; null for a value made while only checking.
      List<Inlined> stack = new ArrayList<>();
      int locals = 0;
      for (int at = 0; at < code.length && at < INLINE_CODE_MAX; ) {
        OpCode op = OpCode.of(code[at]);
        int u1 = at + 1 < code.length ? code[at + 1] & 0xff : -1;
        int size = stack.size();
        switch (op) {
          case GET_LOCAL -> {
            if (u1 > callee.arity) {
              return false;
            }
            stack.add(new Inlined(Inlined.SLOT, u1, 0, null));
          }
          case GET_LOCAL_PROPERTY -> {
            int field = u1 == 0 ? fieldOf(code[at + 2] & 0xff) : -1;
            if (field < 0) {
              return false;
            }
            stack.add(writer == null ? null : writer.inlinedField(field, locals++));
          }
          case GET_PROPERTY -> {
            int field = fieldOf(u1);
            if (size < 1 || !isThis(stack.get(size - 1)) || field < 0) {
              return false;
            }
            stack.remove(size - 1);
            stack.add(writer == null ? null : writer.inlinedField(field, locals++));
          }
          case SET_PROPERTY, SET_PROPERTY_POP -> {
            int field = fieldOf(u1);
            if (size < 2 || !isThis(stack.get(size - 2)) || field < 0) {
              return false;
            }
            Inlined value = stack.remove(size - 1);
            stack.remove(size - 2);
            if (writer != null) {
              writer.inlinedStore(field, value);
            }
            if (op == OpCode.SET_PROPERTY) {
              stack.add(value);
            }
          }
          case NOT -> {
            if (size < 1) {
              return false;
            }
            Inlined value = stack.remove(size - 1);
            stack.add(writer == null ? null : writer.inlinedNot(value, locals++));
          }
          case NIL, TRUE, FALSE -> {
            String name = op == OpCode.NIL ? "NIL" : op == OpCode.TRUE ? "TRUE" : "FALSE";
            stack.add(new Inlined(Inlined.STATIC, 0, 0, name));
          }
          case CONSTANT -> {
            if (callee.constRefs[u1] != null) {
              return false;
            }
            stack.add(new Inlined(Inlined.NUMBER, 0, callee.constNums[u1], null));
          }
          case POP -> {
            if (size < 1) {
              return false;
            }
            stack.remove(size - 1);
          }
          case RETURN -> {
            if (size < 1) {
              return false;
            }
            if (writer != null) {
              writer.inlinedResult(stack.get(size - 1));
            }
            return true;
          }
          default -> {
            return false;
          }
        }
        at += Instructions.length(code, at, callee.constRefs);
      }
      return false;
    }

    /** Whether {@code value} is the receiver, {@code this}. */
    private static boolean isThis(Inlined value) {
      return value != null && value.kind() == Inlined.SLOT && value.at() == 0;
    }

    /** The slot in the shape of the field named by constant {@code index}, or -1. */
    private int fieldOf(int index) {
      return callee.constRefs[index] instanceof LoxString name ? shape.indexOf(name) : -1;
    }
  }

  /**
   * INVOKE or SUPER_INVOKE of the method in {@code target}, run in place when the receiver has
   * the entry's shape (and a super call's superclass is the one its site has seen; see "Inlined
   * calls"), as a general call otherwise.
   */
  private void inlineCall(OpCode op, int at, int depth, int errorIp, PropertyCache target) {
    boolean superCall = op == OpCode.SUPER_INVOKE;
    int receiver = depth - op.argCount(code, at) - (superCall ? 2 : 1);
    Label general = new Label();
    Label done = new Label();
    if (superCall) {
      // The superclass the site's cache holds (a super call's is nearly always the same).
      loadRef(depth - 1);
      loadConstant(fn.caches[at].shape.klass(), LOX_CLASS);
      mv.visitJumpInsn(IF_ACMPNE, general);
    }
    guardKnownCall(receiver, target.shape, general, false);
    inlineReceiver = receiver;
    new InlineBody(target.method.function, target.shape).walk(this);
    mv.visitJumpInsn(GOTO, done);
    // Another receiver is rare at a site that has seen one shape: the general call.
    mv.visitLabel(general);
    frameAt(depth);
    generalCall(op, at, depth, receiver, errorIp);
    mv.visitLabel(done);
    frameAt(depth);
  }

  /** The calling frame's slot of the receiver of the call being inlined. */
  private int inlineReceiver;

  /** The {@code n}th value an inlined method's code makes: a reference and a double. */
  private int inlinedLocal(int n) {
    return inlineLocal + 1 + 3 * n;
  }

  /** Reads the receiver's field in {@code field} into the {@code n}th value. */
  private Inlined inlinedField(int field, int n) {
    readField(false, field);
    mv.visitVarInsn(ASTORE, inlinedLocal(n));
    readField(true, field);
    mv.visitVarInsn(DSTORE, inlinedLocal(n) + 1);
    return new Inlined(Inlined.LOCAL, inlinedLocal(n), 0, null);
  }

  /** Writes {@code value} into the receiver's field in {@code field}. */
  private void inlinedStore(int field, Inlined value) {
    fieldOwner(false, field);
    loadInlinedRef(value);
    writeField(false, field);
    fieldOwner(true, field);
    loadInlinedNum(value);
    writeField(true, field);
  }

  /** NOT of {@code value}, into the {@code n}th value. */
  private Inlined inlinedNot(Inlined value, int n) {
    loadInlinedRef(value);
    support("not", "(Ljava/lang/Object;)Ljava/lang/Boolean;");
    mv.visitVarInsn(ASTORE, inlinedLocal(n));
    mv.visitInsn(DCONST_0);
    mv.visitVarInsn(DSTORE, inlinedLocal(n) + 1);
    return new Inlined(Inlined.LOCAL, inlinedLocal(n), 0, null);
  }

  /** The inlined method's result, into the receiver's slot, where the call leaves it. */
  private void inlinedResult(Inlined value) {
    if (value.kind() == Inlined.SLOT && value.at() == 0) {
      return;
    }
    loadInlinedRef(value);
    storeRef(inlineReceiver);
    loadInlinedNum(value);
    storeNum(inlineReceiver);
  }

  private void loadInlinedRef(Inlined value) {
    switch (value.kind()) {
      case Inlined.SLOT -> loadRef(inlineReceiver + value.at());
      case Inlined.LOCAL -> mv.visitVarInsn(ALOAD, value.at());
      case Inlined.NUMBER -> mv.visitInsn(ACONST_NULL);
      default -> {
        boolean nil = value.field().equals("NIL");
        mv.visitFieldInsn(GETSTATIC, nil ? "dev/lox/runtime/Nil" : "java/lang/Boolean",
            value.field(), nil ? "Ldev/lox/runtime/Nil;" : "Ljava/lang/Boolean;");
      }
    }
  }

  private void loadInlinedNum(Inlined value) {
    switch (value.kind()) {
      case Inlined.SLOT -> loadNum(inlineReceiver + value.at());
      case Inlined.LOCAL -> mv.visitVarInsn(DLOAD, value.at() + 1);
      case Inlined.NUMBER -> mv.visitLdcInsn(value.number());
      default -> mv.visitInsn(DCONST_0);
    }
  }

  // ---- Global cells ----

  /**
   * Pushes the cell of the global named by constant {@code index}: a static final field of the
   * class, which HotSpot takes as a constant, set from the class's data when it is defined.
   */
  private void loadCell(int index) {
    GlobalCell cell = fn.globals[index];
    if (cell == null) {
      throw new IllegalArgumentException(
          "the cell of global " + fn.constRefs[index] + " is not found yet");
    }
    // One field for each global: clox's compiler makes a constant for every use of a name.
    loadConstant(cell, CELL);
  }

  /** Pushes {@code value}, of class {@code type}, from a static final field of its own. */
  private void loadConstant(Object value, String type) {
    Integer at = cellIndex.get(value);
    if (at == null) {
      at = cells.size();
      cells.add(value);
      constantTypes.add(type);
      cellIndex.put(value, at);
    }
    mv.visitFieldInsn(GETSTATIC, className, "constant" + at, "L" + type + ";");
  }

  /**
   * Whether the global named by constant {@code index} is defined already, as it then stays (a
   * global is never undefined again), so that its uses need not check.
   */
  private boolean definedAlready(int index) {
    GlobalCell cell = fn.globals[index];
    return cell != null && cell.ref != GlobalCell.UNDEFINED;
  }

  /** The fields {@link #loadConstant} reads, and the class initializer that sets them. */
  private void emitConstantFields(ClassWriter cw, String className) {
    if (cells.isEmpty()) {
      return;
    }
    MethodVisitor init = cw.visitMethod(ACC_STATIC, "<clinit>", "()V", null, null);
    init.visitCode();
    for (int at = 0; at < cells.size(); at++) {
      String type = constantTypes.get(at);
      String descriptor = "L" + type + ";";
      cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "constant" + at, descriptor, null, null)
          .visitEnd();
      init.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
          "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
      init.visitLdcInsn("_");
      init.visitLdcInsn(Type.getObjectType(type));
      init.visitLdcInsn(at);
      init.visitMethodInsn(INVOKESTATIC, "java/lang/invoke/MethodHandles", "classDataAt",
          "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)"
              + "Ljava/lang/Object;", false);
      init.visitTypeInsn(CHECKCAST, type);
      init.visitFieldInsn(PUTSTATIC, className, "constant" + at, descriptor);
    }
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
  }

  // ---- Frames ----

  /**
   * The frame at a place where the frame's stack holds {@code defined} values (a jump target of
   * the Lox code, or a place inside an instruction that has that many below it): the parameters,
   * the function, a loop's round counter, and each of those values that lives in locals. Every
   * path to such a place has set them: whatever pushes a value sets both of its locals.
   */
  private void frameAt(int defined) {
    frames.frame(locals(defined, false));
  }

  /**
   * The frame at a method's entry stubs and around its loops' calls, where no value is in
   * locals yet (or they are all on the VM's stacks), with {@code pc} set or not.
   */
  private void entryFrame(boolean pc) {
    frames.frame(locals(0, pc));
  }

  private Object[] locals(int defined, boolean pc) {
    return locals(defined, pc, false);
  }

  /** As {@link #locals(int, boolean)}, with the callee's closure where runCallee keeps it. */
  private Object[] locals(int defined, boolean pc, boolean callee) {
    // The same array for the same frame, which FrameKeeper then finds the same at a glance.
    int key = (defined * 2 + (pc ? 1 : 0)) * 2 + (callee ? 1 : 0);
    Object[][] known = method.frameLocals;
    if (key < known.length && known[key] != null) {
      return known[key];
    }
    // In a frame a double is one entry (for its two locals); an unset local is one TOP each.
    Object[] locals = new Object[SLOTS + 3 * (fn.maxStack + 1) + 2];
    locals[VM_LOCAL] = VM;
    locals[CLOSURE] = CLOSURE_CLASS;
    locals[BASE] = INTEGER;
    locals[FC] = INTEGER;
    locals[ENTRY] = INTEGER;
    locals[FN] = FUNCTION;
    locals[ROUNDS] = method.region.ownEntries.isEmpty() ? TOP : INTEGER;
    locals[PC] = pc ? INTEGER : TOP;
    int size = SLOTS;
    for (int slot = 0; slot <= fn.maxStack; slot++) {
      if (slot < defined && inLocals(slot)) {
        locals[size++] = "java/lang/Object";
        locals[size++] = DOUBLE;
      } else {
        locals[size++] = TOP;
        locals[size++] = TOP;
        locals[size++] = TOP;
      }
    }
    locals[size++] = callee ? CLOSURE_CLASS : TOP;
    locals[size++] = method.roomChecked ? INTEGER : TOP;
    while (locals[size - 1] == TOP) {
      size--;
    }
    locals = Arrays.copyOf(locals, size);
    if (key < known.length) {
      known[key] = locals;
    }
    return locals;
  }

  // ---- Where values live ----

  /**
   * The values of the frame's stack slots live in JVM locals (a reference, and a double beside
   * it for numbers), where HotSpot keeps them in registers, except for the slots that a closure
   * captures, which stay on the VM's stacks where their upvalues read them. Calls, loops and the
   * VM's own slow paths find values on the VM's stacks: the code stores the local ones there
   * first ({@link #storeRange}) and loads them back after ({@link #loadRange}).
   */
  private boolean inLocals(int slot) {
    return !captured[slot];
  }

  private static int refLocal(int slot) {
    return SLOTS + 3 * slot;
  }

  private static int numLocal(int slot) {
    return SLOTS + 3 * slot + 1;
  }

  private void loadRef(int slot) {
    if (inLocals(slot)) {
      mv.visitVarInsn(ALOAD, refLocal(slot));
    } else {
      arrayElement("refs", "[Ljava/lang/Object;", slot);
      mv.visitInsn(AALOAD);
    }
  }

  private void loadNum(int slot) {
    if (inLocals(slot)) {
      mv.visitVarInsn(DLOAD, numLocal(slot));
    } else {
      arrayElement("nums", "[D", slot);
      mv.visitInsn(DALOAD);
    }
  }

  /** Pushes the value in {@code slot} as two operands, a reference and a double. */
  private void loadValue(int slot) {
    loadRef(slot);
    loadNum(slot);
  }

  /** Stores the reference on the operand stack into {@code slot}. */
  private void storeRef(int slot) {
    if (inLocals(slot)) {
      mv.visitVarInsn(ASTORE, refLocal(slot));
    } else {
      mv.visitVarInsn(ASTORE, tempLocal);
      arrayElement("refs", "[Ljava/lang/Object;", slot);
      mv.visitVarInsn(ALOAD, tempLocal);
      mv.visitInsn(AASTORE);
    }
  }

  /** Stores the double on the operand stack into {@code slot}. */
  private void storeNum(int slot) {
    if (inLocals(slot)) {
      mv.visitVarInsn(DSTORE, numLocal(slot));
    } else {
      mv.visitVarInsn(DSTORE, tempNumLocal);
      arrayElement("nums", "[D", slot);
      mv.visitVarInsn(DLOAD, tempNumLocal);
      mv.visitInsn(DASTORE);
    }
  }

  /** Stores the number on the operand stack into {@code slot}: its reference becomes null. */
  private void storeNumber(int slot) {
    storeNum(slot);
    mv.visitInsn(ACONST_NULL);
    storeRef(slot);
  }

  /**
   * Stores the reference on the operand stack into {@code slot}, with 0 as its number, so that
   * a local's number is set wherever its reference is.
   */
  private void storeObject(int slot) {
    storeRef(slot);
    mv.visitInsn(DCONST_0);
    storeNum(slot);
  }

  /** Stores into {@code slot}'s number what the last support call left in {@code VM.resultNum}. */
  private void resultNum(int slot) {
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "resultNum", "D");
    storeNum(slot);
  }

  private void constantObject(int slot, String owner, String field, String descriptor) {
    mv.visitFieldInsn(GETSTATIC, owner, field, descriptor);
    storeObject(slot);
  }

  private void copy(int from, int to) {
    loadRef(from);
    storeRef(to);
    loadNum(from);
    storeNum(to);
  }

  /** Pushes the VM's array {@code field} and the absolute index of {@code slot}. */
  private void arrayElement(String field, String descriptor, int slot) {
    vm();
    mv.visitFieldInsn(GETFIELD, VM, field, descriptor);
    slot(slot);
  }

  /** Copies {@code count} slots from {@code first} on, where in locals, to the VM's stacks. */
  private void storeRange(int first, int count) {
    boolean hoisted = hoistStacks(first, count);
    for (int slot = first; slot < first + count; slot++) {
      if (inLocals(slot)) {
        stackElement(hoisted, stackRefsLocal, "refs", "[Ljava/lang/Object;", slot);
        mv.visitVarInsn(ALOAD, refLocal(slot));
        mv.visitInsn(AASTORE);
        stackElement(hoisted, stackNumsLocal, "nums", "[D", slot);
        mv.visitVarInsn(DLOAD, numLocal(slot));
        mv.visitInsn(DASTORE);
      }
    }
  }

  /** Copies {@code count} slots from {@code first} on, where in locals, from the VM's stacks. */
  private void loadRange(int first, int count) {
    boolean hoisted = hoistStacks(first, count);
    for (int slot = first; slot < first + count; slot++) {
      if (inLocals(slot)) {
        stackElement(hoisted, stackRefsLocal, "refs", "[Ljava/lang/Object;", slot);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ASTORE, refLocal(slot));
        stackElement(hoisted, stackNumsLocal, "nums", "[D", slot);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DSTORE, numLocal(slot));
      }
    }
  }

  /**
   * For a copy of more than a couple of slots, loads the VM's two stack arrays into locals once,
   * which keeps long copies (a call with many arguments) small enough for HotSpot to compile.
   */
  private boolean hoistStacks(int first, int count) {
    int moved = 0;
    for (int slot = first; slot < first + count; slot++) {
      moved += inLocals(slot) ? 1 : 0;
    }
    if (moved <= 2) {
      return false;
    }
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "refs", "[Ljava/lang/Object;");
    mv.visitVarInsn(ASTORE, stackRefsLocal);
    vm();
    mv.visitFieldInsn(GETFIELD, VM, "nums", "[D");
    mv.visitVarInsn(ASTORE, stackNumsLocal);
    return true;
  }

  private void stackElement(boolean hoisted, int local, String field, String descriptor, int slot) {
    if (hoisted) {
      mv.visitVarInsn(ALOAD, local);
      slot(slot);
    } else {
      arrayElement(field, descriptor, slot);
    }
  }

  private void storeAll(int depth) {
    storeRange(0, depth);
  }

  private void loadAll(int depth) {
    loadRange(0, depth);
  }

  // ---- Operands ----

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

  /**
   * At the start of a loop this method runs: counts the round, and every {@link
   * #ROUNDS_PER_CALL}th time returns the start instead, for its caller to call this method again.
   * HotSpot compiles a method that is called often far sooner than one that is entered once and
   * loops (whose back edges must first reach an on-stack-replacement threshold, tens of thousands
   * of rounds in the JVM's interpreter), so a hot loop gets compiled code within a couple of
   * thousand rounds. The count is here rather than at the back edge, which is then a plain jump:
   * with a second exit at the bottom, HotSpot rotated the loop by copying its body (zoo's loop
   * took 60 ms to compile instead of 32, and ran 16% longer).
   */
  private void countRound(int start) {
    Label next = new Label();
    mv.visitIincInsn(ROUNDS, 1);
    mv.visitVarInsn(ILOAD, ROUNDS);
    push(ROUNDS_PER_CALL);
    mv.visitJumpInsn(IF_ICMPLE, next);
    storeAll(depths.depthAt(start));
    push(start);
    mv.visitInsn(IRETURN);
    mv.visitLabel(next);
    frameAt(depths.depthAt(start));
  }

  /** A back edge: to the start of the loop this method runs (see countRound), or out of it. */
  private void backEdge(int target) {
    if (method.owns(target)) {
      mv.visitJumpInsn(GOTO, method.label(target));
    } else {
      jump(GOTO, target);
    }
  }

  /**
   * A jump to {@code target}: within this method, to its label; out of it (past the end of the
   * loop this method runs), by storing the live values and returning the target for the caller
   * to continue at.
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
        frameAt(depths.depthAt(target));
        storeAll(depths.depthAt(target));
        push(target);
        mv.visitInsn(IRETURN);
      });
    }
  }
}
