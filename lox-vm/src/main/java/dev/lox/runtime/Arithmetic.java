package dev.lox.runtime;

/**
 * Addition and multiplication with the NaN that clox gets on x86-64. There, when both operands
 * are NaN, the result is the first one, so {@code a + b} and {@code b + a} can print {@code -nan}
 * and {@code nan}; the JVM may swap the operands of a commutative operation, so the sum alone
 * does not say which NaN comes out. Subtraction and division are never swapped.
 */
public final class Arithmetic {
  private Arithmetic() {}

  public static double add(double a, double b) {
    double sum = a + b;
    return sum == sum ? sum : nan(a, b, sum);
  }

  public static double multiply(double a, double b) {
    double product = a * b;
    return product == product ? product : nan(a, b, product);
  }

  /** The NaN an x86 instruction gives: the first NaN operand, else the new (default) NaN. */
  private static double nan(double a, double b, double result) {
    if (a != a) {
      return a;
    }
    return b != b ? b : result;
  }
}
