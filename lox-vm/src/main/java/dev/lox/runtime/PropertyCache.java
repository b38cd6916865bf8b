package dev.lox.runtime;

/**
 * What one property instruction found for receivers of one shape: a field's slot, or a method,
 * and for a store that adds a field, the shape after it. Immutable: a miss replaces the entry.
 */
public final class PropertyCache {
  public final Shape shape;
  /** The field's slot, or -1 when the name is a method. */
  public final int slot;
  public final Closure method;
  /** For a field-adding store, the receiver's shape afterwards; otherwise null. */
  public final Shape next;

  public PropertyCache(Shape shape, int slot, Closure method, Shape next) {
    this.shape = shape;
    this.slot = slot;
    this.method = method;
    this.next = next;
  }
}
