package dev.lox.vm;

import dev.lox.runtime.Closure;
import dev.lox.runtime.CompiledCode;

/**
 * The compiled code of a function that compiled callers call directly (see {@link
 * CompiledCode#call}): its {@code run}, for the interpreter and the VM's own calls, passes the
 * values of the frame's first slots from the VM's stacks to the {@code call} of its arity and
 * puts the result in the frame's base. One such {@code run} for every function, rather than one
 * generated into each class, is less to translate and is compiled by HotSpot once.
 */
public abstract class DirectCode extends CompiledCode {
  private final int arity;

  protected DirectCode(int arity) {
    if (arity < 0 || arity > DIRECT_ARGS) {
      throw new IllegalArgumentException("no direct call with " + arity + " arguments");
    }
    this.arity = arity;
  }

  @Override
  public final void run(Object vmObject, Closure closure, int base, int fc, int entry) {
    VM vm = (VM) vmObject;
    Object[] refs = vm.refs;
    double[] nums = vm.nums;
    Object result = switch (arity) {
      case 0 -> call(vm, closure, base, fc, entry, refs[base], nums[base]);
      case 1 -> call(vm, closure, base, fc, entry, refs[base], nums[base],
          refs[base + 1], nums[base + 1]);
      case 2 -> call(vm, closure, base, fc, entry, refs[base], nums[base],
          refs[base + 1], nums[base + 1], refs[base + 2], nums[base + 2]);
      case 3 -> call(vm, closure, base, fc, entry, refs[base], nums[base],
          refs[base + 1], nums[base + 1], refs[base + 2], nums[base + 2],
          refs[base + 3], nums[base + 3]);
      default -> call(vm, closure, base, fc, entry, refs[base], nums[base],
          refs[base + 1], nums[base + 1], refs[base + 2], nums[base + 2],
          refs[base + 3], nums[base + 3], refs[base + 4], nums[base + 4]);
    };
    // The stacks may have grown (and been replaced) during the call.
    vm.refs[base] = result;
    vm.nums[base] = vm.resultNum;
  }
}
