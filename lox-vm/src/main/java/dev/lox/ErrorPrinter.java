package dev.lox;

import dev.lox.api.CompileError;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes compile errors as they are found, one line each as clox prints them, in blocks of up to
 * 8 KiB, and keeps the first {@link Lox#KEPT_COMPILE_ERRORS} of them: however many errors a
 * source has, the memory they take is bounded.
 */
final class ErrorPrinter implements Consumer<CompileError> {
  private final OutputStream err;
  private final byte[] buffer = new byte[8192];
  private int length;
  private final List<CompileError> kept = new ArrayList<>();

  ErrorPrinter(OutputStream err) {
    this.err = err;
  }

  @Override
  public void accept(CompileError error) {
    if (kept.size() < Lox.KEPT_COMPILE_ERRORS) {
      kept.add(error);
    }
    // Lexemes carry one char per byte, so the line prints back byte for byte.
    byte[] line = (error + "\n").getBytes(StandardCharsets.ISO_8859_1);
    if (line.length > buffer.length - length) {
      flush();
      if (line.length > buffer.length) {
        write(line, line.length);
        return;
      }
    }
    System.arraycopy(line, 0, buffer, length, line.length);
    length += line.length;
  }

  /** The first errors, in order. */
  List<CompileError> kept() {
    return kept;
  }

  void flush() {
    write(buffer, length);
    length = 0;
  }

  private void write(byte[] bytes, int count) {
    if (count == 0) {
      return;
    }
    try {
      err.write(bytes, 0, count);
      err.flush();
    } catch (IOException e) {
      // As C's fprintf to a closed stderr: nothing to be done.
    }
  }
}
