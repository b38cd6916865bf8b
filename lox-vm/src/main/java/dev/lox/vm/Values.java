package dev.lox.vm;

import dev.lox.runtime.BoundMethod;
import dev.lox.runtime.Closure;
import dev.lox.runtime.LoxClass;
import dev.lox.runtime.LoxFunction;
import dev.lox.runtime.LoxInstance;
import dev.lox.runtime.LoxNative;
import dev.lox.runtime.LoxString;
import dev.lox.runtime.Nil;
import dev.lox.runtime.NumberFormat;
import java.nio.charset.StandardCharsets;

/** Printing values as clox does, and converting them for native functions. */
final class Values {
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NIL = ascii("nil");
  private static final byte[] NATIVE = ascii("<native fn>");
  private static final byte[] SCRIPT = ascii("<script>");

  private Values() {}

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The bytes {@code print} writes for a value split as on the stack; null for a host value. */
  static byte[] display(Object ref, double num) {
    if (ref == null) {
      return ascii(NumberFormat.format(num));
    }
    if (ref instanceof LoxString string) {
      return string.bytes();
    }
    if (ref == Boolean.TRUE) {
      return TRUE;
    }
    if (ref == Boolean.FALSE) {
      return FALSE;
    }
    if (ref == Nil.NIL) {
      return NIL;
    }
    if (ref instanceof LoxInstance instance) {
      return concat(instance.klass().name().bytes(), ascii(" instance"));
    }
    if (ref instanceof LoxClass klass) {
      return klass.name().bytes();
    }
    if (ref instanceof Closure closure) {
      return function(closure.function);
    }
    if (ref instanceof BoundMethod bound) {
      return function(bound.method.function);
    }
    if (ref instanceof LoxFunction function) {
      return function(function);
    }
    if (ref instanceof LoxNative) {
      return NATIVE;
    }
    // A host value, returned by a native: the VM prints its toString(), which may fail.
    return null;
  }

  /** Java text as a message the VM prints: UTF-8, one char per byte. */
  static String toLatin1(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  private static byte[] function(LoxFunction function) {
    if (function.name == null) {
      return SCRIPT;
    }
    return concat(concat(ascii("<fn "), function.name.bytes()), ascii(">"));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** A value as a native function receives it; see {@link dev.lox.api.NativeFunction}. */
  static Object toJava(Object ref, double num) {
    if (ref == null) {
      return num;
    }
    if (ref == Nil.NIL) {
      return null;
    }
    if (ref instanceof LoxString string) {
      return string.toString();
    }
    return ref;
  }

  /**
   * A native's result as a Lox value (numbers are handled by the caller, unboxed), or {@code null}
   * for a Java array, which a native may not return; see {@link dev.lox.api.NativeFunction}.
   */
  static Object fromJava(Object value) {
    if (value == null) {
      return Nil.NIL;
    }
    if (value instanceof Boolean bool) {
      return bool ? Boolean.TRUE : Boolean.FALSE;
    }
    if (value instanceof String text) {
      return LoxString.of(text);
    }
    if (value instanceof CharSequence || value instanceof Character) {
      return LoxString.of(value.toString());
    }
    if (value.getClass().isArray()) {
      return null;
    }
    return value;
  }
}
