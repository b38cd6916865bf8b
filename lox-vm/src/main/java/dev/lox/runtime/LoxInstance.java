package dev.lox.runtime;

import java.util.Arrays;

/**
 * An instance: a shape and its field values. A field's value is split the way the VM's stack is:
 * a {@code null} reference means the value is the number in {@link #nums}, so numbers stored in
 * fields are never boxed.
 */
public final class LoxInstance {
  public Shape shape;
  public Object[] refs;
  public double[] nums;

  public LoxInstance(LoxClass klass) {
    this.shape = klass.rootShape();
    int size = Math.max(klass.fieldHint(), 1);
    this.refs = new Object[size];
    this.nums = new double[size];
  }

  public LoxClass klass() {
    return shape.klass();
  }

  /** Adds a field the shape lacks; returns its slot, for the caller to fill. */
  public int addField(LoxString name) {
    shape = shape.withField(name);
    int slot = shape.fieldCount() - 1;
    if (slot == refs.length) {
      growFields();
    }
    shape.klass().noteFieldCount(slot + 1);
    return slot;
  }

  public void growFields() {
    refs = Arrays.copyOf(refs, refs.length * 2);
    nums = Arrays.copyOf(nums, refs.length);
  }
}
