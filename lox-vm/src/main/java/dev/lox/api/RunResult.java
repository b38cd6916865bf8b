package dev.lox.api;

import java.util.List;

/**
 * How running a program ended: its status, and the compile errors or runtime error behind it.
 * Errors have already been printed to the VM's error stream as clox prints them.
 */
public record RunResult(Status status, List<CompileError> compileErrors, LoxError runtimeError) {
  public RunResult {
    compileErrors = List.copyOf(compileErrors);
  }

  public static final RunResult OK = new RunResult(Status.OK, List.of(), null);
  public static final RunResult STOPPED = new RunResult(Status.STOPPED, List.of(), null);
  public static final RunResult OUTPUT_CLOSED = new RunResult(Status.OUTPUT_CLOSED, List.of(), null);

  public int exitCode() {
    return status.exitCode();
  }
}
