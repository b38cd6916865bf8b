package dev.lox.runtime;

/**
 * What one property instruction found for receivers of one shape: a field's slot, or a method,
 * and for a store that adds a field, the shape after it. Immutable: a miss adds a new entry in
 * front, keeping one older entry behind it, so a site that sees two shapes (leaves and inner
 * nodes of a tree, say) hits for both.
 */
public final class PropertyCache {
  public final Shape shape;
  /** The field's slot, or -1 when the name is a method. */
  public final int slot;
  public final Closure method;
  /** For a field-adding store, the receiver's shape afterwards; otherwise null. */
  public final Shape next;
  /** The entry this one displaced, for a second shape; never itself followed by another. */
  public final PropertyCache older;

  public PropertyCache(Shape shape, int slot, Closure method, Shape next, PropertyCache previous) {
    this.shape = shape;
    this.slot = slot;
    this.method = method;
    this.next = next;
    this.older = previous == null ? null : previous.withoutOlder();
  }

  private PropertyCache withoutOlder() {
    return older == null ? this : new PropertyCache(shape, slot, method, next, null);
  }

  /** The entry for {@code shape}, or null. */
  public PropertyCache find(Shape shape) {
    if (this.shape == shape) {
      return this;
    }
    PropertyCache second = older;
    return second != null && second.shape == shape ? second : null;
  }
}
