package dev.lox.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibraryFilesTest {
  @TempDir Path root;

  private Path write(String relative) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "var x = 1;\n");
    return file;
  }

  @Test
  void aDirectoryStandsForItsLibraryFilesInPathOrder_throughSymbolicLinks() throws IOException {
    write("lib/b.lox");
    write("lib/notes.txt");
    write("shared/a.loxc");
    Files.createSymbolicLink(root.resolve("lib/linked"), root.resolve("shared"));
    Files.createSymbolicLink(root.resolve("lib/a.lox"), write("elsewhere/a.lox"));

    assertEquals(
        List.of(root.resolve("lib/a.lox"), root.resolve("lib/b.lox"), root.resolve("lib/linked/a.loxc")),
        LibraryFiles.expand(List.of(root.resolve("lib"))));
  }

  @Test
  void aNamedPipeIsNotALibraryFile_andSaysSo() throws Exception {
    Path fifo = root.resolve("ff.lox");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());

    IOException e = assertThrows(IOException.class, () -> LibraryFiles.expand(List.of(fifo)));

    assertEquals("not a regular library file or directory: " + fifo, e.getMessage());
  }

  @Test
  void aLinkLoopIsAnErrorThatNamesIt() throws IOException {
    write("lib/a.lox");
    Files.createSymbolicLink(root.resolve("lib/up"), root.resolve("lib"));

    IOException e = assertThrows(IOException.class, () -> LibraryFiles.expand(List.of(root.resolve("lib"))));

    assertEquals("cannot read library directory " + root.resolve("lib") + ": symbolic link loop at "
        + root.resolve("lib/up") + " (it leads back to a directory above it)", e.getMessage());
  }
}
