package dev.lox.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The growing code, line table and constants of the function being compiled.
 *
 * <p>Beside the real length it counts the bytes clox would have emitted for the same source. The
 * two differ by the superinstructions, and jump-size limits are part of the language: they are
 * checked against clox's count, so that the same programs are rejected.
 */
final class ChunkBuilder {
  private byte[] code = new byte[64];
  private int[] lines = new int[64];
  private int count;
  private int cloxCount;
  final List<Object> constants = new ArrayList<>();

  int count() {
    return count;
  }

  void write(int b, int line) {
    if (count == code.length) {
      code = Arrays.copyOf(code, count * 2);
      lines = Arrays.copyOf(lines, count * 2);
    }
    code[count] = (byte) b;
    lines[count] = line;
    count++;
    cloxCount++;
  }

  int cloxCount() {
    return cloxCount;
  }

  /** Accounts for bytes clox emits that a fused instruction left out (or took in). */
  void addCloxBytes(int n) {
    cloxCount += n;
  }

  int byteAt(int offset) {
    return code[offset] & 0xff;
  }

  int lineAt(int offset) {
    return lines[offset];
  }

  /**
   * Drops the bytes from {@code offset} on, for replacing them with a fused instruction; clox's
   * count keeps them.
   */
  void truncate(int offset) {
    count = offset;
  }

  void patch(int offset, int b) {
    code[offset] = (byte) b;
  }

  /** Adds a constant, without the de-duplication clox also leaves out; returns its index. */
  int addConstant(Object value) {
    constants.add(value);
    return constants.size() - 1;
  }

  byte[] code() {
    return Arrays.copyOf(code, count);
  }

  int[] lines() {
    return Arrays.copyOf(lines, count);
  }
}
