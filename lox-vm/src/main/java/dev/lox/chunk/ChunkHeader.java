package dev.lox.chunk;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The header of a chunk file: what a build tool reads to decide whether a cached chunk is still
 * fresh, without reading or checking the rest ({@link ChunkReader#readHeader}).
 */
public final class ChunkHeader {
  private final int formatVersion;
  private final int flags;
  private final byte[] instructionSet;
  private final byte[] sourceHash;
  private final long bodyLength;
  private final String toolchainVersion;
  private final int size;

  ChunkHeader(
      int formatVersion,
      int flags,
      byte[] instructionSet,
      byte[] sourceHash,
      long bodyLength,
      String toolchainVersion,
      int size) {
    this.formatVersion = formatVersion;
    this.flags = flags;
    this.instructionSet = instructionSet;
    this.sourceHash = sourceHash;
    this.bodyLength = bodyLength;
    this.toolchainVersion = toolchainVersion;
    this.size = size;
  }

  public int formatVersion() {
    return formatVersion;
  }

  /** Reserved; zero in every chunk this toolchain reads. */
  public int flags() {
    return flags;
  }

  /** The instruction-set id the chunk was compiled for (see {@link ChunkFormat#instructionSet}). */
  public byte[] instructionSet() {
    return instructionSet.clone();
  }

  /** SHA-256 of the source the chunk was compiled from; all zero when unknown. */
  public byte[] sourceHash() {
    return sourceHash.clone();
  }

  /** {@link #sourceHash} in lower-case hex. */
  public String sourceHashHex() {
    return HexFormat.of().formatHex(sourceHash);
  }

  /** The version of the toolchain that wrote the chunk, for example {@code 0.1.0-SNAPSHOT}. */
  public String toolchainVersion() {
    return toolchainVersion;
  }

  /** Length of the body, as the header states it. */
  public long bodyLength() {
    return bodyLength;
  }

  /** Length of the header in bytes: where the body starts. */
  public int size() {
    return size;
  }

  /** The total file length the header announces: header, body and checksum. */
  public long fileLength() {
    return size + bodyLength + ChunkFormat.CHECKSUM_SIZE;
  }

  /**
   * Whether this toolchain can load the chunk, as far as the header tells: same format version,
   * no unknown flags, same instruction set.
   */
  public boolean isCompatible() {
    return formatVersion == ChunkFormat.FORMAT_VERSION
        && flags == 0
        && ChunkFormat.isThisInstructionSet(instructionSet);
  }

  /** Whether the chunk was compiled from exactly these source bytes (compares SHA-256). */
  public boolean isCompiledFrom(byte[] source) {
    return Arrays.equals(sourceHash, ChunkFormat.sha256(source));
  }

  /**
   * Whether a cached chunk with this header can be used instead of compiling {@code source}: it is
   * compatible with this toolchain and was compiled from the same bytes.
   */
  public boolean isFreshFor(byte[] source) {
    return isCompatible() && isCompiledFrom(source);
  }

  @Override
  public String toString() {
    return "Lox chunk format " + formatVersion + ", toolchain " + toolchainVersion
        + ", source sha256 " + sourceHashHex() + ", body " + bodyLength + " bytes";
  }
}
