package dev.lox.maven.compile;

import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.ChunkHeader;
import dev.lox.chunk.ChunkReader;
import dev.lox.chunk.ChunkWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

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
      State state = ofAnotherFormat(bytes) ? State.INCOMPATIBLE : State.CORRUPT;
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

  /** A chunk file whose format version is not this toolchain's (header offset 8, a u16). */
  private static boolean ofAnotherFormat(byte[] bytes) {
    if (!ChunkFormat.isChunk(bytes) || bytes.length < 10) {
      return false;
    }
    int version = (bytes[8] & 0xff) << 8 | (bytes[9] & 0xff);
    return version != ChunkFormat.FORMAT_VERSION;
  }

  /**
   * Writes {@code script} to {@code chunk} as a chunk file recording this cache's toolchain
   * version (see {@link #store(Path, byte[])}).
   */
  public void store(Path chunk, Script script) throws IOException {
    store(chunk, ChunkWriter.toBytes(script.function(), script.sourceHash(), toolchainVersion));
  }

  /**
   * Writes {@code bytes} to {@code chunk}: first to a temporary file, then renamed over it, so
   * that an interrupted build leaves the old chunk or the new one, never part of one.
   */
  public void store(Path chunk, byte[] bytes) throws IOException {
    replace(chunk, bytes, workDirectory);
  }

  /** Deletes a chunk; whether there was one. */
  public boolean remove(Path chunk) throws IOException {
    return Files.deleteIfExists(chunk);
  }

  /**
   * Writes a file atomically: a temporary file in {@code tempDirectory} renamed over {@code
   * target}; where that directory is on another file system, one beside the target. The file gets
   * the permissions any new file gets (unlike {@link Files#createTempFile}'s owner-only ones).
   */
  static void replace(Path target, byte[] bytes, Path tempDirectory) throws IOException {
    Path parent = target.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Files.createDirectories(tempDirectory);
    Path temp = writeNew(tempDirectory, target.getFileName() + ".", bytes);
    try {
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Path beside = writeNew(parent, "." + target.getFileName() + ".", bytes);
        try {
          Files.move(beside, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(beside);
        }
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes {@code bytes} to a new file of a name no other writer is using; returns it. */
  private static Path writeNew(Path directory, String prefix, byte[] bytes) throws IOException {
    while (true) {
      Path file = directory.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(bytes);
        return file;
      } catch (FileAlreadyExistsException e) {
        // Taken: draw another name.
      } catch (IOException e) {
        Files.deleteIfExists(file);
        throw e;
      }
    }
  }
}
