package dev.lox.api;

import java.util.List;

/**
 * A Lox runtime error as data: the message and the Lox stack trace, innermost call first.
 *
 * @param message the message clox prints, for example {@code Operands must be numbers.}
 * @param trace one entry per active call, innermost first; of a trace deeper than 128 calls,
 *     the innermost and the outermost 64 (as printed, with a line counting those left out)
 */
public record LoxError(String message, List<Frame> trace) {
  public LoxError {
    trace = List.copyOf(trace);
  }

  /**
   * One line of the trace.
   *
   * @param line the source line executing in that call
   * @param function the function's name, or {@code null} for the top-level script
   */
  public record Frame(int line, String function) {
    @Override
    public String toString() {
      return "[line " + line + "] in " + (function == null ? "script" : function + "()");
    }
  }

  /** The lines clox prints to stderr, without trailing newline. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(message);
    for (Frame frame : trace) {
      text.append('\n').append(frame);
    }
    return text.toString();
  }
}
