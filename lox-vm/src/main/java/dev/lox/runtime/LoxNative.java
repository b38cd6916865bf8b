package dev.lox.runtime;

import dev.lox.api.NativeFunction;

/** A host function as a Lox value. */
public final class LoxNative {
  public final LoxString name;
  public final NativeFunction function;

  public LoxNative(LoxString name, NativeFunction function) {
    this.name = name;
    this.function = function;
  }
}
