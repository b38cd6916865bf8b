package dev.lox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Input files over the size limit, or endless, are one line and exit 74, read or not. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SourceFilesTest {
  @TempDir Path dir;

  private static final Path DEV_ZERO = Path.of("/dev/zero");

  /** A 3 GiB file that takes no disk space: {@code truncate -s 3G}. */
  private Path sparse() throws IOException {
    Path file = dir.resolve("big.lox");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(3L << 30);
    }
    return file;
  }

  private record Result(int exit, String out, String err) {}

  private static Result lox(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LoxMain.run(args, new ByteArrayInputStream(new byte[0]), out, err);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Result loxc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = LoxcMain.run(args, out, err);
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aFileOverTwoGibIsRejectedWithoutReadingIt() throws IOException {
    String big = sparse().toString();
    Result expected =
        new Result(74, "", "Could not open file \"" + big + "\": file too large (the limit is 2 GiB).\n");
    assertEquals(expected, lox(big));
    assertEquals(expected, loxc(big));
    assertEquals(expected, loxc("-l", big));
    String chunk = dir.resolve("big.loxc").toString();
    assertEquals(expected, loxc("-o", chunk, big));
    assertEquals(false, Files.exists(Path.of(chunk)));
  }

  @Test
  void anEndlessDeviceIsReadUpToTheLimitOnly() {
    assumeTrue(Files.isReadable(DEV_ZERO));
    SourceFiles.TooLargeException e = assertThrows(SourceFiles.TooLargeException.class,
        () -> SourceFiles.read(DEV_ZERO.toString(), 1 << 20));
    assertEquals("file too large (the limit is 1048576 bytes)", e.getMessage());
  }

  @Test
  void aFileThatSaysItIsSmallerThanItIsIsReadWhole() throws IOException {
    // /proc files report size 0; so do devices and pipes.
    Path status = Path.of("/proc/self/status");
    assumeTrue(Files.isReadable(status));
    byte[] bytes = SourceFiles.read(status.toString());
    assertEquals(true, bytes.length > 0);
    assertEquals(true, new String(bytes, StandardCharsets.UTF_8).contains("Name:"));
  }

  @Test
  void sizesAroundTheLimit() throws IOException {
    Path file = dir.resolve("f.lox");
    byte[] bytes = new byte[10_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    Files.write(file, bytes);
    assertArrayEquals(bytes, SourceFiles.read(file.toString(), 10_000));
    assertArrayEquals(bytes, SourceFiles.read(file.toString()));
    assertThrows(SourceFiles.TooLargeException.class, () -> SourceFiles.read(file.toString(), 9_999));
    Files.write(file, new byte[0]);
    assertArrayEquals(new byte[0], SourceFiles.read(file.toString(), 0));
  }
}
