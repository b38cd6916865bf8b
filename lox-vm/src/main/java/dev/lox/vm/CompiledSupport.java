package dev.lox.vm;

import dev.lox.runtime.Arithmetic;
import dev.lox.runtime.BoundMethod;
import dev.lox.runtime.Closure;
import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.GlobalCell;
import dev.lox.runtime.LoxClass;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxInstance;
import dev.lox.runtime.LoxString;
import dev.lox.runtime.Nil;
import dev.lox.runtime.PropertyCache;
import dev.lox.runtime.Shape;
import dev.lox.runtime.Upvalue;
import java.lang.invoke.MethodHandles;

/**
 * What compiled code calls: one static method per instruction that does more than move control,
 * each behaving exactly as the interpreter's case for it, errors included. Slots are absolute
 * stack indices (the compiled code knows the stack depth at every instruction, so it passes
 * constants relative to its frame's base). A method that can fail takes the frame and the
 * offset to report, and throws {@link VM.Abort} once the error is printed.
 *
 * <p>The methods are small so that HotSpot inlines them into the compiled code; rare paths call
 * the VM's own helpers, which the interpreter uses too.
 */
final class CompiledSupport {
  /** Defines compiled classes in this package, where they may call these methods. */
  static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

  private CompiledSupport() {}

  // ---- Variables ----

  // Compiled code holds the cells of the globals it names (the VM finds them before the tier
  // translates a function).

  /** GET_GLOBAL: the cell, checked to be defined; the code reads its value. */
  static GlobalCell definedCell(VM vm, GlobalCell cell, int fc, int ip) {
    if (cell.ref == GlobalCell.UNDEFINED) {
      throw vm.abort(fc, ip, VM.undefinedVariable(cell));
    }
    return cell;
  }

  static void defineCell(GlobalCell cell, Object ref, double num) {
    cell.ref = ref;
    cell.num = num;
  }

  static void setCell(VM vm, GlobalCell cell, Object ref, double num, int fc, int ip) {
    if (cell.ref == GlobalCell.UNDEFINED) {
      throw vm.abort(fc, ip, VM.undefinedVariable(cell));
    }
    cell.ref = ref;
    cell.num = num;
  }

  /** GET_UPVALUE: returns the reference, and leaves the number in {@link VM#resultNum}. */
  static Object getUpvalue(VM vm, Closure closure, int index) {
    Upvalue upvalue = closure.upvalues[index];
    int at = upvalue.slot;
    if (at >= 0) {
      vm.resultNum = vm.nums[at];
      return vm.refs[at];
    }
    vm.resultNum = upvalue.num;
    return upvalue.ref;
  }

  static void setUpvalue(VM vm, Closure closure, int index, Object ref, double num) {
    Upvalue upvalue = closure.upvalues[index];
    int at = upvalue.slot;
    if (at >= 0) {
      vm.refs[at] = ref;
      vm.nums[at] = num;
    } else {
      upvalue.ref = ref;
      upvalue.num = num;
    }
  }

  // ---- Properties ----

  /**
   * GET_PROPERTY and GET_LOCAL_PROPERTY at {@code at}, the name at {@code nameAt}: returns the
   * receiver's property, its number in {@link VM#resultNum}. A cache miss hands the receiver to
   * the VM's own lookup in {@code slot}, the slot the result goes to.
   */
  static Object getProperty(
      VM vm, LoxFunction fn, int at, int nameAt, Object ref, double num, int slot, int fc, int ip) {
    if (ref instanceof LoxInstance instance) {
      PropertyCache cache = fn.caches[at];
      if (cache != null && (cache = cache.find(instance.shape)) != null) {
        int field = cache.slot;
        if (field >= 0) {
          vm.resultNum = instance.num(field);
          return instance.ref(field);
        }
        return new BoundMethod(instance, cache.method);
      }
    }
    return getPropertyUncached(vm, fn, nameAt, at, ref, num, slot, fc, ip);
  }

