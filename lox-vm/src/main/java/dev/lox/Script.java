package dev.lox;

import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.ChunkWriter;
import dev.lox.chunk.FunctionProto;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A compiled Lox program, ready to run. Immutable: one script may run on many {@link Lox}
 * instances, concurrently.
 */
public final class Script {
  private final FunctionProto function;
  /** The source compiled, kept to hash on demand; null when unknown or read from a chunk. */
  private final byte[] source;
  private volatile byte[] sourceHash;

  Script(FunctionProto function) {
    this(function, null, null);
  }

  Script(FunctionProto function, byte[] source, byte[] sourceHash) {
    this.function = function;
    this.source = source;
    this.sourceHash = sourceHash;
  }

  /** The top-level function; its constants hold every nested function. */
  public FunctionProto function() {
    return function;
  }

  /** Wraps a function read or built elsewhere (a chunk file, a test). */
  public static Script of(FunctionProto function) {
    return new Script(function);
  }

  /**
   * SHA-256 of the source this script was compiled from (as a chunk file records it), or all
   * zero bytes when unknown, as for {@link #of}.
   */
  public byte[] sourceHash() {
    byte[] hash = sourceHash;
    if (hash == null) {
      hash = source == null ? new byte[ChunkFormat.SOURCE_HASH_SIZE] : ChunkFormat.sha256(source);
      sourceHash = hash;
    }
    return hash.clone();
  }

  /**
   * The script as a chunk file, which {@link Lox#load} reads back. The same program and
   * toolchain always give the same bytes.
   */
  public byte[] toBytes() {
    return ChunkWriter.toBytes(function, sourceHash());
  }

  /** Writes {@link #toBytes()} to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(toBytes());
  }
}
