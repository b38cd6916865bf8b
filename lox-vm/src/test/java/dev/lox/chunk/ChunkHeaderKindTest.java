package dev.lox.chunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.Lox;
import dev.lox.chunk.ChunkReader.BadChunkException;
import dev.lox.chunk.ChunkReader.BadChunkException.Kind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The header readers say why a file has no usable header, so build tools need not look. */
class ChunkHeaderKindTest {
  private static byte[] chunk() {
    return Lox.compile("print 1;".getBytes(StandardCharsets.UTF_8)).script().toBytes();
  }

  private static Kind kindOf(byte[] bytes) {
    BadChunkException e = assertThrows(BadChunkException.class, () -> ChunkReader.readHeader(bytes));
    assertEquals(e.kind(), assertThrows(BadChunkException.class,
        () -> ChunkReader.readHeader(new ByteArrayInputStream(bytes))).kind());
    return e.kind();
  }

  @Test
  void anotherFormatVersionIsToldApartFromDamage() {
    byte[] bytes = chunk();
    bytes[ChunkFormat.VERSION_OFFSET + 1] = 2;
    assertEquals(Kind.OTHER_FORMAT_VERSION, kindOf(ChunkFormat.reseal(bytes)));
    // The version is read before the checksum, which needs a reader of that version.
    assertEquals(Kind.OTHER_FORMAT_VERSION, kindOf(bytes));
    bytes[ChunkFormat.VERSION_OFFSET] = 1;
    assertEquals(Kind.OTHER_FORMAT_VERSION, kindOf(bytes));
  }

  @Test
  void aHeaderCutShortIsDamaged() {
    byte[] bytes = chunk();
    assertEquals(Kind.DAMAGED, kindOf(Arrays.copyOf(bytes, ChunkFormat.VERSION_OFFSET + 1)));
    assertEquals(Kind.DAMAGED, kindOf(Arrays.copyOf(bytes, ChunkFormat.FIXED_HEADER_SIZE - 1)));
    assertEquals(Kind.DAMAGED, kindOf(Arrays.copyOf(bytes, ChunkFormat.FIXED_HEADER_SIZE)));
  }

  @Test
  void somethingElseIsNotAChunk() {
    assertEquals(Kind.NOT_A_CHUNK, kindOf(new byte[0]));
    assertEquals(Kind.NOT_A_CHUNK, kindOf("print 1;".getBytes(StandardCharsets.UTF_8)));
    byte[] bytes = chunk();
    bytes[1] = 'l';
    assertEquals(Kind.NOT_A_CHUNK, kindOf(bytes));
  }

  @Test
  void theMessageIsTheProblemsAsBefore() {
    byte[] bytes = chunk();
    bytes[ChunkFormat.VERSION_OFFSET + 1] = 3;
    BadChunkException e = assertThrows(BadChunkException.class, () -> ChunkReader.readHeader(bytes));
    assertEquals(
        "made by an incompatible format version 3 (this toolchain reads version 1)",
        e.getMessage());
    assertEquals(e.getMessage(), e.problem().toString());
    ChunkReader.Result read = ChunkReader.read(bytes);
    assertEquals(e.problem().toString(), read.problems().get(0).toString());
  }

  @Test
  void aGoodHeaderIsRead() throws Exception {
    ChunkHeader header = ChunkReader.readHeader(chunk());
    assertEquals(ChunkFormat.FORMAT_VERSION, header.formatVersion());
    assertTrue(header.isCompatible());
  }
}
