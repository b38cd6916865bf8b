package dev.lox.chunk;

import dev.lox.runtime.LoxString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads chunk files without trusting them. {@link #read} checks the whole file before returning a
 * program: header, format version, length and checksum, then the encoding of every function, then
 * {@link ChunkVerifier}'s structural checks. Whatever the bytes, it returns a program or problems;
 * it never throws, never allocates much more than the file's own size, and takes time linear in
 * it.
 */
public final class ChunkReader {
  private ChunkReader() {}

  /**
   * What reading gave: the header (when it could be read), and either the program or the
   * problems found, at least one.
   */
  public record Result(ChunkHeader header, FunctionProto script, List<ChunkProblem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }

    public boolean succeeded() {
      return script != null;
    }
  }

  /** Thrown by the header readers when there is no usable header. */
  public static final class BadChunkException extends IOException {
    /**
     * Why there is no usable header. Build tools treat a chunk of another format version as
     * out of date (compile it again, quietly) and the others as damaged (compile it again, and
     * say so).
     */
    public enum Kind {
      /** Not a chunk file at all: it does not start with the magic number. */
      NOT_A_CHUNK,
      /** A chunk file of a format version this toolchain does not read. */
      OTHER_FORMAT_VERSION,
      /** A chunk file of this format version whose header is cut short. */
      DAMAGED
    }

    private final Kind kind;
    private final transient ChunkProblem problem;

    BadChunkException(Kind kind, ChunkProblem problem) {
      super(problem.toString());
      this.kind = kind;
      this.problem = problem;
    }

    public Kind kind() {
      return kind;
    }

    public ChunkProblem problem() {
      return problem;
    }
  }

  // ---- The header alone ----

  /**
   * Reads only the header of a chunk file: at most {@link ChunkFormat#MAX_HEADER_SIZE} bytes. The
   * checksum is not checked (that needs the whole file); {@link #read} checks it.
   *
   * @throws BadChunkException if the file is not a chunk, is of another format version, or its
   *     header is cut short; its {@link BadChunkException#kind() kind} says which
   */
  public static ChunkHeader readHeader(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return readHeader(in);
    }
  }

  /** Reads the header from the start of a stream, consuming exactly the header's bytes. */
  public static ChunkHeader readHeader(InputStream in) throws IOException {
    byte[] fixed = in.readNBytes(ChunkFormat.FIXED_HEADER_SIZE);
    int versionLength = fixed.length == ChunkFormat.FIXED_HEADER_SIZE
        ? fixed[ChunkFormat.TOOLCHAIN_OFFSET] & 0xff : 0;
    byte[] version = in.readNBytes(versionLength);
    byte[] header = Arrays.copyOf(fixed, fixed.length + version.length);
    System.arraycopy(version, 0, header, fixed.length, version.length);
    return readHeader(header);
  }

  /** Reads the header at the start of {@code bytes} (which may hold the whole file). */
  public static ChunkHeader readHeader(byte[] bytes) throws BadChunkException {
    return header(bytes);
  }

  private static ChunkHeader header(byte[] bytes) throws BadChunkException {
    if (!ChunkFormat.isChunk(bytes)) {
      throw bad(BadChunkException.Kind.NOT_A_CHUNK, "not a Lox chunk file");
    }
    if (bytes.length < ChunkFormat.VERSION_OFFSET + 2) {
      throw bad(BadChunkException.Kind.DAMAGED, "truncated header");
    }
    int version = u16(bytes, ChunkFormat.VERSION_OFFSET);
    if (version != ChunkFormat.FORMAT_VERSION) {
      throw bad(BadChunkException.Kind.OTHER_FORMAT_VERSION,
          "made by an incompatible format version " + version
              + " (this toolchain reads version " + ChunkFormat.FORMAT_VERSION + ")");
    }
    if (bytes.length < ChunkFormat.FIXED_HEADER_SIZE
        || bytes.length < ChunkFormat.FIXED_HEADER_SIZE + (bytes[ChunkFormat.TOOLCHAIN_OFFSET] & 0xff)) {
      throw bad(BadChunkException.Kind.DAMAGED, "truncated header");
    }
    int versionLength = bytes[ChunkFormat.TOOLCHAIN_OFFSET] & 0xff;
    return new ChunkHeader(
        version,
        u16(bytes, ChunkFormat.FLAGS_OFFSET),
        Arrays.copyOfRange(bytes, ChunkFormat.INSTRUCTION_SET_OFFSET,
            ChunkFormat.INSTRUCTION_SET_OFFSET + ChunkFormat.INSTRUCTION_SET_SIZE),
        Arrays.copyOfRange(bytes, ChunkFormat.SOURCE_HASH_OFFSET,
            ChunkFormat.SOURCE_HASH_OFFSET + ChunkFormat.SOURCE_HASH_SIZE),
        u32(bytes, ChunkFormat.BODY_LENGTH_OFFSET),
        new String(bytes, ChunkFormat.FIXED_HEADER_SIZE, versionLength, StandardCharsets.UTF_8),
        ChunkFormat.FIXED_HEADER_SIZE + versionLength);
  }

  private static BadChunkException bad(BadChunkException.Kind kind, String message) {
    return new BadChunkException(kind, ChunkProblem.file(message));
  }

  // ---- The whole file ----

  /**
   * Reads a whole chunk file from a stream. The stream's length is not trusted: bytes are read as
   * they come, up to what the header announces plus one (to notice trailing bytes).
   */
  public static Result read(InputStream in) throws IOException {
    byte[] header = in.readNBytes(ChunkFormat.MAX_HEADER_SIZE);
    ChunkHeader parsed;
    try {
      parsed = header(header);
    } catch (BadChunkException e) {
      return new Result(null, null, List.of(e.problem()));
    }
    long wanted = parsed.fileLength() + 1 - header.length;
    byte[] rest = in.readNBytes((int) Math.max(0, Math.min(wanted, Integer.MAX_VALUE - 16 - header.length)));
    byte[] all = Arrays.copyOf(header, header.length + rest.length);
    System.arraycopy(rest, 0, all, header.length, rest.length);
    return read(all);
  }

  /** Reads a whole chunk file: a program, or every problem found. */
  public static Result read(byte[] bytes) {
    ChunkHeader header;
    try {
      header = header(bytes);
    } catch (BadChunkException e) {
      return new Result(null, null, List.of(e.problem()));
    }
    long expected = header.fileLength();
    if (bytes.length < expected) {
      return failed(header, ChunkProblem.file("truncated: the header announces " + expected
          + " bytes, the file has " + bytes.length));
    }
    if (bytes.length > expected) {
      return failed(header, ChunkProblem.file("unexpected bytes after the end of the chunk"));
    }
    int end = (int) expected - ChunkFormat.CHECKSUM_SIZE;
    if (ChunkFormat.checksum(bytes, end) != (int) u32(bytes, end)) {
      return failed(header, ChunkProblem.file("checksum mismatch"));
    }
    if (header.flags() != 0) {
      return failed(header, ChunkProblem.file(
          String.format("uses features this toolchain does not know (flags 0x%04x)", header.flags())));
    }
    if (!header.isCompatible()) {
      return failed(header, ChunkProblem.file(
          "compiled for a different instruction set (toolchain " + header.toolchainVersion()
              + "); recompile it from source"));
    }
    Body body = new Body(bytes, header.size(), end);
    FunctionProto script;
    try {
      script = body.read();
    } catch (Malformed e) {
      return failed(header, ChunkProblem.atByte(e.at, e.getMessage()));
    }
    List<ChunkProblem> problems = ChunkVerifier.verify(script);
    return problems.isEmpty()
        ? new Result(header, script, List.of())
        : new Result(header, null, problems);
  }

  private static Result failed(ChunkHeader header, ChunkProblem problem) {
    return new Result(header, null, List.of(problem));
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8
        | (b[at + 3] & 0xff);
  }

  /** The body's encoding is broken at byte {@code at} of the file. */
  private static final class Malformed extends Exception {
    final int at;

    Malformed(int at, String message) {
      super(message, null, false, false);
      this.at = at;
    }
  }

  /** One function as stored: its constants still refer to nested functions by index. */
  private record Stored(
      LoxString name, int arity, int upvalueCount, int maxStack, byte[] code, int[] lines,
      Object[] constants, int[] functionRefs) {}

  /** Decodes the body, every count bounded by the bytes that remain. */
  private static final class Body {
    private final byte[] bytes;
    private final int end;
    private int pos;

    Body(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.pos = start;
      this.end = end;
    }

    FunctionProto read() throws Malformed {
      int count = count("function", 6);
      if (count == 0) {
        throw new Malformed(pos, "no functions");
      }
      Stored[] stored = new Stored[count];
      for (int i = 0; i < count; i++) {
        stored[i] = function(i);
      }
      if (pos != end) {
        throw new Malformed(pos, (end - pos) + " bytes left over after the last function");
      }
      checkTree(stored);
      // Children follow their parent, so building from the last function up finds them built.
      FunctionProto[] built = new FunctionProto[count];
      for (int i = count - 1; i >= 0; i--) {
        Stored s = stored[i];
        Object[] constants = s.constants();
        for (int k = 0; k < constants.length; k++) {
          if (s.functionRefs()[k] >= 0) {
            constants[k] = built[s.functionRefs()[k]];
          }
        }
        built[i] = new FunctionProto(
            s.name(), s.arity(), s.upvalueCount(), s.code(), s.lines(), constants, s.maxStack());
        stored[i] = null;
      }
      return built[0];
    }

    private Stored function(int index) throws Malformed {
      int at = pos;
      int nameField = varint("name length");
      LoxString name = null;
      if (nameField > 0) {
        name = new LoxString(bytes("name", nameField - 1));
      }
      int arity = varint("arity");
      int upvalueCount = varint("upvalue count");
      int maxStack = varint("stack size");
      int codeLength = count("code byte", 1);
      byte[] code = bytes("code", codeLength);
      int[] lines = lines(codeLength);
      int constantCount = count("constant", 2);
      Object[] constants = new Object[constantCount];
      int[] functionRefs = new int[constantCount];
      for (int k = 0; k < constantCount; k++) {
        functionRefs[k] = -1;
        int tagAt = pos;
        int tag = u8("constant tag");
        switch (tag) {
          case ChunkFormat.TAG_NUMBER -> {
            need(8, "number");
            long bits = 0;
            for (int b = 0; b < 8; b++) {
              bits = bits << 8 | (bytes[pos++] & 0xff);
            }
            constants[k] = Double.longBitsToDouble(bits);
          }
          case ChunkFormat.TAG_STRING -> constants[k] = new LoxString(bytes("string", count("string byte", 1)));
          case ChunkFormat.TAG_FUNCTION -> {
            int refAt = pos;
            int ref = varint("function index");
            if (ref <= index) {
              throw new Malformed(refAt, "function " + index + " refers to function " + ref
                  + ", which does not follow it");
            }
            functionRefs[k] = ref;
          }
          default -> throw new Malformed(tagAt, "unknown constant tag " + tag);
        }
      }
      if (pos > end) {
        throw new Malformed(at, "function runs past the end of the body");
      }
      return new Stored(name, arity, upvalueCount, maxStack, code, lines, constants, functionRefs);
    }

    /** The line of each code byte, from runs of (length, line). */
    private int[] lines(int codeLength) throws Malformed {
      int runs = count("line run", 2);
      int[] lines = new int[codeLength];
      int filled = 0;
      for (int r = 0; r < runs; r++) {
        int at = pos;
        int length = varint("line run length");
        int line = varint("line");
        if (length == 0 || length > codeLength - filled) {
          throw new Malformed(at, "line runs do not cover the code exactly");
        }
        Arrays.fill(lines, filled, filled + length, line);
        filled += length;
      }
      if (filled != codeLength) {
        throw new Malformed(pos, "line runs cover " + filled + " of " + codeLength + " code bytes");
      }
      return lines;
    }

    /**
     * Every function but the script is the constant of exactly one function before it, and they
     * are stored depth-first (parent, then each child's subtree in constant order), nested no
     * deeper than the limit.
     */
    private void checkTree(Stored[] stored) throws Malformed {
      int count = stored.length;
      int[] stack = new int[16];
      int[] depths = new int[16];
      int top = 0;
      stack[top] = 0;
      depths[top++] = 0;
      int next = 0;
      while (top > 0) {
        top--;
        int i = stack[top];
        int depth = depths[top];
        if (i >= count) {
          throw new Malformed(-1, "a constant refers to function " + i + " of " + count);
        }
        if (i != next) {
          throw new Malformed(-1, "function " + i + " is used twice or out of depth-first order");
        }
        next++;
        if (depth > ChunkFormat.MAX_FUNCTION_DEPTH) {
          throw new Malformed(-1, "functions nested deeper than " + ChunkFormat.MAX_FUNCTION_DEPTH);
        }
        int[] refs = stored[i].functionRefs();
        for (int k = refs.length - 1; k >= 0; k--) {
          if (refs[k] >= 0) {
            if (top == stack.length) {
              stack = Arrays.copyOf(stack, top * 2);
              depths = Arrays.copyOf(depths, top * 2);
            }
            stack[top] = refs[k];
            depths[top++] = depth + 1;
          }
        }
        if (top > count) {
          throw new Malformed(-1, "more function references than functions");
        }
      }
      if (next != count) {
        throw new Malformed(-1, "function " + next + " is not used by any function");
      }
    }

    private void need(int n, String what) throws Malformed {
      if (n > end - pos) {
        throw new Malformed(pos, what + " runs past the end of the body");
      }
    }

    private int u8(String what) throws Malformed {
      need(1, what);
      return bytes[pos++] & 0xff;
    }

    private byte[] bytes(String what, int n) throws Malformed {
      need(n, what);
      byte[] result = Arrays.copyOfRange(bytes, pos, pos + n);
      pos += n;
      return result;
    }

    /** Unsigned LEB128 in its shortest form, at most 2^31 - 1. */
    private int varint(String what) throws Malformed {
      int at = pos;
      long value = 0;
      for (int shift = 0; ; shift += 7) {
        if (shift > 28) {
          throw new Malformed(at, what + " is longer than five bytes");
        }
        int b = u8(what);
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          if (b == 0 && shift > 0) {
            throw new Malformed(at, what + " is not in its shortest form");
          }
          break;
        }
      }
      if (value > Integer.MAX_VALUE) {
        throw new Malformed(at, what + " " + value + " is out of range");
      }
      return (int) value;
    }

    /** A count of things each taking at least {@code minBytes}: never more than could fit. */
    private int count(String what, int minBytes) throws Malformed {
      int at = pos;
      int n = varint(what + " count");
      if (n > (end - pos) / minBytes) {
        throw new Malformed(at, what + " count " + n + " is more than the body can hold");
      }
      return n;
    }
  }
}
