package dev.lox.runtime;

/**
 * A variable captured by a closure. While open it names a stack slot of the VM that owns it; once
 * closed it holds the value itself, split as on the stack ({@code ref == null} means a number).
 */
public final class Upvalue {
  /** The stack slot while open; -1 once closed. */
  public int slot;
  public Object ref;
  public double num;
  /** The next open upvalue, lower on the stack. */
  public Upvalue next;

  public Upvalue(int slot, Upvalue next) {
    this.slot = slot;
    this.next = next;
  }
}
