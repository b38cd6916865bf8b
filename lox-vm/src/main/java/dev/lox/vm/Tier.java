package dev.lox.vm;

import dev.lox.runtime.CompiledCode;
import dev.lox.runtime.LoxFunction;
import java.lang.invoke.MethodHandles;

/**
 * A compiling tier the VM hands hot functions to. It lives above the VM (the VM never names it),
 * so the VM stays usable without one.
 */
public interface Tier {
  /**
   * Compiled code for {@code function}, or {@code null} to keep interpreting it. {@code entry}
   * is where the code first runs: 0 for a call, or the start of a loop where a running function
   * moves into compiled code (a script, which runs once, may be compiled from there on only).
   * {@code lookup} defines classes in the VM's package, where generated code may call {@link
   * CompiledSupport}.
   */
  CompiledCode compile(LoxFunction function, int entry, MethodHandles.Lookup lookup);

  /** How many calls make a function hot; 1 compiles every function before it first runs. */
  int callThreshold();

  /** How many loop iterations make a running function move into compiled code. */
  int loopThreshold();

  /**
   * What a running compiled call of {@code function} counts against the VM's limit on compiled
   * calls nested on the JVM stack: compiled code keeps a frame's values in JVM locals, so a wide
   * frame counts for more. A function's compiled {@code run} adds it on entry and takes it off
   * on return, unless the function makes no calls: such a call never has another on top of it,
   * so it takes at most one frame past the limit, which leaves room for that.
   */
  static int compiledCost(LoxFunction function) {
    return 1 + function.maxStack / 16;
  }
}
