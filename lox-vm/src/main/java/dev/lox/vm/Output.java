package dev.lox.vm;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The program's standard output: bytes collected in a buffer and written out in large pieces,
 * as C's stdio does when stdout is not a terminal. With {@code flushEachLine}, every completed
 * line is written at once instead, for terminals and for callers that stream output.
 *
 * <p>When a write fails (the reader of a pipe went away, a closed stream), nothing more is
 * written, and {@link #lost} tells the VM, which stops the program: clox would die of SIGPIPE.
 */
final class Output {
  private final OutputStream target;
  private final byte[] buffer = new byte[8192];
  private int length;
  private boolean flushEachLine;
  private boolean broken;
  /** Set when output could not be written, or was dropped after that; read per print. */
  boolean lost;

  Output(OutputStream target) {
    this.target = target;
  }

  void setFlushEachLine(boolean flushEachLine) {
    this.flushEachLine = flushEachLine;
  }

  void write(byte[] bytes) {
    if (bytes.length > buffer.length - length) {
      flush();
      if (bytes.length > buffer.length) {
        writeThrough(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buffer, length, bytes.length);
    length += bytes.length;
  }

  /** Writes text made only of chars below 256, one byte each. */
  void writeLatin1(String text) {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  void newline() {
    if (length == buffer.length) {
      flush();
    }
    buffer[length++] = '\n';
    if (flushEachLine) {
      flush();
    }
  }

  void flush() {
    if (broken) {
      lost |= length > 0;
    } else {
      try {
        target.write(buffer, 0, length);
        target.flush();
      } catch (IOException e) {
        broken = true;
        lost = true;
      }
    }
    length = 0;
  }

  /** Whether output was lost since the last call; clears the flag. */
  boolean takeLost() {
    boolean wasLost = lost;
    lost = false;
    return wasLost;
  }

  private void writeThrough(byte[] bytes) {
    if (broken) {
      lost = true;
      return;
    }
    try {
      target.write(bytes);
    } catch (IOException e) {
      broken = true;
      lost = true;
    }
  }
}
