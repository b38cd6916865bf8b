package dev.lox.runtime;

/** Lox's {@code nil}. Java {@code null} is not nil: in the VM it marks an unboxed number. */
public enum Nil {
  NIL;

  @Override
  public String toString() {
    return "nil";
  }
}
