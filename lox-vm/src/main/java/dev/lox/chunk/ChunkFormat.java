package dev.lox.chunk;

import dev.lox.api.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The constants of the chunk file format, the compiled form of a Lox program (see
 * {@code docs/chunk-format.md} for the full layout). A chunk file is a header, a body holding
 * every function of the program, and a CRC-32C of everything before it.
 *
 * <p>Header, big-endian: magic (8 bytes), format version (u16), flags (u16, zero), instruction
 * set id (8 bytes), SHA-256 of the source (32 bytes), body length (u32), toolchain version
 * (u8 length, then UTF-8).
 */
public final class ChunkFormat {
  private ChunkFormat() {}

  /**
   * The first eight bytes of every chunk file, after PNG's: a non-ASCII first byte (no Lox source
   * can start with it), the name, and CR LF, SUB, LF to catch text-mode transfers.
   */
  private static final byte[] MAGIC = {(byte) 0x89, 'L', 'O', 'X', '\r', '\n', 0x1a, '\n'};

  /** The version of the layout this toolchain reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** Offsets and sizes of the fixed part of the header. */
  static final int VERSION_OFFSET = 8;
  static final int FLAGS_OFFSET = 10;
  static final int INSTRUCTION_SET_OFFSET = 12;
  static final int INSTRUCTION_SET_SIZE = 8;
  static final int SOURCE_HASH_OFFSET = 20;
  public static final int SOURCE_HASH_SIZE = 32;
  static final int BODY_LENGTH_OFFSET = 52;
  static final int TOOLCHAIN_OFFSET = 56;
  /** The header without the toolchain version's bytes. */
  static final int FIXED_HEADER_SIZE = 57;
  /** The longest header: the toolchain version is at most 255 bytes. */
  public static final int MAX_HEADER_SIZE = FIXED_HEADER_SIZE + 255;
  /** The CRC-32C after the body. */
  static final int CHECKSUM_SIZE = 4;

  /** Constant tags in the body. */
  static final int TAG_NUMBER = 1;
  static final int TAG_STRING = 2;
  static final int TAG_FUNCTION = 3;

  // Limits a valid chunk respects. Each is at least what the compiler can produce.

  /** Most parameters of a function (clox's limit). */
  public static final int MAX_ARITY = 255;
  /** Most upvalues of a function (clox's limit). */
  public static final int MAX_UPVALUES = 256;
  /** Most constants of a function: operands index them with one byte. */
  public static final int MAX_CONSTANTS = 256;
  /**
   * Largest stack a function may declare. Generous (deeply nested expressions need deep stacks,
   * and the VM reports a stack overflow for what it cannot hold) but far from int overflow.
   */
  public static final int MAX_STACK = 1 << 30;
  /** Deepest nesting of functions: the compiler's nesting limit. */
  public static final int MAX_FUNCTION_DEPTH = 200_000;

  /** The magic number, a copy. */
  public static byte[] magic() {
    return MAGIC.clone();
  }

  /** Whether {@code bytes} starts with the magic number: a chunk file, not source. */
  public static boolean isChunk(byte[] bytes) {
    return bytes.length >= MAGIC.length
        && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /**
   * An id for this toolchain's instruction set: the 64-bit FNV-1a hash (big-endian) of a line of
   * text per opcode giving its number, name, operand layout and stack effect. Chunks made for another
   * instruction set (opcodes added, renumbered or changed) are refused, so a cached chunk can
   * never be run with a different meaning.
   */
  public static byte[] instructionSet() {
    return InstructionSet.ID.clone();
  }

  static boolean isThisInstructionSet(byte[] id) {
    return Arrays.equals(id, InstructionSet.ID);
  }

  /** Computed on first use, so that {@link #isChunk} costs a source run nothing. */
  private static final class InstructionSet {
    static final byte[] ID = instructionSetId();
  }

  private static byte[] instructionSetId() {
    StringBuilder text = new StringBuilder();
    for (OpCode op : OpCode.values()) {
      text.append(op.ordinal()).append(' ').append(op.name())
          .append(' ').append(op.operands().name()).append(' ').append(op.operands().size())
          .append(' ').append(op.pops(0)).append(' ').append(op.pops(1))
          .append(' ').append(op.pushes()).append(' ').append(op.endsBlock()).append('\n');
    }
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.toString().getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    byte[] id = new byte[INSTRUCTION_SET_SIZE];
    for (int i = 0; i < id.length; i++) {
      id[i] = (byte) (hash >>> (56 - 8 * i));
    }
    return id;
  }

  /** The toolchain version written into new chunks, at most 255 bytes of UTF-8. */
  public static String toolchainVersion() {
    return Version.get();
  }

  /** SHA-256 of {@code bytes}: the source hash recorded in a chunk's header. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every Java platform has SHA-256", e);
    }
  }

  /** CRC-32C (Castagnoli) of {@code bytes[0, length)}: the checksum a chunk ends with. */
  public static int checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  /**
   * Rewrites the checksum at the end of a complete chunk file after its other bytes were changed,
   * in place, as outside tools that edit chunks must. Returns {@code bytes}.
   */
  public static byte[] reseal(byte[] bytes) {
    if (bytes.length < CHECKSUM_SIZE) {
      throw new IllegalArgumentException("too short to hold a checksum");
    }
    int end = bytes.length - CHECKSUM_SIZE;
    int crc = checksum(bytes, end);
    bytes[end] = (byte) (crc >>> 24);
    bytes[end + 1] = (byte) (crc >>> 16);
    bytes[end + 2] = (byte) (crc >>> 8);
    bytes[end + 3] = (byte) crc;
    return bytes;
  }
}
