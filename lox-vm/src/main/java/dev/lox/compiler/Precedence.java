package dev.lox.compiler;

/** Binding strength of operators, weakest first. */
enum Precedence {
  NONE,
  ASSIGNMENT, // =
  OR, // or
  AND, // and
  EQUALITY, // == !=
  COMPARISON, // < > <= >=
  TERM, // + -
  FACTOR, // * /
  UNARY, // ! -
  CALL, // . ()
  PRIMARY;

  private static final Precedence[] ALL = values();

  Precedence next() {
    return ALL[ordinal() + 1];
  }
}
