package dev.lox.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Lox string: immutable bytes with their hash computed once. Strings that come from the same
 * {@link Interner} are the same object, so most comparisons end at the identity check; others
 * compare hashes, then bytes.
 */
public final class LoxString {
  /** The longest string: the largest array the JVM allocates, a few bytes under 2 GiB. */
  public static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  private final byte[] bytes;
  private final int hash;

  /** Takes ownership of {@code bytes}: the caller must not change them afterwards. */
  public LoxString(byte[] bytes) {
    this.bytes = bytes;
    this.hash = hash(bytes);
  }

  public static LoxString of(String text) {
    return new LoxString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** FNV-1a, as clox uses: cheap, and good enough for identifier-like keys. */
  private static int hash(byte[] bytes) {
    int h = 0x811c9dc5;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x01000193;
    }
    return h;
  }

  /**
   * {@code a + b}, or {@code null} when it cannot be made: longer than {@link #MAX_LENGTH}, or
   * too large for the memory left (the caller reports a runtime error, with the trace).
   */
  public static LoxString concat(LoxString a, LoxString b) {
    if ((long) a.bytes.length + b.bytes.length > MAX_LENGTH) {
      return null;
    }
    byte[] joined;
    try {
      joined = Arrays.copyOf(a.bytes, a.bytes.length + b.bytes.length);
    } catch (OutOfMemoryError e) {
      return null;
    }
    System.arraycopy(b.bytes, 0, joined, a.bytes.length, b.bytes.length);
    return new LoxString(joined);
  }

  public int length() {
    return bytes.length;
  }

  /** The bytes themselves, for writing out; never modify them. */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public boolean equals(Object other) {
    return this == other
        || (other instanceof LoxString that
            && hash == that.hash
            && Arrays.equals(bytes, that.bytes));
  }

  /** The text decoded as UTF-8 (invalid bytes become U+FFFD), for Java callers. */
  @Override
  public String toString() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** One char per byte, so that the text prints back byte for byte through ISO-8859-1. */
  public String toLatin1() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
