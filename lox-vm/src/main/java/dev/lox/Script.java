package dev.lox;

import dev.lox.chunk.FunctionProto;

/**
 * A compiled Lox program, ready to run. Immutable: one script may run on many {@link Lox}
 * instances, concurrently.
 */
public final class Script {
  private final FunctionProto function;

  Script(FunctionProto function) {
    this.function = function;
  }

  /** The top-level function; its constants hold every nested function. */
  public FunctionProto function() {
    return function;
  }

  /** Wraps a function read or built elsewhere (a chunk file, a test). */
  public static Script of(FunctionProto function) {
    return new Script(function);
  }
}
