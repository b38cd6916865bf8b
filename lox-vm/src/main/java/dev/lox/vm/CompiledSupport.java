package dev.lox.vm;

import dev.lox.runtime.Arithmetic;
import dev.lox.runtime.BoundMethod;
import dev.lox.runtime.Closure;
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

  // ---- Values and variables ----

  static void number(VM vm, double value, int slot) {
    vm.refs[slot] = null;
    vm.nums[slot] = value;
  }

  static void value(VM vm, Object value, int slot) {
    vm.refs[slot] = value;
  }

  static void constant(VM vm, LoxFunction fn, int index, int slot) {
    vm.refs[slot] = fn.constRefs[index];
  }

  static void copy(VM vm, int from, int to) {
    vm.refs[to] = vm.refs[from];
    vm.nums[to] = vm.nums[from];
  }

  static void getGlobal(VM vm, LoxFunction fn, int index, int slot, int fc, int ip) {
    GlobalCell cell = vm.global(fn, index);
    Object value = cell.ref;
    if (value == GlobalCell.UNDEFINED) {
      throw vm.abort(fc, ip, VM.undefinedVariable(cell));
    }
    vm.refs[slot] = value;
    vm.nums[slot] = cell.num;
  }

  static void defineGlobal(VM vm, LoxFunction fn, int index, int slot) {
    GlobalCell cell = vm.global(fn, index);
    cell.ref = vm.refs[slot];
    cell.num = vm.nums[slot];
  }

  static void setGlobal(VM vm, LoxFunction fn, int index, int slot, int fc, int ip) {
    GlobalCell cell = vm.global(fn, index);
    if (cell.ref == GlobalCell.UNDEFINED) {
      throw vm.abort(fc, ip, VM.undefinedVariable(cell));
    }
    cell.ref = vm.refs[slot];
    cell.num = vm.nums[slot];
  }

  static void getUpvalue(VM vm, Closure closure, int index, int slot) {
    Upvalue upvalue = closure.upvalues[index];
    int at = upvalue.slot;
    if (at >= 0) {
      vm.refs[slot] = vm.refs[at];
      vm.nums[slot] = vm.nums[at];
    } else {
      vm.refs[slot] = upvalue.ref;
      vm.nums[slot] = upvalue.num;
    }
  }

  static void setUpvalue(VM vm, Closure closure, int index, int slot) {
    Upvalue upvalue = closure.upvalues[index];
    int at = upvalue.slot;
    if (at >= 0) {
      vm.refs[at] = vm.refs[slot];
      vm.nums[at] = vm.nums[slot];
    } else {
      upvalue.ref = vm.refs[slot];
      upvalue.num = vm.nums[slot];
    }
  }

  // ---- Properties ----

  /** GET_PROPERTY: replaces the instance in {@code slot} with its property. */
  static void getProperty(VM vm, LoxFunction fn, int at, int slot, int fc, int ip) {
    if (vm.refs[slot] instanceof LoxInstance instance) {
      PropertyCache cache = fn.caches[at];
      if (cache != null && (cache = cache.find(instance.shape)) != null) {
        readCached(vm, instance, cache, slot);
        return;
      }
    }
    String error = vm.getProperty(fn, at, VM.constantString(fn, fn.code, at + 1), slot + 1);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  /** GET_LOCAL_PROPERTY: pushes into {@code slot} a property of the value in {@code local}. */
  static void getLocalProperty(VM vm, LoxFunction fn, int at, int local, int slot, int fc, int ip) {
    Object receiver = vm.refs[local];
    if (receiver instanceof LoxInstance instance) {
      PropertyCache cache = fn.caches[at];
      if (cache != null && (cache = cache.find(instance.shape)) != null) {
        readCached(vm, instance, cache, slot);
        return;
      }
    }
    vm.refs[slot] = receiver;
    vm.nums[slot] = vm.nums[local];
    String error = vm.getProperty(fn, at, VM.constantString(fn, fn.code, at + 2), slot + 1);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  private static void readCached(VM vm, LoxInstance instance, PropertyCache cache, int slot) {
    int field = cache.slot;
    if (field >= 0) {
      vm.refs[slot] = instance.refs[field];
      vm.nums[slot] = instance.nums[field];
    } else {
      vm.refs[slot] = new BoundMethod(instance, cache.method);
    }
  }

  /** SET_PROPERTY: the instance in {@code slot}, the value above it; leaves the value in slot. */
  static void setProperty(VM vm, LoxFunction fn, int at, int slot, int fc, int ip) {
    Object[] refs = vm.refs;
    double[] nums = vm.nums;
    if (refs[slot] instanceof LoxInstance instance) {
      PropertyCache cache = fn.caches[at];
      if (cache != null && (cache = cache.find(instance.shape)) != null) {
        int field = cache.slot;
        Shape next = cache.next;
        if (next != null) {
          if (field == instance.refs.length) {
            instance.growFields();
          }
          instance.shape = next;
        }
        instance.refs[field] = refs[slot + 1];
        instance.nums[field] = nums[slot + 1];
        refs[slot] = refs[slot + 1];
        nums[slot] = nums[slot + 1];
        return;
      }
    }
    String error = vm.setProperty(fn, at, VM.constantString(fn, fn.code, at + 1), slot + 2);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  /** GET_SUPER: the receiver in {@code slot}, the superclass above it. */
  static void getSuper(VM vm, LoxFunction fn, int index, int slot, int fc, int ip) {
    if (!(vm.refs[slot + 1] instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    String error = vm.bindMethod(superclass, (LoxString) fn.constRefs[index], slot);
    if (error != null) {
      throw vm.abort(fc, ip, error);
    }
  }

  // ---- Operators: the operands in slot and slot + 1, the result in slot ----

  static void equal(VM vm, int slot) {
    vm.refs[slot] = VM.equal(vm.refs, vm.nums, slot + 2) ? Boolean.TRUE : Boolean.FALSE;
  }

  static boolean isEqual(VM vm, int slot) {
    return VM.equal(vm.refs, vm.nums, slot + 2);
  }

  static void greater(VM vm, int slot, int fc, int ip) {
    vm.refs[slot] = isGreater(vm, slot, fc, ip) ? Boolean.TRUE : Boolean.FALSE;
  }

  static void less(VM vm, int slot, int fc, int ip) {
    vm.refs[slot] = isLess(vm, slot, fc, ip) ? Boolean.TRUE : Boolean.FALSE;
  }

  static boolean isGreater(VM vm, int slot, int fc, int ip) {
    checkNumbers(vm, slot, fc, ip);
    return vm.nums[slot] > vm.nums[slot + 1];
  }

  static boolean isLess(VM vm, int slot, int fc, int ip) {
    checkNumbers(vm, slot, fc, ip);
    return vm.nums[slot] < vm.nums[slot + 1];
  }

  static void add(VM vm, int slot, int fc, int ip) {
    Object[] refs = vm.refs;
    if (refs[slot] == null && refs[slot + 1] == null) {
      vm.nums[slot] = Arithmetic.add(vm.nums[slot], vm.nums[slot + 1]);
    } else if (refs[slot + 1] instanceof LoxString b && refs[slot] instanceof LoxString a) {
      LoxString joined = LoxString.concat(a, b);
      if (joined == null) {
        throw vm.abort(fc, ip, VM.concatFailure(a, b));
      }
      refs[slot] = joined;
    } else {
      throw vm.abort(fc, ip, "Operands must be two numbers or two strings.");
    }
  }

  static void subtract(VM vm, int slot, int fc, int ip) {
    checkNumbers(vm, slot, fc, ip);
    vm.nums[slot] -= vm.nums[slot + 1];
  }

  static void multiply(VM vm, int slot, int fc, int ip) {
    checkNumbers(vm, slot, fc, ip);
    vm.nums[slot] = Arithmetic.multiply(vm.nums[slot], vm.nums[slot + 1]);
  }

  static void divide(VM vm, int slot, int fc, int ip) {
    checkNumbers(vm, slot, fc, ip);
    vm.nums[slot] /= vm.nums[slot + 1];
  }

  static void addConstant(VM vm, double constant, int slot, int fc, int ip) {
    if (vm.refs[slot] != null) {
      throw vm.abort(fc, ip, "Operands must be two numbers or two strings.");
    }
    vm.nums[slot] = Arithmetic.add(vm.nums[slot], constant);
  }

  static void subtractConstant(VM vm, double constant, int slot, int fc, int ip) {
    if (vm.refs[slot] != null) {
      throw vm.abort(fc, ip, "Operands must be numbers.");
    }
    vm.nums[slot] -= constant;
  }

  private static void checkNumbers(VM vm, int slot, int fc, int ip) {
    if (vm.refs[slot] != null || vm.refs[slot + 1] != null) {
      throw vm.abort(fc, ip, "Operands must be numbers.");
    }
  }

  static void not(VM vm, int slot) {
    vm.refs[slot] = isFalsey(vm, slot) ? Boolean.TRUE : Boolean.FALSE;
  }

  static void negate(VM vm, int slot, int fc, int ip) {
    if (vm.refs[slot] != null) {
      throw vm.abort(fc, ip, "Operand must be a number.");
    }
    vm.nums[slot] = -vm.nums[slot];
  }

  static boolean isFalsey(VM vm, int slot) {
    Object value = vm.refs[slot];
    return value == Nil.NIL || value == Boolean.FALSE;
  }

  static void print(VM vm, int slot, int fc, int ip) {
    String error = vm.print(vm.refs[slot], vm.nums[slot]);
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
   * the compiled code should run it (its frame pushed; the caller then calls its {@code run} and
   * {@link #returned}); otherwise makes the whole call itself and returns null. Either way the
   * result ends up in {@code slot}. The compiled caller makes the call, so that each call site
   * has a type profile of its own and HotSpot can bind it to the one function it calls.
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
    Closure target = called instanceof LoxClass klass ? klass.initializer()
        : called instanceof BoundMethod bound ? bound.method
        : null;
    if (target != null && target.function.arity == argCount) {
      // Slot zero of the new frame: a new instance, or the receiver.
      if (called instanceof LoxClass klass) {
        vm.refs[slot] = new LoxInstance(klass);
      } else if (called instanceof BoundMethod bound) {
        vm.refs[slot] = bound.receiver;
      }
      return enter(vm, target, slot, argCount, fc, ip);
    }
    vm.frameCount = fc + 1;
    vm.sp = slot + argCount + 1;
    finishSlowCall(vm, vm.callValue(called, argCount), fc, ip);
    return null;
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

  /** After compiled code ran a call that {@link #call} or {@link #invoke} handed it. */
  static void returned(VM vm) {
    vm.compiledDepth--;
  }

  /** SUPER_INVOKE: receiver in {@code slot}, then the arguments, then the superclass. */
  static void superInvoke(VM vm, LoxFunction fn, int index, int slot, int argCount, int fc, int ip) {
    vm.frameIps[fc] = ip;
    if (!(vm.refs[slot + argCount + 1] instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    LoxString name = (LoxString) fn.constRefs[index];
    Closure method = superclass.method(name);
    if (method == null) {
      throw vm.abort(fc, ip, VM.undefinedProperty(name));
    }
    vm.frameCount = fc + 1;
    vm.sp = slot + argCount + 1;
    finishSlowCall(vm, vm.callClosure(method, argCount), fc, ip);
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
   * Pushes a frame for a closure of the right arity. Returns the closure when compiled code is
   * to run it; otherwise interprets the call to its return and returns null. The common case, a
   * compiled callee with room for its frame, is kept short so that HotSpot inlines it at every
   * call site; the rest is in {@link #enterOther}.
   */
  private static Closure enter(VM vm, Closure target, int slot, int argCount, int fc, int ip) {
    LoxFunction callee = target.function;
    int calleeFc = fc + 1;
    if (callee.compiled == null
        || calleeFc == vm.frameClosures.length
        || slot + callee.maxStack > vm.refs.length
        || vm.compiledDepth >= VM.COMPILED_DEPTH_MAX
        || vm.stopRequested) {
      return enterOther(vm, target, slot, argCount, fc, ip);
    }
    vm.frameClosures[calleeFc] = target;
    vm.frameBases[calleeFc] = slot;
    vm.frameIps[calleeFc] = 0;
    vm.frameCount = calleeFc + 1;
    vm.compiledDepth++;
    return target;
  }

  /** {@link #enter} when the stacks must grow, a stop is pending, or the callee is interpreted. */
  private static Closure enterOther(VM vm, Closure target, int slot, int argCount, int fc, int ip) {
    LoxFunction callee = target.function;
    int calleeFc = fc + 1;
    if (calleeFc == vm.frameClosures.length && !vm.growFrames()) {
      throw vm.abort(fc, ip, "Stack overflow.");
    }
    if (slot + callee.maxStack > vm.refs.length && !vm.growStack(slot + callee.maxStack)) {
      throw vm.abort(fc, ip, "Stack overflow.");
    }
    vm.frameClosures[calleeFc] = target;
    vm.frameBases[calleeFc] = slot;
    vm.frameIps[calleeFc] = 0;
    if (vm.stopRequested) {
      throw vm.abortStopped();
    }
    if (vm.readyToCompile(callee)) {
      vm.frameCount = calleeFc + 1;
      vm.compiledDepth++;
      return target;
    }
    vm.interpretCall(calleeFc, argCount);
    return null;
  }

  // ---- Closures, classes, returns ----

  /** CLOSURE at offset {@code at}: the new closure goes into {@code slot}. */
  static void closure(VM vm, Closure enclosing, LoxFunction fn, int at, int base, int slot) {
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
    vm.refs[slot] = created;
  }

  static void closeUpvalue(VM vm, int slot) {
    vm.closeUpvalues(slot);
  }

  /** RETURN: the result from {@code slot} to the frame's base, its upvalues closed. */
  static void ret(VM vm, int base, int slot) {
    Object ref = vm.refs[slot];
    double num = vm.nums[slot];
    if (vm.openUpvalues != null) {
      vm.closeUpvalues(base);
    }
    vm.refs[base] = ref;
    vm.nums[base] = num;
  }

  static void klass(VM vm, LoxFunction fn, int index, int slot) {
    vm.refs[slot] = new LoxClass((LoxString) fn.constRefs[index]);
  }

  /** INHERIT: the superclass in {@code slot}, the subclass above it. */
  static void inherit(VM vm, int slot, int fc, int ip) {
    if (!(vm.refs[slot] instanceof LoxClass superclass)) {
      throw vm.abort(fc, ip, "Superclass must be a class.");
    }
    if (!(vm.refs[slot + 1] instanceof LoxClass subclass)) {
      throw vm.abort(fc, ip, "Only classes can inherit.");
    }
    subclass.inherit(superclass);
  }

  /** METHOD: the class in {@code slot}, the method's closure above it. */
  static void method(VM vm, LoxFunction fn, int index, int slot, int fc, int ip) {
    LoxString name = (LoxString) fn.constRefs[index];
    if (!(vm.refs[slot] instanceof LoxClass klass)
        || !(vm.refs[slot + 1] instanceof Closure method)) {
      throw vm.abort(fc, ip, "Methods are closures added to classes.");
    }
    klass.defineMethod(name, method, name.equals(vm.initString));
  }
}
