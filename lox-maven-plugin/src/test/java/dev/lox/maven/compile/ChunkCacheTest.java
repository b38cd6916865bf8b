package dev.lox.maven.compile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.chunk.ChunkFormat;
import dev.lox.chunk.ChunkWriter;
import dev.lox.chunk.FunctionProto;
import dev.lox.maven.compile.ChunkCache.Entry;
import dev.lox.maven.compile.ChunkCache.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkCacheTest {
  private static final byte[] SOURCE = "var a = 1;\nprint a + 2;\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private ChunkCache cache() {
    return new ChunkCache(dir.resolve("tmp"));
  }

  private Path chunk() {
    return dir.resolve("out/main.loxc");
  }

  private static Script compiled(byte[] source) {
    return Lox.compile(source).script();
  }

  @Test
  void noFileIsMissing() throws IOException {
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.MISSING, entry.state());
    assertNull(entry.script());
  }

  @Test
  void aChunkOfTheSameSourceAndToolchainIsFreshAndLoaded() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.FRESH, entry.state(), entry.reason());
    assertTrue(entry.fresh());
    assertNotNull(entry.script());
    assertArrayEquals(ChunkFormat.sha256(SOURCE), entry.script().sourceHash());
  }

  @Test
  void changedSourceMakesTheChunkStale() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    byte[] edited = "var a = 1;\nprint a + 3;\n".getBytes(StandardCharsets.UTF_8);
    Entry entry = cache().lookup(chunk(), edited);
    assertEquals(State.STALE, entry.state());
    assertNull(entry.script());
  }

  @Test
  void evenAOneByteEditOfTheSameLengthIsSeen() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    byte[] edited = SOURCE.clone();
    edited[edited.length - 3] = '4';
    assertEquals(State.STALE, cache().lookup(chunk(), edited).state());
  }

  @Test
  void aChunkWrittenByAnotherToolchainVersionIsIncompatible() throws IOException {
    Script script = compiled(SOURCE);
    cache().store(chunk(), ChunkWriter.toBytes(script.function(), script.sourceHash(), "0.0.1-elsewhere"));
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.INCOMPATIBLE, entry.state());
    assertTrue(entry.reason().contains("0.0.1-elsewhere"), entry.reason());
  }

  @Test
  void theCacheExpectsItsOwnToolchainVersion() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    ChunkCache other = new ChunkCache(dir.resolve("tmp"), "9.9.9");
    assertEquals(State.INCOMPATIBLE, other.lookup(chunk(), SOURCE).state());
    assertEquals(State.FRESH, cache().lookup(chunk(), SOURCE).state());
  }

  @Test
  void anotherFormatVersionIsIncompatible() throws IOException {
    byte[] bytes = compiled(SOURCE).toBytes();
    bytes[9] = 2; // format version, a u16 at offset 8
    cache().store(chunk(), ChunkFormat.reseal(bytes));
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.INCOMPATIBLE, entry.state());
    assertTrue(entry.reason().contains("format version"), entry.reason());
  }

  @Test
  void anotherInstructionSetIsIncompatible() throws IOException {
    byte[] bytes = compiled(SOURCE).toBytes();
    bytes[12] ^= 0x55; // instruction-set id, 8 bytes at offset 12
    cache().store(chunk(), ChunkFormat.reseal(bytes));
    assertEquals(State.INCOMPATIBLE, cache().lookup(chunk(), SOURCE).state());
  }

  @Test
  void aFlippedByteFailsTheChecksum() throws IOException {
    byte[] bytes = compiled(SOURCE).toBytes();
    bytes[bytes.length - 10] ^= 0x01;
    cache().store(chunk(), bytes);
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.CORRUPT, entry.state());
    assertTrue(entry.reason().contains("checksum"), entry.reason());
  }

  @Test
  void aTruncatedChunkIsCorrupt() throws IOException {
    byte[] bytes = compiled(SOURCE).toBytes();
    cache().store(chunk(), Arrays.copyOf(bytes, bytes.length - 5));
    assertEquals(State.CORRUPT, cache().lookup(chunk(), SOURCE).state());
    cache().store(chunk(), Arrays.copyOf(bytes, 30));
    assertEquals(State.CORRUPT, cache().lookup(chunk(), SOURCE).state());
    cache().store(chunk(), new byte[0]);
    assertEquals(State.CORRUPT, cache().lookup(chunk(), SOURCE).state());
  }

  @Test
  void somethingElseEntirelyIsCorrupt() throws IOException {
    cache().store(chunk(), SOURCE);
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.CORRUPT, entry.state());
    assertTrue(entry.reason().contains("not a Lox chunk"), entry.reason());
  }

  /**
   * A forged chunk: right header, right source hash, right checksum, but code the VM must not run.
   * Only the verifier can tell, and it does.
   */
  @Test
  void aWellSealedChunkWithUnsafeCodeIsRejectedByTheVerifier() throws IOException {
    Script script = compiled(SOURCE);
    FunctionProto good = script.function();
    byte[] code = good.code.clone();
    code[0] = (byte) 0xff; // no such opcode
    FunctionProto forged = new FunctionProto(
        good.name, good.arity, good.upvalueCount, code, good.lines, good.constants, good.maxStack);
    cache().store(chunk(), ChunkWriter.toBytes(forged, script.sourceHash()));
    Entry entry = cache().lookup(chunk(), SOURCE);
    assertEquals(State.CORRUPT, entry.state());
    assertNull(entry.script());
    assertTrue(entry.reason().startsWith("rejected by the verifier"), entry.reason());
  }

  @Test
  void storeReplacesWholeFilesAndLeavesNoTemporaryFileBehind() throws IOException {
    ChunkCache cache = cache();
    cache.store(chunk(), "first".getBytes(StandardCharsets.UTF_8));
    cache.store(chunk(), compiled(SOURCE).toBytes());
    assertArrayEquals(compiled(SOURCE).toBytes(), Files.readAllBytes(chunk()));
    try (Stream<Path> temp = Files.list(dir.resolve("tmp"));
        Stream<Path> out = Files.list(chunk().getParent())) {
      assertEquals(0, temp.count());
      assertEquals(1, out.count());
    }
  }

  @Test
  void storedChunksHaveTheUsualPermissionsOfNewFiles() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    Path reference = Files.write(dir.resolve("out/reference"), SOURCE);
    if (Files.getFileStore(chunk()).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(chunk());
      assertEquals(Files.getPosixFilePermissions(reference), permissions);
    }
  }

  @Test
  void removeSaysWhetherThereWasAChunk() throws IOException {
    cache().store(chunk(), compiled(SOURCE).toBytes());
    assertTrue(cache().remove(chunk()));
    assertEquals(State.MISSING, cache().lookup(chunk(), SOURCE).state());
    assertEquals(false, cache().remove(chunk()));
  }
}
