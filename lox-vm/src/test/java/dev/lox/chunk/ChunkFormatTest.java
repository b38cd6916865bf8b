package dev.lox.chunk;

import static dev.lox.chunk.OpCode.NIL;
import static dev.lox.chunk.OpCode.RETURN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ChunkFormatTest {
  private static final String PROGRAM = """
      class A { init(x) { this.x = x; } get() { return this.x; } }
      class B < A { get() { return super.get() * 2; } }
      fun counter(step) { var n = 0; fun next() { n = n + step; return n; } return next; }
      var c = counter(3); c();
      print c() + B(21).get();
      print "caf\u00e9";
      """;

  private static byte[] source() {
    return PROGRAM.getBytes(StandardCharsets.UTF_8);
  }

  private static Script compiled() {
    CompileResult result = Lox.compile(source());
    assertTrue(result.succeeded(), result.errors()::toString);
    return result.script();
  }

  /** The one problem loading these bytes gives. */
  private static String problem(byte[] chunk) {
    LoadResult loaded = Lox.load(chunk);
    assertFalse(loaded.succeeded(), "accepted");
    assertEquals(1, loaded.problems().size(), loaded.problems()::toString);
    return loaded.problems().get(0).toString();
  }

  private static void assertEndsWith(String expected, String actual) {
    assertTrue(actual.endsWith(expected), () -> "expected ...'" + expected + "', got '" + actual + "'");
  }

  // ---- Determinism and round trips ----

  @Test
  void sameProgramSameBytes() {
    byte[] first = compiled().toBytes();
    byte[] second = compiled().toBytes();
    assertArrayEquals(first, second);
    LoadResult loaded = Lox.load(first);
    assertTrue(loaded.succeeded(), loaded.problems()::toString);
    assertArrayEquals(first, loaded.script().toBytes(), "load then write gives the same bytes");
  }

  @Test
  void everyProgramRoundTripsByteForByte() throws Exception {
    int count = 0;
    for (Path path : Chunks.programs()) {
      CompileResult compiled = Lox.compile(Files.readAllBytes(path));
      if (!compiled.succeeded()) {
        continue;
      }
      byte[] chunk = compiled.script().toBytes();
      LoadResult loaded = Lox.load(chunk);
      assertTrue(loaded.succeeded(), () -> path + ": " + loaded.problems());
      assertArrayEquals(chunk, loaded.script().toBytes(), path.toString());
      assertEquals(Disassembler.disassemble(compiled.script().function()),
          Disassembler.disassemble(loaded.script().function()), path.toString());
      count++;
    }
    assertTrue(count > 100, "round-tripped " + count + " programs");
  }

  // ---- The header ----

  @Test
  void headerRecordsVersionsAndSourceHash() throws Exception {
    byte[] chunk = compiled().toBytes();
    assertTrue(ChunkFormat.isChunk(chunk));
    assertArrayEquals(new byte[] {(byte) 0x89, 'L', 'O', 'X', '\r', '\n', 0x1a, '\n'},
        Arrays.copyOf(chunk, 8));
    ChunkHeader header = ChunkReader.readHeader(chunk);
    assertEquals(ChunkFormat.FORMAT_VERSION, header.formatVersion());
    assertEquals(0, header.flags());
    assertArrayEquals(ChunkFormat.instructionSet(), header.instructionSet());
    assertArrayEquals(ChunkFormat.sha256(source()), header.sourceHash());
    assertArrayEquals(compiled().sourceHash(), header.sourceHash());
    assertEquals(ChunkFormat.toolchainVersion(), header.toolchainVersion());
    assertEquals(chunk.length, header.fileLength());
    assertTrue(header.isCompatible());
    assertTrue(header.isFreshFor(source()));
    byte[] edited = source();
    edited[0] ^= 1;
    assertFalse(header.isFreshFor(edited));
    assertEquals(64, header.sourceHashHex().length());
  }

  @Test
  void headerAloneIsReadWithoutTheRest() throws Exception {
    byte[] chunk = compiled().toBytes();
    InputStream in = new ByteArrayInputStream(chunk);
    ChunkHeader header = ChunkReader.readHeader(in);
    assertEquals(chunk.length - header.size(), in.available(), "reads exactly the header");
    Path file = Files.createTempFile("header", ".loxc");
    try {
      Files.write(file, chunk);
      assertEquals(header.toolchainVersion(), ChunkReader.readHeader(file).toolchainVersion());
    } finally {
      Files.delete(file);
    }
    ChunkReader.BadChunkException e = assertThrows(ChunkReader.BadChunkException.class,
        () -> ChunkReader.readHeader("print 1;".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("not a Lox chunk file", e.getMessage());
  }

  @Test
  void checksumIsCrc32cOfEverythingBeforeIt() {
    byte[] chunk = compiled().toBytes();
    CRC32C crc = new CRC32C();
    crc.update(chunk, 0, chunk.length - 4);
    long stored = ((chunk[chunk.length - 4] & 0xffL) << 24) | ((chunk[chunk.length - 3] & 0xff) << 16)
        | ((chunk[chunk.length - 2] & 0xff) << 8) | (chunk[chunk.length - 1] & 0xff);
    assertEquals(crc.getValue(), stored);
  }

  @Test
  void scriptsOfUnknownSourceRecordAZeroHash() {
    Script script = Script.of(compiled().function());
    assertArrayEquals(new byte[32], script.sourceHash());
    LoadResult loaded = Lox.load(script.toBytes());
    assertTrue(loaded.succeeded());
    assertArrayEquals(new byte[32], loaded.header().sourceHash());
  }

  @Test
  void streamsAreReadAsFarAsTheHeaderSays() throws Exception {
    byte[] chunk = compiled().toBytes();
    assertTrue(ChunkReader.read(new ByteArrayInputStream(chunk)).succeeded());
    byte[] longer = Arrays.copyOf(chunk, chunk.length + 10);
    assertEquals("unexpected bytes after the end of the chunk",
        ChunkReader.read(new ByteArrayInputStream(longer)).problems().get(0).toString());
    // A body length of 4 GB on a short stream: reported, without allocating 4 GB.
    byte[] huge = chunk.clone();
    Arrays.fill(huge, ChunkFormat.BODY_LENGTH_OFFSET, ChunkFormat.BODY_LENGTH_OFFSET + 4, (byte) 0xff);
    String message = ChunkReader.read(new ByteArrayInputStream(huge)).problems().get(0).toString();
    assertTrue(message.startsWith("truncated: the header announces 4294967"), message);
  }

  // ---- Problems with the file ----

  @Test
  void fileLevelProblems() {
    byte[] chunk = compiled().toBytes();
    assertEquals("not a Lox chunk file", problem(source()));
    assertEquals("not a Lox chunk file", problem(new byte[0]));
    assertEquals("not a Lox chunk file", problem(Arrays.copyOf(chunk, 7)));
    assertEquals("truncated header", problem(Arrays.copyOf(chunk, 9)));
    assertEquals("truncated header", problem(Arrays.copyOf(chunk, 40)));

    byte[] v3 = chunk.clone();
    v3[ChunkFormat.VERSION_OFFSET + 1] = 3;
    assertEquals("made by an incompatible format version 3 (this toolchain reads version 1)",
        problem(v3));
    // The version is checked before anything else: a version-3 file may be laid out differently.
    assertEquals("made by an incompatible format version 3 (this toolchain reads version 1)",
        problem(Arrays.copyOf(v3, 12)));

    assertTrue(problem(Arrays.copyOf(chunk, chunk.length - 1)).startsWith("truncated: the header announces"));
    assertEquals("unexpected bytes after the end of the chunk",
        problem(Arrays.copyOf(chunk, chunk.length + 1)));

    byte[] flipped = chunk.clone();
    flipped[chunk.length / 2] ^= 0x10;
    assertEquals("checksum mismatch", problem(flipped));
    byte[] hashFlipped = chunk.clone();
    hashFlipped[ChunkFormat.SOURCE_HASH_OFFSET] ^= 1;
    assertEquals("checksum mismatch", problem(hashFlipped), "the header is covered too");

    byte[] flags = chunk.clone();
    flags[ChunkFormat.FLAGS_OFFSET + 1] = 4;
    assertEquals("uses features this toolchain does not know (flags 0x0004)",
        problem(ChunkFormat.reseal(flags)));

    byte[] otherSet = chunk.clone();
    otherSet[ChunkFormat.INSTRUCTION_SET_OFFSET] ^= 1;
    assertTrue(problem(ChunkFormat.reseal(otherSet)).startsWith("compiled for a different instruction set"));
  }

  // ---- Problems with the body's encoding ----

  /** Builds bodies by hand: varints and raw bytes. */
  private static final class Body {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Body v(long... values) {
      for (long value : values) {
        while (value >= 0x80) {
          out.write((int) (value & 0x7f) | 0x80);
          value >>>= 7;
        }
        out.write((int) value);
      }
      return this;
    }

    Body raw(int... bytes) {
      for (int b : bytes) {
        out.write(b);
      }
      return this;
    }

    /** A function: no name, no parameters or upvalues, NIL RETURN, then the given constants. */
    Body simple(int constantCount) {
      return v(0, 0, 0, 2, 2).raw(NIL.code(), RETURN.code()).v(1, 2, 1).v(constantCount);
    }

    byte[] chunk() {
      return Chunks.withBody(Chunks.bytes(Chunks.script(2, new Object[0], NIL, RETURN)), out.toByteArray());
    }
  }

  @Test
  void handBuiltBodyLoads() {
    LoadResult loaded = Lox.load(new Body().v(1).simple(0).chunk());
    assertTrue(loaded.succeeded(), loaded.problems()::toString);
  }

  @Test
  void countsAreBoundedByTheBytesLeft() {
    int body = Chunks.bodyStart(new Body().chunk());
    assertEquals("malformed at byte " + body + ": function count 2147483647 is more than the body can hold",
        problem(new Body().v(Integer.MAX_VALUE).chunk()));
    assertEndsWith("code byte count 2147483647 is more than the body can hold",
        problem(new Body().v(1, 0, 0, 0, 2, Integer.MAX_VALUE).chunk()));
    assertEndsWith("line run count 2147483647 is more than the body can hold", problem(new Body().v(1, 0, 0, 0, 2, 2).raw(1, 1).v(Integer.MAX_VALUE).chunk()));
    assertEndsWith("constant count 2147483647 is more than the body can hold", problem(new Body().v(1).simple(Integer.MAX_VALUE).chunk()));
    assertEndsWith("string byte count 1073741824 is more than the body can hold", problem(new Body().v(1).simple(1).raw(ChunkFormat.TAG_STRING).v(1 << 30).chunk()));
    assertEndsWith("name runs past the end of the body", problem(new Body().v(1, Integer.MAX_VALUE).raw(0, 0, 0, 0, 0, 0).chunk()));
    assertEndsWith("number runs past the end of the body", problem(new Body().v(1).simple(1).raw(ChunkFormat.TAG_NUMBER, 0, 0).chunk()));
  }

  @Test
  void varintsAreShortestAndBounded() {
    assertEndsWith("function count is not in its shortest form", problem(new Body().raw(0x81, 0x00).chunk()));
    assertEndsWith("function count is longer than five bytes", problem(new Body().raw(0xff, 0xff, 0xff, 0xff, 0xff, 0x01).chunk()));
    assertEndsWith("function count 4294967295 is out of range", problem(new Body().raw(0xff, 0xff, 0xff, 0xff, 0x0f).chunk()));
  }

  @Test
  void linesMustCoverTheCode() {
    assertEndsWith("line runs cover 1 of 2 code bytes", problem(new Body().v(1, 0, 0, 0, 2, 2).raw(NIL.code(), RETURN.code()).v(1, 1, 1).v(0).chunk()));
    assertEndsWith("line runs do not cover the code exactly", problem(new Body().v(1, 0, 0, 0, 2, 2).raw(NIL.code(), RETURN.code()).v(1, 3, 1).v(0).chunk()));
    assertEndsWith("line runs do not cover the code exactly", problem(new Body().v(1, 0, 0, 0, 2, 2).raw(NIL.code(), RETURN.code()).v(2, 0, 1, 1, 1).v(0).chunk()));
  }

  @Test
  void functionsFormATreeInDepthFirstOrder() {
    int fn = ChunkFormat.TAG_FUNCTION;
    assertEndsWith("function 0 refers to function 0, which does not follow it", problem(new Body().v(1).simple(1).raw(fn).v(0).chunk()));
    assertEquals("a constant refers to function 5 of 2",
        problem(new Body().v(2).simple(1).raw(fn).v(5).simple(0).chunk()));
    assertEquals("function 1 is used twice or out of depth-first order",
        problem(new Body().v(2).simple(2).raw(fn).v(1).raw(fn).v(1).simple(0).chunk()));
    assertEquals("function 1 is not used by any function",
        problem(new Body().v(2).simple(0).simple(0).chunk()));
    // The script holds 2 then 1: stored order must be the depth-first order, 1 first.
    assertEquals("function 2 is used twice or out of depth-first order",
        problem(new Body().v(3).simple(2).raw(fn).v(2).raw(fn).v(1).simple(0).simple(0).chunk()));
    assertEndsWith("unknown constant tag 9", problem(new Body().v(1).simple(1).raw(9, 0).chunk()));
    assertEndsWith("1 bytes left over after the last function", problem(new Body().v(1).simple(0).raw(0).chunk()));
    assertEndsWith("no functions", problem(new Body().v(0).chunk()));
  }

  @Test
  void anyBodyByteAtItsMaximumIsHandled() {
    // Each byte of the body in turn set to 0xff (length fields become huge, opcodes unknown).
    byte[] chunk = compiled().toBytes();
    int body = Chunks.bodyStart(chunk);
    for (int at = body; at < chunk.length - 4; at++) {
      byte[] mutated = chunk.clone();
      mutated[at] = (byte) 0xff;
      LoadResult loaded = Lox.load(ChunkFormat.reseal(mutated));
      assertNotNull(loaded);
    }
  }

  @Test
  void problemsReadAsOneLine() {
    LoadResult loaded = Lox.load(new byte[] {1, 2, 3});
    assertEquals("bad.loxc: not a Lox chunk file", loaded.describe("bad.loxc"));
    assertEquals(List.of(), Lox.load(compiled().toBytes()).problems());
  }
}
