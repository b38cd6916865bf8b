package dev.lox.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.api.CompileError;
import dev.lox.api.RunResult;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program of the project's suite behaves the same when run from source and when compiled,
 * written as a chunk file, read back and run: the same stdout and stderr bytes, the same exit
 * status. Programs that do not compile fail the same way through {@code loxc}: the same error
 * lines, exit 65.
 */
class ChunkRoundTripTest {

  /** What one run printed and how it ended. */
  private record Run(byte[] out, byte[] err, int exitCode) {}

  @TestFactory
  Stream<DynamicTest> programsBehaveTheSameFromAChunk() throws Exception {
    List<Path> programs = Chunks.programs();
    assertTrue(programs.size() > 200, "found " + programs.size() + " programs");
    return programs.stream().map(path -> DynamicTest.dynamicTest(
        Chunks.PROGRAMS.relativize(path).toString(), path.toUri(), () -> roundTrip(path)));
  }

  private static void roundTrip(Path path) throws Exception {
    byte[] source = Files.readAllBytes(path);
    Run fromSource = run(lox -> lox.interpret(source));

    Run fromChunk;
    CompileResult compiled = Lox.compile(source);
    if (!compiled.succeeded()) {
      // loxc prints the errors as lox does and writes no chunk.
      StringBuilder errors = new StringBuilder();
      for (CompileError error : compiled.errors()) {
        errors.append(error).append('\n');
      }
      fromChunk = new Run(new byte[0], errors.toString().getBytes(StandardCharsets.ISO_8859_1), 65);
    } else {
      byte[] chunk = compiled.script().toBytes();
      LoadResult loaded = Lox.load(chunk);
      assertTrue(loaded.succeeded(), () -> loaded.describe(path.toString()));
      fromChunk = run(lox -> lox.run(loaded.script()));
    }
    assertEquals(fromSource.exitCode(), fromChunk.exitCode(), "exit code");
    assertArrayEquals(fromSource.out(), fromChunk.out(), () -> "stdout differs:\n"
        + latin1(fromSource.out()) + "\n---\n" + latin1(fromChunk.out()));
    assertArrayEquals(fromSource.err(), fromChunk.err(), () -> "stderr differs:\n"
        + latin1(fromSource.err()) + "\n---\n" + latin1(fromChunk.err()));
  }

  private interface Program {
    RunResult runOn(Lox lox);
  }

  private static Run run(Program program) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox lox = new Lox(out, err);
    int exit = program.runOn(lox).exitCode();
    lox.flush();
    return new Run(out.toByteArray(), err.toByteArray(), exit);
  }

  private static String latin1(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
  }
}