  private static Object getPropertyUncached(
      VM vm, LoxFunction fn, int nameAt, int at, Object ref, double num, int slot, int fc, int ip) {
    vm.refs[slot] = ref;
    vm.nums[slot] = num;
    String error = vm.getProperty(fn, at, VM.constantString(fn, fn.code, nameAt), slot + 1);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
    vm.resultNum = vm.nums[slot];
    return vm.refs[slot];
  }

  /**
   * SET_PROPERTY: sets the property of {@code target} to the value; the code then moves the
   * value into the target's slot. A cache miss hands both to the VM's own code from {@code slot}.
   */
  static void setProperty(VM vm, LoxFunction fn, int at, Object target, Object ref, double num,
      int slot, int fc, int ip) {
    if (target instanceof LoxInstance instance) {
      PropertyCache cache = fn.caches[at];
      if (cache != null && (cache = cache.find(instance.shape)) != null) {
        int field = cache.slot;
        Shape next = cache.next;
        if (next != null) {
          instance.takeShape(next, field);
        }
        instance.set(field, ref, num);
        return;
      }
    }
    setPropertyUncached(vm, fn, at, target, ref, num, slot, fc, ip);
  }

  private static void setPropertyUncached(VM vm, LoxFunction fn, int at, Object target,
      Object ref, double num, int slot, int fc, int ip) {
    vm.refs[slot] = target;
    vm.refs[slot + 1] = ref;
    vm.nums[slot + 1] = num;
    String error = vm.setProperty(fn, at, VM.constantString(fn, fn.code, at + 1), slot + 2);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  /** GET_SUPER: the receiver in {@code slot}, the superclass above it, on the VM's stacks. */
  static void getSuper(VM vm, LoxFunction fn, int index, int slot, int fc, int ip) {
    if (!(vm.refs[slot + 1] instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    String error = vm.bindMethod(superclass, (LoxString) fn.constRefs[index], slot);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  // ---- Operators ----

  /** Numbers by value (so NaN is unequal to itself), strings by bytes, the rest by identity. */
  static boolean equal(Object a, double an, Object b, double bn) {
    return a == null
        ? b == null && an == bn
        : a == b || (b instanceof LoxString && b.equals(a));
  }

  static void requireNumbers(VM vm, Object a, Object b, int fc, int ip) {
    if (a != null || b != null) {
      throw vm.abort(fc, ip, "Operands must be numbers.");
    }
  }

  static void requireNumber(VM vm, Object a, int fc, int ip, String message) {
    if (a != null) {
      throw vm.abort(fc, ip, message);
    }
  }

  /** ADD of anything but two numbers: two strings joined, or the error. */
  static Object addOther(VM vm, Object a, Object b, int fc, int ip) {
    if (b instanceof LoxString right && a instanceof LoxString left) {
      LoxString joined = LoxString.concat(left, right);
      if (joined == null) {
        throw vm.abort(fc, ip, VM.concatFailure(left, right));
      }
      return joined;
    }
    throw vm.abort(fc, ip, "Operands must be two numbers or two strings.");
  }

  static boolean isFalsey(Object value) {
    return value == Nil.NIL || value == Boolean.FALSE;
  }

  /**
   * NOT: one call, where isFalsey and Boolean.valueOf were two (each call costs HotSpot's first
   * compiled code, which counts them, a good part of a simple instruction's time).
   */
  static Boolean not(Object value) {
    return value == Nil.NIL || value == Boolean.FALSE ? Boolean.TRUE : Boolean.FALSE;
  }

  static void print(VM vm, Object ref, double num, int fc, int ip) {
    String error = vm.print(ref, num);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  /** The back edge of a loop: where a stop request takes effect. */
  static void loop(VM vm) {
    if (vm.stopRequested) {
      throw vm.abortStopped();
    }
  }

  // ---- Calls ----

  /**
   * CALL, first half: the callee in {@code slot}, its arguments above. Returns the closure when
   * the compiled code should run it (its frame pushed; the caller then calls its {@code run});
   * otherwise makes the whole call itself and returns null. Either way the result ends up in
   * {@code slot}. The compiled caller makes the call, so that each call site has a type profile
   * of its own and HotSpot can bind it to the one function it calls.
   */
  static Closure call(VM vm, int slot, int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    Object called = vm.refs[slot];
    if (called instanceof Closure closure && closure.function.arity == argCount) {
      return enter(vm, closure, slot, argCount, fc, ip);
    }
    return callOther(vm, called, slot, argCount, fc, ip);
  }

  /** CALL of anything but a closure of the right arity: classes, bound methods, natives, errors. */
  private static Closure callOther(VM vm, Object called, int slot, int argCount, int fc, int ip) {
    Closure target = closureOf(called);
    if (target != null && target.function.arity == argCount) {
      vm.refs[slot] = slotZeroOf(called);
      return enter(vm, target, slot, argCount, fc, ip);
    }
    vm.frameCount = fc + 1;
    vm.sp = slot + argCount + 1;
    finishSlowCall(vm, vm.callValue(called, argCount), fc, ip);
    return null;
  }

  /** The closure a call of a class (its initializer, or null) or of a bound method runs. */
  private static Closure closureOf(Object called) {
    return called instanceof LoxClass klass ? klass.initializer()
        : called instanceof BoundMethod bound ? bound.method
        : null;
  }

  /** Slot zero of the frame that {@link #closureOf} runs: a new instance, or the receiver. */
  private static Object slotZeroOf(Object called) {
    return called instanceof BoundMethod bound
        ? bound.receiver
        : new LoxInstance((LoxClass) called);
  }

  /** INVOKE, first half, as {@link #call}: the receiver in {@code slot}, its arguments above. */
  static Closure invoke(VM vm, LoxFunction fn, int at, int slot, int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    PropertyCache cache = fn.caches[at];
    if (cache != null
        && vm.refs[slot] instanceof LoxInstance instance
        && (cache = cache.find(instance.shape)) != null
        && cache.slot < 0
        && cache.method.function.arity == argCount) {
      return enter(vm, cache.method, slot, argCount, fc, ip);
    }
    return invokeUncached(vm, fn, at, slot, argCount, fc, ip);
  }

  private static Closure invokeUncached(
      VM vm, LoxFunction fn, int at, int slot, int argCount, int fc, int ip) {
    vm.frameCount = fc + 1;
    vm.sp = slot + argCount + 1;
    finishSlowCall(vm, vm.invoke(fn, at, argCount), fc, ip);
    return null;
  }

  /**
   * SUPER_INVOKE, first half, as {@link #call}: the receiver in {@code slot}, then the
   * arguments, then the superclass (which the callee's frame then covers).
   */
  static Closure superInvoke(
      VM vm, LoxFunction fn, int at, int slot, int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    if (!(vm.refs[slot + argCount + 1] instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    Closure method = VM.superMethod(fn, at, superclass);
    if (method == null) {
      throw vm.abort(fc, ip, VM.undefinedProperty(VM.superName(fn, at)));
    }
    if (method.function.arity == argCount) {
      return enter(vm, method, slot, argCount, fc, ip);
    }
    // The arity error, as the VM's own call reports it.
    vm.frameCount = fc + 1;
    vm.sp = slot + argCount + 1;
    finishSlowCall(vm, vm.callClosure(method, argCount), fc, ip);
    return null;
  }

  // ---- Direct calls ----
  //
  // A compiled call site with few arguments first asks one of the *Target methods for the
  // callee: a closure with compiled code, of the right arity, with room for its frame, which
  // they push; the site then passes the values of the callee's first slots to the compiled code
  // as parameters (see CompiledCode#call). Anything else (a native, a callee still interpreted,
  // an error, stacks to grow, a stop to take) gets null, with nothing done, and the site makes
  // the call the general way, through the *Slow methods, with the values on the VM's stacks.

  /** CALL of {@code callee}, in {@code slot}; the frame's slot zero goes to VM.callReceiver. */
  static Closure callTarget(VM vm, Object callee, int slot, int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    if (callee instanceof Closure closure) {
      if (!canCallDirectly(vm, closure, slot, argCount, fc)) {
        return null;
      }
      vm.callReceiver = closure;
      return pushFrame(vm, closure, fc);
    }
    return callOtherTarget(vm, callee, slot, argCount, fc);
  }

  /** {@link #callTarget} of a class with an initializer, or of a bound method. */
  private static Closure callOtherTarget(VM vm, Object callee, int slot, int argCount, int fc) {
    Closure target = closureOf(callee);
    if (target == null || !canCallDirectly(vm, target, slot, argCount, fc)) {
      return null;
    }
    vm.callReceiver = slotZeroOf(callee);
    return pushFrame(vm, target, fc);
  }

  /** INVOKE of a method on {@code receiver}, which is in {@code slot}. */
  static Closure invokeTarget(VM vm, LoxFunction fn, int at, Object receiver, int slot,
      int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    PropertyCache cache = fn.caches[at];
    if (cache != null
        && receiver instanceof LoxInstance instance
        && (cache = cache.find(instance.shape)) != null
        && cache.slot < 0
        && canCallDirectly(vm, cache.method, slot, argCount, fc)) {
      return pushFrame(vm, cache.method, fc);
    }
    return null;
  }

  /** The SUPER_INVOKE at {@code at}, of its method of {@code superclass}. */
  static Closure superTarget(VM vm, LoxFunction fn, int at, Object superclass, int slot,
      int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    if (superclass instanceof LoxClass klass) {
      Closure method = VM.superMethod(fn, at, klass);
      if (method != null && canCallDirectly(vm, method, slot, argCount, fc)) {
        return pushFrame(vm, method, fc);
      }
    }
    return null;
  }

  /** Whether compiled code can run a call of {@code target} in {@code slot} with no more ado. */
  private static boolean canCallDirectly(
      VM vm, Closure target, int slot, int argCount, int fc) {
    LoxFunction function = target.function;
    return function.arity == argCount
        && function.compiled != null
        && hasRoom(vm, target, slot, fc);
  }

  /**
   * Whether the calls of known callees in a method running in frame {@code fc} (those that run
   * in place, see the translator's inlineCall, and methods it calls directly), whose frames reach
   * up the VM's stacks to {@code top} at most, have room, as {@link #hasRoom} says of one: asked
   * once, when the method starts, as none of it changes while the method runs but by growing.
   * Without room, the sites make their calls the general way (which grows the stacks, or reports
   * the overflow, or goes on in the interpreter). A direct call's site checks for a pending stop
   * itself; code that runs in place has no calls or jumps, and leaves the stop to the next.
   *
   * @return 1 for room, 0 for none: the three comparisons as the sign bits of differences, with
   *     no branch and few enough bytes that HotSpot's first compiler inlines it at every start
   */
  static int roomForKnownCalls(VM vm, int top, int fc) {
    return ((fc + 1 - vm.frameClosures.length) & (top - vm.refs.length - 1)
        & (vm.compiledDepth - VM.COMPILED_DEPTH_MAX)) >>> 31;
  }

  /**
   * Whether a call of {@code target} in {@code slot} from frame {@code fc} can push its frame
   * at once: the stacks need not grow, compiled calls do not nest too deep, no stop is pending.
   */
  private static boolean hasRoom(VM vm, Closure target, int slot, int fc) {
    return fc + 1 < vm.frameClosures.length
        && slot + target.function.maxStack <= vm.refs.length
        && vm.compiledDepth < VM.COMPILED_DEPTH_MAX
        && !vm.stopSoon;
  }

  /**
   * Pushes the callee's frame above frame {@code fc}: its closure, for traces. Not the base:
   * nothing reads a compiled frame's (the interpreter never returns into one). Not the ip: the
   * frame sets it where a trace can need it, when it calls (call, invoke) or fails (VM.abort).
   * The compiled code counts itself against the depth limit. (The translator's pushKnownFrame
   * writes the same into a call site's own code, with the caller's ip.)
   */
  private static Closure pushFrame(VM vm, Closure target, int fc) {
    vm.frameClosures[fc + 1] = target;
    vm.frameCount = fc + 2;
    return target;
  }

  /** CALL the general way: the result ends up in {@code slot}. */
  static void callSlow(VM vm, int slot, int argCount, int fc, int ip) {
    runEntered(vm, call(vm, slot, argCount, fc, ip), slot, argCount, fc);
  }

  /** INVOKE the general way: the result ends up in {@code slot}. */
  static void invokeSlow(VM vm, LoxFunction fn, int at, int slot, int argCount, int fc, int ip) {
    runEntered(vm, invoke(vm, fn, at, slot, argCount, fc, ip), slot, argCount, fc);
  }

  /** SUPER_INVOKE the general way: the result ends up in {@code slot}. */
  static void superInvokeSlow(
      VM vm, LoxFunction fn, int at, int slot, int argCount, int fc, int ip) {
    runEntered(vm, superInvoke(vm, fn, at, slot, argCount, fc, ip), slot, argCount, fc);
  }

  /**
   * Runs the call whose frame {@link #call}, {@link #invoke} or {@link #superInvoke} pushed for
   * {@code target} (none when null: the call is done), as a compiled site does after them.
   */
  private static void runEntered(VM vm, Closure target, int slot, int argCount, int fc) {
    if (target == null) {
      return;
    }
    CompiledCode code = target.function.compiled;
    if (code == null && (code = uncompiled(vm, target, slot, argCount, fc)) == null) {
      return;
    }
    code.run(vm, target, slot, fc + 1, 0);
  }

  /**
   * After the VM's own call helpers: they either failed, finished the call (a native, a class
   * without initializer, a field holding a native), or pushed a frame that must now run.
   */
  private static void finishSlowCall(VM vm, String error, int fc, int ip) {
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
    int top = vm.frameCount - 1;
    if (top > fc) {
      vm.runCall(vm.frameClosures[top], top, vm.sp - vm.frameBases[top] - 1);
    } else if (vm.stopRequested) {
      // As the interpreter does after a native: a stop that woke it takes effect at once.
      throw vm.abortStopped();
    }
  }

  /**
   * Pushes a frame for a closure of the right arity and returns the closure, for the calling
   * site to run; or, when the stacks must grow or a stop is pending, does what {@link
   * #enterOther} does. The common case is kept short so that HotSpot inlines it at every call
   * site. Whether the callee has compiled code yet is for the site to check (see {@link
   * #uncompiled}): each site then has a branch profile of its own, so that callees interpreted
   * at one site while they warm up do not make HotSpot compile the slow path into all the others.
   */
  private static Closure enter(VM vm, Closure target, int slot, int argCount, int fc, int ip) {
    return hasRoom(vm, target, slot, fc)
        ? pushFrame(vm, target, fc)
        : enterOther(vm, target, slot, argCount, fc, ip);
  }

  /**
   * {@link #enter} when the stacks must grow, a stop is pending, or compiled calls nest too deep:
   * returns the closure when compiled code is to run it, otherwise interprets the call to its
   * return and returns null.
   */
  private static Closure enterOther(VM vm, Closure target, int slot, int argCount, int fc, int ip) {
    LoxFunction callee = target.function;
    int calleeFc = fc + 1;
    if (calleeFc == vm.frameClosures.length && !vm.growFrames()) {
      throw vm.abort(fc, ip, "Stack overflow.");
    }
    if (slot + callee.maxStack > vm.refs.length && !vm.growStack(slot + callee.maxStack)) {
      throw vm.abort(fc, ip, "Stack overflow.");
    }
    pushFrame(vm, target, fc);
    return uncompiled(vm, target, slot, argCount, fc) != null ? target : null;
  }

  /**
   * The rest of a call whose frame has its closure and count: returns the callee's compiled code
   * to run it with (compiling it now if it has just become hot), or interprets the call to its
   * return and returns null, when it is not hot yet or compiled calls already nest as deep as
   * the JVM stack allows. For {@link #enterOther}, and for the second half of CALL, INVOKE and
   * SUPER_INVOKE when the closure the first half returned has no compiled code.
   */
  static CompiledCode uncompiled(VM vm, Closure target, int slot, int argCount, int fc) {
    int calleeFc = fc + 1;
    vm.frameBases[calleeFc] = slot;
    vm.frameIps[calleeFc] = 0;
    if (vm.stopRequested) {
      throw vm.abortStopped();
    }
    if (vm.readyToCompile(target.function)) {
      return target.function.compiled;
    }
    vm.interpretCall(calleeFc, argCount);
    return null;
  }

  /**
   * Leaves frame {@code fc} from {@code ip} on to the interpreter that moved it into compiled
   * code at a loop, its values on the VM's stacks up to {@code sp}: for a script translated for
   * that loop only, once the loop is done. The script's next hot loop is translated anew, with
   * what the caches of that loop have seen by then.
   */
  static void resumeInterpreting(VM vm, int fc, int ip, int sp) {
    LoxFunction script = vm.frameClosures[fc].function;
    script.compiled = null;
    script.hotness = 0;
    vm.resumeAt(fc, ip, sp);
  }

  /**
   * Interprets frame {@code fc}, its closure set and values in place from {@code base}, from its
   * function's start to its return (the result in {@code base}): for compiled code that has no
   * code for the start (a script translated from a loop on).
   */
  static void interpretFrame(VM vm, int base, int fc) {
    vm.frameBases[fc] = base;
    vm.frameIps[fc] = 0;
    vm.interpretCall(fc, vm.frameClosures[fc].function.arity);
  }

  // ---- Closures, classes, returns ----

  /** CLOSURE at offset {@code at}: a new closure, capturing slots of the frame at {@code base}. */
  static Closure closure(VM vm, Closure enclosing, LoxFunction fn, int at, int base) {
    byte[] code = fn.code;
    LoxFunction function = (LoxFunction) fn.constRefs[code[at + 1] & 0xff];
    Closure created = new Closure(function);
    Upvalue[] upvalues = created.upvalues;
    int ip = at + 2;
    for (int i = 0; i < upvalues.length; i++) {
      int isLocal = code[ip++];
      int index = code[ip++] & 0xff;
      upvalues[i] = isLocal != 0 ? vm.captureUpvalue(base + index) : enclosing.upvalues[index];
    }
    return created;
  }

  static void closeUpvalue(VM vm, int slot) {
    vm.closeUpvalues(slot);
  }

  /** RETURN: the result to the frame's base, its upvalues closed. */
  static void ret(VM vm, int base, Object ref, double num) {
    if (vm.openUpvalues != null) {
      vm.closeUpvalues(base);
    }
    vm.refs[base] = ref;
    vm.nums[base] = num;
  }

  static LoxClass klass(LoxFunction fn, int index) {
    return new LoxClass((LoxString) fn.constRefs[index]);
  }

  static void inherit(VM vm, Object superclassValue, Object subclassValue, int fc, int ip) {
    if (!(superclassValue instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    if (!(subclassValue instanceof LoxClass subclass)) {
      throw vm.abort(fc, ip, "Only classes can inherit.");
    }
    subclass.inherit(superclass);
  }

  static void method(VM vm, LoxFunction fn, int index, Object klassValue, Object methodValue,
      int fc, int ip) {
    LoxString name = (LoxString) fn.constRefs[index];
    if (!(klassValue instanceof LoxClass klass) || !(methodValue instanceof Closure method)) {
      throw vm.abort(fc, ip, "Methods are closures added to classes.");
    }
    klass.defineMethod(name, method, name.equals(vm.initString));
  }
}
