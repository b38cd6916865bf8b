package dev.lox.chunk;

import dev.lox.runtime.LoxString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a compiled script and every function nested in it as a chunk file. The output depends
 * only on the functions, the source hash and the toolchain version: the same program always gives
 * the same bytes.
 */
public final class ChunkWriter {
  private ChunkWriter() {}

  /**
   * The chunk file for {@code script}, recording {@code sourceHash} (32 bytes of SHA-256, or
   * {@code null} when the source is unknown) and this toolchain's version.
   *
   * @throws IllegalArgumentException if the functions cannot be written: a constant of another
   *     type, a function reachable twice, or sizes beyond the format's fields
   */
  public static byte[] toBytes(FunctionProto script, byte[] sourceHash) {
    return toBytes(script, sourceHash, ChunkFormat.toolchainVersion());
  }

  /** As {@link #toBytes(FunctionProto, byte[])}, recording the given toolchain version. */
  public static byte[] toBytes(FunctionProto script, byte[] sourceHash, String toolchainVersion) {
    if (sourceHash == null) {
      sourceHash = new byte[ChunkFormat.SOURCE_HASH_SIZE];
    }
    if (sourceHash.length != ChunkFormat.SOURCE_HASH_SIZE) {
      throw new IllegalArgumentException("a source hash is 32 bytes of SHA-256");
    }
    byte[] version = toolchainVersion.getBytes(StandardCharsets.UTF_8);
    if (version.length > 255) {
      version = Arrays.copyOf(version, 255);
    }
    Sink body = new Sink();
    writeBody(script, body);
    if (body.size() > 0xffffffffL - ChunkFormat.MAX_HEADER_SIZE) {
      throw new IllegalArgumentException("program too large for a chunk file");
    }

    Sink file = new Sink();
    file.write(ChunkFormat.magic());
    file.u16(ChunkFormat.FORMAT_VERSION);
    file.u16(0);
    file.write(ChunkFormat.instructionSet());
    file.write(sourceHash);
    file.u32(body.size());
    file.write(version.length);
    file.write(version);
    body.writeTo(file);
    file.u32(0);
    return ChunkFormat.reseal(file.toByteArray());
  }

  /** Writes the chunk file for {@code script} to {@code out}; see {@link #toBytes}. */
  public static void write(FunctionProto script, byte[] sourceHash, OutputStream out)
      throws IOException {
    out.write(toBytes(script, sourceHash));
  }

  /** The functions depth-first, parent before children, children in constant order. */
  static List<FunctionProto> inOrder(FunctionProto script) {
    List<FunctionProto> order = new ArrayList<>();
    Map<FunctionProto, Boolean> seen = new IdentityHashMap<>();
    Deque<FunctionProto> pending = new ArrayDeque<>();
    pending.push(script);
    while (!pending.isEmpty()) {
      FunctionProto function = pending.pop();
      if (seen.put(function, Boolean.TRUE) != null) {
        throw new IllegalArgumentException(
            "function " + function.displayName() + " is reachable twice; chunks hold trees");
      }
      order.add(function);
      Object[] constants = function.constants;
      for (int i = constants.length - 1; i >= 0; i--) {
        if (constants[i] instanceof FunctionProto nested) {
          pending.push(nested);
        }
      }
    }
    return order;
  }

  private static void writeBody(FunctionProto script, Sink out) {
    List<FunctionProto> functions = inOrder(script);
    Map<FunctionProto, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < functions.size(); i++) {
      index.put(functions.get(i), i);
    }
    out.varint(functions.size());
    for (FunctionProto f : functions) {
      if (f.name == null) {
        out.varint(0);
      } else {
        out.varint(f.name.length() + 1L);
        out.write(f.name.bytes());
      }
      out.varint(f.arity);
      out.varint(f.upvalueCount);
      out.varint(f.maxStack);
      out.varint(f.code.length);
      out.write(f.code);
      writeLines(f, out);
      out.varint(f.constants.length);
      for (Object constant : f.constants) {
        if (constant instanceof Double number) {
          out.write(ChunkFormat.TAG_NUMBER);
          out.u64(Double.doubleToRawLongBits(number));
        } else if (constant instanceof LoxString string) {
          out.write(ChunkFormat.TAG_STRING);
          out.varint(string.length());
          out.write(string.bytes());
        } else if (constant instanceof FunctionProto nested) {
          out.write(ChunkFormat.TAG_FUNCTION);
          out.varint(index.get(nested));
        } else {
          throw new IllegalArgumentException("cannot write constant " + constant);
        }
      }
    }
  }

  /** Lines as runs: how many consecutive bytes share a line, and the line. */
  private static void writeLines(FunctionProto f, Sink out) {
    int[] lines = f.lines;
    if (lines.length != f.code.length) {
      throw new IllegalArgumentException("function " + f.displayName() + " has "
          + lines.length + " line entries for " + f.code.length + " bytes of code");
    }
    int runs = 0;
    for (int i = 0; i < lines.length; i++) {
      if (i == 0 || lines[i] != lines[i - 1]) {
        runs++;
      }
    }
    out.varint(runs);
    int start = 0;
    for (int i = 1; i <= lines.length; i++) {
      if (i == lines.length || lines[i] != lines[start]) {
        out.varint(i - start);
        out.varint(lines[start]);
        start = i;
      }
    }
  }

  /** A growable byte buffer with the format's encodings. */
  private static final class Sink extends ByteArrayOutputStream {
    Sink() {
      super(4096);
    }

    @Override
    public void write(byte[] bytes) {
      write(bytes, 0, bytes.length);
    }

    void u16(int value) {
      write(value >>> 8);
      write(value);
    }

    void u32(long value) {
      write((int) (value >>> 24));
      write((int) (value >>> 16));
      write((int) (value >>> 8));
      write((int) value);
    }

    void u64(long value) {
      u32(value >>> 32);
      u32(value & 0xffffffffL);
    }

    /** Unsigned LEB128, for values 0 to 2^31 - 1. */
    void varint(long value) {
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("value " + value + " does not fit the chunk format");
      }
      while (value >= 0x80) {
        write((int) (value & 0x7f) | 0x80);
        value >>>= 7;
      }
      write((int) value);
    }

    void writeTo(Sink other) {
      other.write(buf, 0, count);
    }
  }
}
