package dev.lox.runtime;

/**
 * A hash table from interned-style string keys to objects, specialised as clox's is: open
 * addressing with linear probing, identity checked before hash and bytes. Entries are never
 * removed (Lox cannot remove a method), so there are no tombstones.
 */
public final class Table {
  private static final int MIN_CAPACITY = 8;

  private LoxString[] keys = new LoxString[MIN_CAPACITY];
  private Object[] values = new Object[MIN_CAPACITY];
  private int count;

  /** The value for {@code key}, or {@code null} when absent. */
  public Object get(LoxString key) {
    LoxString[] keys = this.keys;
    int mask = keys.length - 1;
    int i = key.hashCode() & mask;
    for (;;) {
      LoxString k = keys[i];
      if (k == key) {
        return values[i];
      }
      if (k == null) {
        return null;
      }
      if (k.hashCode() == key.hashCode() && k.equals(key)) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
  }

  public void put(LoxString key, Object value) {
    if ((count + 1) * 4 > keys.length * 3) {
      grow();
    }
    int mask = keys.length - 1;
    int i = key.hashCode() & mask;
    for (;;) {
      LoxString k = keys[i];
      if (k == null) {
        keys[i] = key;
        values[i] = value;
        count++;
        return;
      }
      if (k == key || k.equals(key)) {
        values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  public void putAll(Table from) {
    for (int i = 0; i < from.keys.length; i++) {
      if (from.keys[i] != null) {
        put(from.keys[i], from.values[i]);
      }
    }
  }

  private void grow() {
    LoxString[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new LoxString[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    count = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
