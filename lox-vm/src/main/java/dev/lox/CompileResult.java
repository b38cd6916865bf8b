package dev.lox;

import dev.lox.api.CompileError;
import java.util.List;

/** The outcome of compiling Lox source: a script, or the errors that stopped it. */
public final class CompileResult {
  private final Script script;
  private final List<CompileError> errors;

  CompileResult(Script script, List<CompileError> errors) {
    this.script = script;
    this.errors = List.copyOf(errors);
  }

  public boolean succeeded() {
    return script != null;
  }

  /** The compiled script, or {@code null} when there were errors. */
  public Script script() {
    return script;
  }

  /** Every error reported, in source order; empty on success. */
  public List<CompileError> errors() {
    return errors;
  }
}
