package dev.lox.runtime;

/** A method closure together with the instance it was read from. */
public final class BoundMethod {
  public final Object receiver;
  public final Closure method;

  public BoundMethod(Object receiver, Closure method) {
    this.receiver = receiver;
    this.method = method;
  }
}
