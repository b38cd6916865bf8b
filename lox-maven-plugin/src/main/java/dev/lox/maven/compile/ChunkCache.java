package dev.lox.maven.compile;

import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.ChunkHeader;
import dev.lox.chunk.ChunkReader;
import dev.lox.chunk.ChunkWriter;
import dev.lox.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Chunk files on disk used as a cache of compiled sources. {@link #lookup} says whether the chunk
 * at a path may stand for given source bytes; {@link #store} replaces a chunk so that no reader
 * ever sees half of one.
 *
 * <p>A chunk is {@link State#FRESH} when its header records the SHA-256 of exactly these source
 * bytes, this toolchain's version, format version and instruction set, and the whole file then
 * passes lox-vm's reader and verifier (length, checksum, encoding, every function safe to run).
 * Nothing in a cached chunk is trusted before that.
 */
public final class ChunkCache {
  /** What a cached chunk is worth for some source. */
  public enum State {
    /** Made from this source by this toolchain, and verified: use it. */
    FRESH,
    /** No chunk there. */
    MISSING,
    /** A good chunk, of other source: the source changed since. */
    STALE,
    /** Written by another toolchain version, format version or instruction set. */
    INCOMPATIBLE,
    /** Not a chunk, or one the reader or verifier rejects: damaged or forged. */
    CORRUPT
  }

  /**
   * The verdict on one cached chunk.
   *
   * @param state what it is worth
   * @param script the loaded program when fresh, else {@code null}
   * @param reason for anything but fresh or missing, why it cannot be used, in a few words
   */
  public record Entry(State state, Script script, String reason) {
    public boolean fresh() {
      return state == State.FRESH;
    }
  }

  private static final Entry MISSING = new Entry(State.MISSING, null, "no chunk");

  private final Path workDirectory;
  private final String toolchainVersion;

  /**
   * A cache writing its temporary files in {@code workDirectory} (best on the same file system as
   * the chunks, so they can be renamed into place) and expecting chunks of this toolchain.
   */
  public ChunkCache(Path workDirectory) {
    this(workDirectory, ChunkFormat.toolchainVersion());
  }

  /** As {@link #ChunkCache(Path)}, expecting chunks that record {@code toolchainVersion}. */
  public ChunkCache(Path workDirectory, String toolchainVersion) {
    this.workDirectory = Objects.requireNonNull(workDirectory);
    this.toolchainVersion = Objects.requireNonNull(toolchainVersion);
  }

  /** The toolchain version fresh chunks must record. */
  public String toolchainVersion() {
    return toolchainVersion;
  }

  /** Judges the chunk at {@code chunk} as the compiled form of {@code source}. */
  public Entry lookup(Path chunk, byte[] source) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(chunk);
    } catch (NoSuchFileException e) {
      return MISSING;
    }
    ChunkHeader header;
    try {
      header = ChunkReader.readHeader(bytes);
    } catch (ChunkReader.BadChunkException e) {
      State state = e.kind() == ChunkReader.BadChunkException.Kind.OTHER_FORMAT_VERSION
          ? State.INCOMPATIBLE
          : State.CORRUPT;
      return new Entry(state, null, e.getMessage());
    }
    if (!header.isCompatible()) {
      return new Entry(
          State.INCOMPATIBLE, null, "made for another instruction set or with unknown flags");
    }
    if (!toolchainVersion.equals(header.toolchainVersion())) {
      return new Entry(
          State.INCOMPATIBLE,
          null,
          "written by toolchain " + header.toolchainVersion() + ", this is " + toolchainVersion);
    }
    if (!header.isCompiledFrom(source)) {
      return new Entry(State.STALE, null, "source changed");
    }
    LoadResult loaded = Lox.load(bytes);
    if (!loaded.succeeded()) {
      return new Entry(State.CORRUPT, null, loaded.describe("rejected by the verifier"));
    }
    return new Entry(State.FRESH, loaded.script(), "");
  }

  /**
   * Writes {@code script} to {@code chunk} as a chunk file recording this cache's toolchain
   * version (see {@link #store(Path, byte[])}).
   */
  public void store(Path chunk, Script script) throws IOException {
    store(chunk, ChunkWriter.toBytes(script.function(), script.sourceHash(), toolchainVersion));
  }

  /**
   * Writes {@code bytes} to {@code chunk} (making its directory if need be): first to a temporary
   * file in the work directory, then renamed over it, so that an interrupted build leaves the old
   * chunk or the new one, never part of one, and no temporary file among the build's outputs.
   */
  public void store(Path chunk, byte[] bytes) throws IOException {
    try {
      Files.createDirectories(chunk.toAbsolutePath().getParent());
    } catch (IOException e) {
      // Said about the chunk with a reason, as a failed write is: not a bare directory's path.
      throw AtomicFiles.aboutTarget(chunk, e);
    }
    AtomicFiles.write(chunk, bytes, workDirectory);
  }

  /** Deletes a chunk; whether there was one. */
  public boolean remove(Path chunk) throws IOException {
    return Files.deleteIfExists(chunk);
  }
}
