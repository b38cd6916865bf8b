package dev.lox.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replaces files so that they are never seen half-written: the bytes go to a new temporary file,
 * are flushed to disk, and the temporary file is renamed over the target in one step. Whatever
 * happens, the target holds its old content or the new one; a temporary file is removed on
 * failure and, through a shutdown hook, when the JVM exits during the write (only a hard kill can
 * leave one behind, under a hidden name ending in {@code .tmp}).
 *
 * <p>Failures are reported about the target, not the temporary file: a {@link
 * FileSystemException} whose {@link FileSystemException#getFile() file} is the target and whose
 * {@link FileSystemException#getReason() reason} says what went wrong in a few lower-case words
 * ({@code no such directory}, {@code permission denied}, or the system's own words). Its subtype
 * is kept ({@link NoSuchFileException}, {@link AccessDeniedException}). Directories are never
 * created for the target.
 *
 * <p>What is at the target's path is never replaced by something else (see {@link
 * #destination}): a symbolic link is followed, and its target (the file it finally names, even one
 * that does not exist yet) is the file replaced atomically, so the link stays a link. A path that
 * names anything but a regular file, a directory or nothing (a FIFO, a device such as {@code
 * /dev/null}, a socket), or that goes through {@code /proc} (as {@code /dev/stdout} and {@code
 * /dev/fd/N} do, naming an open file rather than a path), is written directly, in place: such a
 * write cannot be atomic, and renaming a file over a device node or a pipe would only destroy it.
 */
public final class AtomicFiles {
  static final String NO_SUCH_DIRECTORY = "no such directory";
  static final String PERMISSION_DENIED = "permission denied";

  /** How many symbolic links are followed before giving up, as Linux's {@code ELOOP}. */
  private static final int MAX_LINKS = 40;

  /** Where paths name processes' open files rather than files. */
  private static final Path PROC = Path.of("/proc");

  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes}, through a temporary file beside it (beside the
   * file a symbolic link names, for a link; directly into a FIFO or device: see the class comment).
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    try {
      Destination destination = destination(target);
      if (destination.inPlace()) {
        writeInPlace(destination.file(), bytes);
      } else {
        writeThrough(parentOf(destination.file()), destination.file(), bytes);
      }
    } catch (IOException e) {
      throw aboutTarget(target, e);
    }
  }

  /**
   * Replaces {@code target} with {@code bytes}, through a temporary file in {@code
   * stagingDirectory} (created if missing), so that even a hard kill leaves nothing beside the
   * target, for example among a build's outputs. Where the rename from there cannot be atomic
   * (another file system), the temporary file goes beside the target after all.
   */
  public static void write(Path target, byte[] bytes, Path stagingDirectory) throws IOException {
    try {
      Destination destination = destination(target);
      Path file = destination.file();
      if (destination.inPlace()) {
        writeInPlace(file, bytes);
        return;
      }
      Files.createDirectories(stagingDirectory);
      try {
        writeThrough(stagingDirectory.toAbsolutePath(), file, bytes);
      } catch (AtomicMoveNotSupportedException e) {
        writeThrough(parentOf(file), file, bytes);
      }
    } catch (IOException e) {
      throw aboutTarget(target, e);
    }
  }

  /**
   * Where bytes for {@code target} go.
   *
   * @param file an absolute path in a directory without links on its path; not a symbolic link
   *     itself, except one in {@code /proc}
   * @param inPlace whether to write into the existing file instead of renaming a new one over it
   */
  record Destination(Path file, boolean inPlace) {}

  /** Where bytes for {@code target} go: see the class comment. */
  static Destination destination(Path target) throws IOException {
    Path file = target.toAbsolutePath();
    for (int links = 0; ; links++) {
      Path name = file.getFileName();
      if (name != null) {
        // The directory as it really is: a relative link is relative to it; /dev/fd is in /proc.
        try {
          file = parentOf(file).toRealPath().resolve(name);
        } catch (NoSuchFileException e) {
          return new Destination(file, false);
        }
      }
      if (file.startsWith(PROC)) {
        // /proc/self/fd/1 names an open file (a pipe, a terminal, a file opened with >>), not a
        // path: only a write through it reaches that file.
        return new Destination(file, Files.exists(file));
      }
      BasicFileAttributes attributes;
      try {
        attributes =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        return new Destination(file, false);
      }
      if (!attributes.isSymbolicLink()) {
        return new Destination(file, attributes.isOther());
      }
      if (links == MAX_LINKS) {
        throw new FileSystemException(target.toString(), null, "too many levels of symbolic links");
      }
      file = parentOf(file).resolve(Files.readSymbolicLink(file));
    }
  }

  /**
   * Writes into an existing file that is not a regular one, without creating or replacing it; it
   * is truncated first, as a shell's {@code >} does (which devices and pipes ignore).
   */
  private static void writeInPlace(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  private static Path parentOf(Path absolute) {
    Path parent = absolute.getParent();
    return parent != null ? parent : absolute.getRoot();
  }

  /** Writes a temporary file in {@code directory} and renames it over {@code target}. */
  private static void writeThrough(Path directory, Path target, byte[] bytes) throws IOException {
    AtomicReference<Path> temp = new AtomicReference<>();
    Thread cleanup = new Thread(() -> deleteQuietly(temp.get()), "lox-atomic-write-cleanup");
    boolean hooked = addShutdownHook(cleanup);
    try {
      temp.set(createTemporary(directory, target.getFileName().toString(), bytes));
      Files.move(temp.get(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      if (temp.get() != null) {
        Files.deleteIfExists(temp.get());
      }
      if (hooked) {
        removeShutdownHook(cleanup);
      }
    }
  }

  /** A new file holding {@code bytes}, on disk, of a name no other writer is using. */
  private static Path createTemporary(Path directory, String name, byte[] bytes) throws IOException {
    while (true) {
      Path file = directory.resolve("." + name + "."
          + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        continue; // Taken: draw another name.
      }
      try (channel) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // On disk before the rename, so that a crash cannot leave the target renamed but empty.
        channel.force(true);
        return file;
      } catch (IOException | RuntimeException e) {
        deleteQuietly(file);
        throw e;
      }
    }
  }

  /** Whether the hook was added; not while the JVM is already exiting. */
  private static boolean addShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static void removeShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is exiting: the hook runs and finds nothing left to delete.
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Only a hidden temporary file is left; the target is intact either way.
    }
  }

  /**
   * {@code failure}, said about {@code target} as this class says its own (see the class comment):
   * for callers that prepare a write themselves, such as making the target's directories, so that
   * their failures too name the file that was to be written, with a reason.
   */
  public static FileSystemException aboutTarget(Path target, IOException failure) {
    String file = target.toString();
    FileSystemException about;
    if (failure instanceof NoSuchFileException) {
      about = new NoSuchFileException(file, null, NO_SUCH_DIRECTORY);
    } else if (failure instanceof AccessDeniedException) {
      about = new AccessDeniedException(file, null, PERMISSION_DENIED);
    } else {
      about = new FileSystemException(file, null, reason(failure));
    }
    about.initCause(failure);
    return about;
  }

  /** The system's words where it gave some; else a few of ours for the exception's type. */
  private static String reason(IOException failure) {
    if (failure instanceof FileSystemException fs) {
      if (fs.getReason() != null) {
        return fs.getReason();
      }
      if (fs instanceof NotDirectoryException) {
        return "not a directory";
      }
      if (fs instanceof DirectoryNotEmptyException) {
        return "a directory is in the way";
      }
      if (fs instanceof FileAlreadyExistsException) {
        return "a file is in the way";
      }
      return "cannot write it";
    }
    return failure.getMessage() != null ? failure.getMessage() : failure.toString();
  }
}
