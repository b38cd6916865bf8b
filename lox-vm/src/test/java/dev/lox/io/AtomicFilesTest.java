package dev.lox.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesANewFileAndLeavesNothingElse() throws IOException {
    Path target = dir.resolve("out.loxc");
    AtomicFiles.write(target, bytes("first"));
    assertArrayEquals(bytes("first"), Files.readAllBytes(target));
    assertEquals(List.of("out.loxc"), names(dir));
  }

  @Test
  void replacesAWholeFile() throws IOException {
    Path target = dir.resolve("out.loxc");
    Files.write(target, bytes("a much longer old content"));
    AtomicFiles.write(target, bytes("new"));
    assertArrayEquals(bytes("new"), Files.readAllBytes(target));
    assertEquals(List.of("out.loxc"), names(dir));
  }

  @Test
  void aRelativeTargetIsBelowTheWorkingDirectory() throws IOException {
    Path target = Path.of("target", "atomic-files-test-" + ProcessHandle.current().pid() + ".bin");
    try {
      AtomicFiles.write(target, bytes("here"));
      assertArrayEquals(bytes("here"), Files.readAllBytes(target));
    } finally {
      Files.deleteIfExists(target);
    }
  }

  @Test
  void aNewFileGetsTheUsualPermissions() throws IOException {
    Path target = dir.resolve("out.loxc");
    AtomicFiles.write(target, bytes("x"));
    Path reference = Files.write(dir.resolve("reference"), bytes("x"));
    if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
      assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(target));
    }
  }

  @Test
  void aStagingDirectoryHoldsTheTemporaryFileAndIsLeftEmpty() throws IOException {
    Path target = dir.resolve("out/main.loxc");
    Files.createDirectories(target.getParent());
    Path staging = dir.resolve("work/tmp");
    AtomicFiles.write(target, bytes("one"), staging);
    AtomicFiles.write(target, bytes("two"), staging);
    assertArrayEquals(bytes("two"), Files.readAllBytes(target));
    assertEquals(List.of(), names(staging));
    assertEquals(List.of("main.loxc"), names(target.getParent()));
  }

  @Test
  void aMissingDirectoryIsNamedByTheTarget() throws IOException {
    Path target = dir.resolve("no/such/dir/out.loxc");
    NoSuchFileException e =
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.write(target, bytes("x")));
    assertEquals(target.toString(), e.getFile());
    assertEquals("no such directory", e.getReason());
    assertEquals(target + ": no such directory", e.getMessage());
    assertEquals(List.of(), names(dir));

    Path staging = dir.resolve("tmp");
    NoSuchFileException staged = assertThrows(
        NoSuchFileException.class, () -> AtomicFiles.write(target, bytes("x"), staging));
    assertEquals(target + ": no such directory", staged.getMessage());
    assertEquals(List.of(), names(staging));
  }

  @Test
  void aTargetThatIsADirectoryIsNamedWithTheReason() throws IOException {
    Path target = Files.createDirectories(dir.resolve("taken"));
    Files.write(target.resolve("inside"), bytes("keep"));
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(target, bytes("x")));
    assertEquals(target.toString(), e.getFile());
    assertTrue(e.getMessage().startsWith(target + ": "), e.getMessage());
    assertFalse(e.getReason().isBlank());
    assertEquals(List.of("taken"), names(dir));
    assertEquals(List.of("inside"), names(target));
  }

  @Test
  void aParentThatIsAFileIsNamedWithTheReason() throws IOException {
    Files.write(dir.resolve("file"), bytes("not a directory"));
    Path target = dir.resolve("file/out.loxc");
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(target, bytes("x")));
    assertEquals(target.toString(), e.getFile());
    assertEquals(target + ": Not a directory", e.getMessage());
  }

  /** Root may write anywhere, so a denied write is shown by the translation alone. */
  @Test
  void aDeniedWriteSaysPermissionDeniedAboutTheTarget() {
    Path target = dir.resolve("out.loxc");
    AccessDeniedException denied = new AccessDeniedException(dir.resolve(".out.loxc.1f.tmp").toString());
    FileSystemException e = AtomicFiles.aboutTarget(target, denied);
    assertTrue(e instanceof AccessDeniedException, e.toString());
    assertEquals(target + ": permission denied", e.getMessage());
    assertSame(denied, e.getCause());
  }

  @Test
  void anyOtherFailureKeepsTheSystemsWords() {
    Path target = dir.resolve("out.loxc");
    FileSystemException e =
        AtomicFiles.aboutTarget(target, new IOException("No space left on device"));
    assertEquals(target + ": No space left on device", e.getMessage());
  }
}
