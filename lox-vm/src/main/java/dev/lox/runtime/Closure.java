package dev.lox.runtime;

/** A function together with the variables it captured. */
public final class Closure {
  public final LoxFunction function;
  public final Upvalue[] upvalues;

  public Closure(LoxFunction function) {
    this.function = function;
    this.upvalues = new Upvalue[function.upvalueCount];
  }
}
