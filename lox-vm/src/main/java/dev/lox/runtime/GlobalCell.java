package dev.lox.runtime;

/**
 * The storage of one global variable. Code refers to the cell directly once resolved, so reading
 * a global costs a field load instead of a hash lookup. The value is split as on the VM's stack.
 */
public final class GlobalCell {
  /** Marks a cell whose variable has not been defined (yet). */
  public static final Object UNDEFINED = new Object();

  public final LoxString name;
  public Object ref = UNDEFINED;
  public double num;

  public GlobalCell(LoxString name) {
    this.name = name;
  }
}
