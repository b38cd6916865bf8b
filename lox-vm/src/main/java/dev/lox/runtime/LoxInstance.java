package dev.lox.runtime;

import java.util.Arrays;

/**
 * An instance: a shape and its field values. A field's value is split the way the VM's stack is:
 * a {@code null} reference means the value is the number beside it, so numbers stored in fields
 * are never boxed. The first {@link #INLINE_FIELDS} fields live in the instance itself (compiled
 * code reads one of them with one load, where an array costs a load, a bounds check and a
 * second load); the rest in two arrays, at their slot less {@code INLINE_FIELDS}.
 */
public final class LoxInstance {
  /** How many fields an instance holds in fields of its own; see {@link #inlineField}. */
  public static final int INLINE_FIELDS = 4;

  public Shape shape;
  public Object ref0;
  public Object ref1;
  public Object ref2;
  public Object ref3;
  public double num0;
  public double num1;
  public double num2;
  public double num3;
  /** Fields from INLINE_FIELDS on. */
  public Object[] refs;
  public double[] nums;

  // Empty arrays are immutable, so every instance with no more fields than fit inline can share
  // these.
  private static final Object[] NO_REFS = {};
  private static final double[] NO_NUMS = {};
  /** The room the arrays get when the first field past the inline ones comes. */
  private static final int FIRST_ROOM = 4;

  /**
   * A new instance, with room for as many fields as its class's instances have had: a class
   * whose instances keep to the inline fields allocates one object per instance, not three.
   */
  public LoxInstance(LoxClass klass) {
    this.shape = klass.rootShape();
    int size = klass.fieldHint() - INLINE_FIELDS;
    if (size <= 0) {
      this.refs = NO_REFS;
      this.nums = NO_NUMS;
    } else {
      this.refs = new Object[size];
      this.nums = new double[size];
    }
  }

  /**
   * The name of the Java field that holds the reference, or the number, of field {@code slot}
   * (below INLINE_FIELDS): what compiled code reads and writes.
   */
  public static String inlineField(boolean num, int slot) {
    return (num ? "num" : "ref") + slot;
  }

  public LoxClass klass() {
    return shape.klass();
  }

  /** The reference of the field in {@code slot}: null when it holds a number. */
  public Object ref(int slot) {
    return switch (slot) {
      case 0 -> ref0;
      case 1 -> ref1;
      case 2 -> ref2;
      case 3 -> ref3;
      default -> refs[slot - INLINE_FIELDS];
    };
  }

  /** The number of the field in {@code slot}, when its reference is null. */
  public double num(int slot) {
    return switch (slot) {
      case 0 -> num0;
      case 1 -> num1;
      case 2 -> num2;
      case 3 -> num3;
      default -> nums[slot - INLINE_FIELDS];
    };
  }

  /** Stores a value, a reference and a number, in the field in {@code slot}. */
  public void set(int slot, Object ref, double num) {
    switch (slot) {
      case 0 -> {
        ref0 = ref;
        num0 = num;
      }
      case 1 -> {
        ref1 = ref;
        num1 = num;
      }
      case 2 -> {
        ref2 = ref;
        num2 = num;
      }
      case 3 -> {
        ref3 = ref;
        num3 = num;
      }
      default -> {
        refs[slot - INLINE_FIELDS] = ref;
        nums[slot - INLINE_FIELDS] = num;
      }
    }
  }

  /** Adds a field the shape lacks; returns its slot, for the caller to fill. */
  public int addField(LoxString name) {
    Shape next = shape.withField(name);
    int slot = next.fieldCount() - 1;
    takeShape(next, slot);
    next.klass().noteFieldCount(slot + 1);
    return slot;
  }

  /**
   * Gives this instance shape {@code next}, its shape with one more field, whose slot is {@code
   * field}: the field arrays grow first when that slot is past them.
   */
  public void takeShape(Shape next, int field) {
    if (field - INLINE_FIELDS == refs.length) {
      growFields();
    }
    shape = next;
  }

  private void growFields() {
    refs = Arrays.copyOf(refs, Math.max(refs.length * 2, FIRST_ROOM));
    nums = Arrays.copyOf(nums, refs.length);
  }
}
