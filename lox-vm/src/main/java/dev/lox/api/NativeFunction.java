package dev.lox.api;

/**
 * A function written in Java and callable from Lox. Like clox's natives it receives however many
 * arguments the caller passed; checking them is up to the function.
 *
 * <p>Arguments arrive as: {@code null} for nil, {@link Boolean}, {@link Double}, {@link String}
 * for Lox strings (decoded as UTF-8), opaque objects for Lox functions, classes and instances, and
 * host values (below) as the very objects a native returned.
 *
 * <p>A native may return:
 *
 * <ul>
 *   <li>{@code null} (nil), a {@link Boolean}, or any {@link Number}, which becomes a Lox number
 *       through {@link Number#doubleValue()} ({@code Integer}, {@code Long}, {@code Float},
 *       {@code BigDecimal}...);
 *   <li>a {@link CharSequence} or {@link Character}, which becomes a Lox string (UTF-8);
 *   <li>a Lox value it was given;
 *   <li>any other object except an array: a <em>host value</em>, opaque to Lox, which stores it,
 *       passes it back to natives unchanged, compares it by identity, and prints its {@code
 *       toString()} as UTF-8 (a {@code toString()} that throws or returns {@code null} makes that
 *       {@code print} a runtime error). A {@link java.util.List} prints as {@code [1, 2]}.
 * </ul>
 *
 * <p>A Java array is refused: the call is the runtime error {@code Native function returned an
 * unsupported value.} (its {@code toString()} would print {@code [I@4edde6e5}; wrap it in a list).
 *
 * <p>Whatever a native throws, errors included, is a Lox runtime error with the exception's
 * message (its class name when it has none) and the Lox trace; {@link OutOfMemoryError} is
 * reported as {@code Out of memory.} When the program is being stopped ({@code Lox.stop()}
 * interrupts the thread, so that {@code sleep} or {@code wait} return at once), whatever the
 * native throws or returns is the stop.
 */
@FunctionalInterface
public interface NativeFunction {
  Object call(Object... args);
}
