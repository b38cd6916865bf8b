package dev.lox.runtime;

import java.util.Arrays;

/**
 * The layout of an instance's fields: which name lives in which slot. Instances of one class that
 * gain the same fields in the same order share a shape, so the VM can cache a field's slot per
 * instruction and check it with one comparison.
 *
 * <p>Shared shapes are immutable and linked by transitions. An instance that grows past {@link
 * #MAX_SHARED_FIELDS} gets a private shape that grows in place instead, so that long chains of
 * shapes (each holding its own copy of the names) never build up.
 */
public final class Shape {
  static final int MAX_SHARED_FIELDS = 64;
  private static final int INDEXED_ABOVE = 8;

  private final LoxClass klass;
  private final boolean shared;
  private LoxString[] names;
  private int count;
  /** Open-addressing index over {@link #names} (slot + 1; 0 is empty), built for wide shapes. */
  private int[] index;

  private LoxString[] transitionNames;
  private Shape[] transitionShapes;
  private int transitionCount;

  private Shape(LoxClass klass, boolean shared, LoxString[] names, int count) {
    this.klass = klass;
    this.shared = shared;
    this.names = names;
    this.count = count;
    if (count > INDEXED_ABOVE) {
      rebuildIndex();
    }
  }

  static Shape root(LoxClass klass) {
    return new Shape(klass, true, new LoxString[0], 0);
  }

  public LoxClass klass() {
    return klass;
  }

  /** Whether this shape never changes, so facts about it may be cached. */
  public boolean isShared() {
    return shared;
  }

  public int fieldCount() {
    return count;
  }

  /** The slot of field {@code name}, or -1. */
  public int indexOf(LoxString name) {
    if (index != null) {
      return indexedLookup(name);
    }
    LoxString[] names = this.names;
    for (int i = 0; i < count; i++) {
      LoxString n = names[i];
      if (n == name || (n.hashCode() == name.hashCode() && n.equals(name))) {
        return i;
      }
    }
    return -1;
  }

  private int indexedLookup(LoxString name) {
    int mask = index.length - 1;
    int i = name.hashCode() & mask;
    for (;;) {
      int slot = index[i] - 1;
      if (slot < 0) {
        return -1;
      }
      if (names[slot].equals(name)) {
        return slot;
      }
      i = (i + 1) & mask;
    }
  }

  /** The shape after adding field {@code name} (which must be absent); its slot is the last. */
  Shape withField(LoxString name) {
    if (!shared) {
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
      }
      names[count++] = name;
      if (count > INDEXED_ABOVE) {
        if (index == null || count * 2 > index.length) {
          rebuildIndex();
        } else {
          addToIndex(count - 1);
        }
      }
      return this;
    }
    for (int i = 0; i < transitionCount; i++) {
      if (transitionNames[i].equals(name)) {
        return transitionShapes[i];
      }
    }
    LoxString[] grown = Arrays.copyOf(names, count + 1);
    grown[count] = name;
    if (count + 1 > MAX_SHARED_FIELDS) {
      return new Shape(klass, false, grown, count + 1);
    }
    Shape next = new Shape(klass, true, grown, count + 1);
    addTransition(name, next);
    return next;
  }

  private void addTransition(LoxString name, Shape next) {
    if (transitionNames == null) {
      transitionNames = new LoxString[2];
      transitionShapes = new Shape[2];
    } else if (transitionCount == transitionNames.length) {
      transitionNames = Arrays.copyOf(transitionNames, transitionCount * 2);
      transitionShapes = Arrays.copyOf(transitionShapes, transitionCount * 2);
    }
    transitionNames[transitionCount] = name;
    transitionShapes[transitionCount++] = next;
  }

  private void rebuildIndex() {
    int capacity = Integer.highestOneBit(Math.max(count, 4) * 4);
    index = new int[capacity];
    for (int i = 0; i < count; i++) {
      addToIndex(i);
    }
  }

  private void addToIndex(int slot) {
    int mask = index.length - 1;
    int i = names[slot].hashCode() & mask;
    while (index[i] != 0) {
      i = (i + 1) & mask;
    }
    index[i] = slot + 1;
  }
}
