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

  // Empty arrays are immutable, so every instance without fields can share these.
  private static final Object[] NO_REFS = {};
  private static final double[] NO_NUMS = {};
  /** The room a first field gets, in an instance whose class has had none so far. */
  private static final int FIRST_ROOM = 4;

  /**
   * A new instance, with room for as many fields as its class's instances have had: none for a
   * class whose instances never get one (an object a program only creates is one allocation,
   * not three).
   */
  public LoxInstance(LoxClass klass) {
    this.shape = klass.rootShape();
    int size = klass.fieldHint();
    if (size == 0) {
      this.refs = NO_REFS;
      this.nums = NO_NUMS;
    } else {
      this.refs = new Object[size];
      this.nums = new double[size];
    }
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

  /**
   * Gives this instance shape {@code next}, its shape with one more field, whose slot is {@code
   * field}: the field arrays grow first when that slot is past them.
   */
  public void takeShape(Shape next, int field) {
    if (field == refs.length) {
      growFields();
    }
    shape = next;
  }

  public void growFields() {
    refs = Arrays.copyOf(refs, Math.max(refs.length * 2, FIRST_ROOM));
    nums = Arrays.copyOf(nums, refs.length);
  }
}
