package dev.lox.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs a program in-process in each mode of the tier, for the generated differential tests. */
final class ModeRuns {
  /** How a run ended: its exit code and what it printed. */
  record Run(int exit, String out, String err) {}

  private ModeRuns() {}

  static Run run(String source, JitMode mode) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err, mode);
    int exit = lox.interpret(source.getBytes(StandardCharsets.UTF_8)).exitCode();
    lox.flush();
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code source} interpreted, then compiled before it runs and compiled once hot, and
   * checks that both compiled runs print the same bytes and end the same way; returns the first.
   */
  static Run sameInEveryMode(String source, String name) {
    Run interpreted = run(source, JitMode.OFF);
    assertEquals(interpreted, run(source, JitMode.ALWAYS), name + " with --jit=always:\n" + source);
    assertEquals(interpreted, run(source, JitMode.AUTO), name + " with --jit=auto:\n" + source);
    return interpreted;
  }
}
