package dev.lox.api;

/** When the compiling tier turns Lox functions into JVM bytecode. */
public enum JitMode {
  /** Never: everything is interpreted. */
  OFF,
  /** Functions that are called often, and loops that run long, are compiled. */
  AUTO,
  /** Every function and script is compiled before it runs (for testing the tier). */
  ALWAYS;

  /** The mode named {@code off}, {@code auto} or {@code always}; null for anything else. */
  public static JitMode parse(String name) {
    return switch (name) {
      case "off" -> OFF;
      case "auto" -> AUTO;
      case "always" -> ALWAYS;
      default -> null;
    };
  }

  /** The name {@link #parse} takes. */
  public String optionName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
