package dev.lox.compiler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The growing code, line table and constants of the function being compiled. */
final class ChunkBuilder {
  private byte[] code = new byte[64];
  private int[] lines = new int[64];
  private int count;
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
