package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.chunk.ChunkFormat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loxc -o}, {@code loxc -l} and {@code lox} on chunk files, run in-process. */
class ChunkCommandsTest {
  @TempDir Path dir;

  private record Result(int exit, String out, String err) {}

  private static Result lox(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LoxMain.run(args, new ByteArrayInputStream(new byte[0]), out, err);
    return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
  }

  private static Result loxc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LoxcMain.run(args, out, err);
    return new Result(exit, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private List<String> files() throws Exception {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void compiledProgramRunsAsItsSource() throws Exception {
    Path source = write("prog.lox", "fun f(n) { return n * 2; }\nprint f(21);\nprint x;\n");
    String chunk = dir.resolve("prog.loxc").toString();
    assertEquals(new Result(0, "", ""), loxc("-o", chunk, source.toString()));
    Result fromSource = lox(source.toString());
    Result fromChunk = lox(chunk);
    assertEquals(70, fromChunk.exit());
    assertEquals(fromSource, fromChunk);
    assertEquals(List.of("prog.lox", "prog.loxc"), files(), "no temporary files left");
    // Recognised by content, not by name.
    Path renamed = Files.move(Path.of(chunk), dir.resolve("prog.txt"));
    assertEquals(fromSource, lox(renamed.toString()));
  }

  @Test
  void listingIsTheSameFromSourceOrChunk() throws Exception {
    Path source = write("prog.lox", "class A { m() { return this; } }\nprint A().m();\n");
    String chunk = dir.resolve("prog.loxc").toString();
    Result compiled = loxc("-l", "-o", chunk, source.toString());
    assertEquals(0, compiled.exit());
    assertTrue(compiled.out().contains("OP_METHOD"), compiled.out());
    assertEquals(compiled, loxc("-l", chunk));
    assertEquals(new Result(0, "", ""), loxc(chunk), "checking a good chunk");
  }

  @Test
  void compileErrorsWriteNothing() throws Exception {
    Path source = write("bad.lox", "print 1 +;\nvar;\n");
    Path out = dir.resolve("bad.loxc");
    Result result = loxc("-o", out.toString(), source.toString());
    assertEquals(65, result.exit());
    Result fromLox = lox(source.toString());
    assertEquals(fromLox.err(), result.err(), "errors printed exactly as lox prints them");
    assertEquals(fromLox.exit(), result.exit());
    assertFalse(Files.exists(out));
    // An existing output is left alone.
    Files.write(out, new byte[] {1, 2, 3});
    assertEquals(65, loxc("-o", out.toString(), source.toString()).exit());
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
    assertEquals(List.of("bad.lox", "bad.loxc"), files());
  }

  @Test
  void outputIsReplacedWhole() throws Exception {
    Path source = write("p.lox", "print 1;");
    Path out = dir.resolve("p.loxc");
    Files.write(out, new byte[100_000]);
    assertEquals(0, loxc("-o", out.toString(), source.toString()).exit());
    assertTrue(ChunkFormat.isChunk(Files.readAllBytes(out)));
    assertEquals("1\n", lox(out.toString()).out());
    assertEquals(List.of("p.lox", "p.loxc"), files());
  }

  @Test
  void badChunksAreRejectedInOneLine() throws Exception {
    Path source = write("p.lox", "print \"never\";");
    Path chunk = dir.resolve("bad.loxc");
    assertEquals(0, loxc("-o", chunk.toString(), source.toString()).exit());
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length - 10] ^= 1;
    Files.write(chunk, bytes);
    Result result = lox(chunk.toString());
    assertEquals(new Result(65, "", chunk + ": checksum mismatch\n"), result);
    assertEquals(result, loxc(chunk.toString()));
    assertEquals(result, loxc("-l", chunk.toString()));

    bytes[9] = 3;
    Files.write(chunk, bytes);
    assertEquals(new Result(65, "",
            chunk + ": made by an incompatible format version 3 (this toolchain reads version 1)\n"),
        lox(chunk.toString()));
  }

  @Test
  void writeFailuresAreReported() throws Exception {
    Path source = write("p.lox", "print 1;");
    Result result = loxc("-o", dir.resolve("no/such/dir/p.loxc").toString(), source.toString());
    assertEquals(74, result.exit());
    assertTrue(result.err().startsWith("Could not write file"), result.err());
    assertEquals(64, loxc("-o").exit());
    assertEquals(64, loxc(source.toString(), "-o").exit());
  }
}
