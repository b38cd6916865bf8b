package dev.lox.api;

/**
 * A function written in Java and callable from Lox. Like clox's natives it receives however many
 * arguments the caller passed; checking them is up to the function.
 *
 * <p>Values cross the boundary as: {@code null} for nil, {@link Boolean}, {@link Double}, {@link
 * String} for Lox strings (decoded as UTF-8 on the way in; returned strings are encoded as
 * UTF-8), and opaque objects for Lox functions, classes and instances.
 */
@FunctionalInterface
public interface NativeFunction {
  Object call(Object... args);
}
