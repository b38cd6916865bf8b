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
   * Compiled code for {@code function}, or {@code null} to keep interpreting it. {@code lookup}
   * defines classes in the VM's package, where generated code may call {@link CompiledSupport}.
   */
  CompiledCode compile(LoxFunction function, MethodHandles.Lookup lookup);

  /** How many calls make a function hot; 1 compiles every function before it first runs. */
  int callThreshold();

  /** How many loop iterations make a running function move into compiled code. */
  int loopThreshold();
}
