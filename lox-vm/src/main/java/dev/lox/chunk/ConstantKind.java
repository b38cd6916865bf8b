package dev.lox.chunk;

import dev.lox.runtime.LoxString;

/** What an instruction's constant operand must refer to. */
public enum ConstantKind {
  NUMBER("a number"),
  STRING("a string"),
  NUMBER_OR_STRING("a number or a string"),
  FUNCTION("a function");

  private final String description;

  ConstantKind(String description) {
    this.description = description;
  }

  /** As messages say it: "a number", "a string", ... */
  public String description() {
    return description;
  }

  public boolean accepts(Object constant) {
    return switch (this) {
      case NUMBER -> constant instanceof Double;
      case STRING -> constant instanceof LoxString;
      case NUMBER_OR_STRING -> constant instanceof Double || constant instanceof LoxString;
      case FUNCTION -> constant instanceof FunctionProto;
    };
  }
}
