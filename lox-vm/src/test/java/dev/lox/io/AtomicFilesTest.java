package dev.lox.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  void aFileInTheWayOfADirectorySaysSo() {
    Path target = dir.resolve("lib/out.loxc");
    FileSystemException e = AtomicFiles.aboutTarget(
        target, new FileAlreadyExistsException(dir.resolve("lib").toString()));
    assertEquals(target + ": a file is in the way", e.getMessage());
  }

  @Test
  void anyOtherFailureKeepsTheSystemsWords() {
    Path target = dir.resolve("out.loxc");
    FileSystemException e =
        AtomicFiles.aboutTarget(target, new IOException("No space left on device"));
    assertEquals(target + ": No space left on device", e.getMessage());
  }

  // ---- What is at the target's path stays what it is ----

  @Test
  void aSymbolicLinkStaysALinkAndItsTargetGetsTheBytes() throws IOException {
    Path real = Files.write(dir.resolve("real.loxc"), bytes("old"));
    Path link = Files.createSymbolicLink(dir.resolve("link.loxc"), Path.of("real.loxc"));
    AtomicFiles.write(link, bytes("new"));
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(bytes("new"), Files.readAllBytes(real));
    assertEquals(List.of("link.loxc", "real.loxc"), names(dir));

    Path staging = dir.resolve("tmp");
    AtomicFiles.write(link, bytes("staged"), staging);
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(bytes("staged"), Files.readAllBytes(real));
    assertEquals(List.of(), names(staging));
  }

  @Test
  void aChainOfLinksIsFollowedToTheEndEvenIntoAnotherDirectory() throws IOException {
    Path other = Files.createDirectories(dir.resolve("other"));
    Path real = Files.write(other.resolve("real.loxc"), bytes("old"));
    Path second = Files.createSymbolicLink(dir.resolve("second"), real);
    Path first = Files.createSymbolicLink(dir.resolve("first"), Path.of("second"));
    AtomicFiles.write(first, bytes("new"));
    assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(second));
    assertArrayEquals(bytes("new"), Files.readAllBytes(real));
    assertEquals(List.of("real.loxc"), names(other));
  }

  @Test
  void aDanglingLinkGetsItsTargetCreated() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.loxc"), Path.of("made.loxc"));
    AtomicFiles.write(link, bytes("new"));
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(bytes("new"), Files.readAllBytes(dir.resolve("made.loxc")));
  }

  @Test
  void aLoopOfLinksIsAnErrorAboutTheTarget() throws IOException {
    Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
    Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(a, bytes("x")));
    assertEquals(a + ": too many levels of symbolic links", e.getMessage());
    assertEquals(List.of("a", "b"), names(dir));
  }

  @Test
  void aFifoIsWrittenIntoNotReplaced() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor(), "mkfifo");
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<byte[]> read = reader.submit(() -> Files.readAllBytes(fifo));
      AtomicFiles.write(fifo, bytes("through the pipe"));
      assertArrayEquals(bytes("through the pipe"), read.get(30, TimeUnit.SECONDS));
    } finally {
      reader.shutdownNow();
    }
    assertTrue(Files.readAttributes(fifo, BasicFileAttributes.class).isOther(), "still a FIFO");
    assertEquals(List.of("fifo"), names(dir));
  }

  /**
   * A character device of the given numbers in the temporary directory: never the system's own
   * devices, which a faulty write would destroy. Creating one takes root (or CAP_MKNOD).
   */
  private Path device(String name, int major, int minor) throws Exception {
    Path node = dir.resolve(name);
    Process mknod = new ProcessBuilder("mknod", node.toString(), "c", "" + major, "" + minor)
        .redirectErrorStream(true).start();
    String output = new String(mknod.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(mknod.waitFor() == 0, "cannot make a device node here (not root?): " + output);
    return node;
  }

  @Test
  void aDeviceIsWrittenIntoNotReplaced() throws Exception {
    Path devNull = device("null", 1, 3);
    AtomicFiles.write(devNull, bytes("gone"));
    AtomicFiles.write(devNull, bytes("gone"), dir.resolve("tmp"));
    assertTrue(Files.readAttributes(devNull, BasicFileAttributes.class).isOther(), "a device");
    assertEquals(List.of("null"), names(dir));
  }

  @Test
  void aFullDeviceIsAnErrorAboutTheTargetAndStaysADevice() throws Exception {
    Path full = device("full", 1, 7);
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> AtomicFiles.write(full, bytes("x")));
    assertEquals(full + ": No space left on device", e.getMessage());
    assertTrue(Files.readAttributes(full, BasicFileAttributes.class).isOther(), "still a device");
  }

  @Test
  void pathsThroughProcAreWrittenIntoTheOpenFileTheyName() throws IOException {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "no /proc/self/fd here");
    Path file = Files.write(dir.resolve("open.txt"), bytes("a longer old content"));
    try (FileChannel open = FileChannel.open(file, StandardOpenOption.READ)) {
      // The descriptor of this open file, as /dev/stdout names descriptor 1.
      Path descriptor = descriptorOf(file);
      AtomicFiles.Destination destination = AtomicFiles.destination(descriptor);
      assertTrue(destination.inPlace(), destination.toString());
      AtomicFiles.write(descriptor, bytes("new"));
      assertArrayEquals(bytes("new"), Files.readAllBytes(file));
      assertEquals(List.of("open.txt"), names(dir));
    }
  }

  private static Path descriptorOf(Path file) throws IOException {
    try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
      for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
        try {
          if (Files.readSymbolicLink(descriptor).equals(file.toAbsolutePath())) {
            return descriptor;
          }
        } catch (IOException e) {
          // Closed since it was listed.
        }
      }
    }
    throw new AssertionError("no descriptor for " + file);
  }
}
