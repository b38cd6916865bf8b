package dev.lox.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  @TempDir Path dir;

  private Manifest manifest() {
    return new Manifest("/out", List.of("main.loxc", "lib/new.loxc"));
  }

  @Test
  void readsBackWhatItWrites() throws IOException {
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    Manifest read = Manifest.read(file, "/out").orElseThrow();
    assertEquals(manifest(), read);
    assertEquals(Set.of("main.loxc", "lib/new.loxc"), read.chunks());
  }

  @Test
  void anotherOutputDirectoryOrAnotherFileIsNoManifest() throws IOException {
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    assertTrue(Manifest.read(file, "/elsewhere").isEmpty());
    assertTrue(Manifest.read(dir.resolve("none"), "/out").isEmpty());
    Files.writeString(file, "main.loxc\n");
    assertTrue(Manifest.read(file, "/out").isEmpty());
  }
  @Test
  void aNameWithALineBreakReadsBackAsOneName() throws IOException {
    Manifest manifest =
        new Manifest("/out\nput", List.of("a\nb.loxc", "c\rd.loxc", "100%.loxc", "tab\t.loxc"));
    Path file = Files.write(dir.resolve("chunks.lst"), manifest.toBytes());
    assertEquals(6, Files.readAllLines(file).size(), "a header, the output and one line per chunk");
    Manifest read = Manifest.read(file, "/out\nput").orElseThrow();
    assertEquals(Set.of("a\nb.loxc", "c\rd.loxc", "100%.loxc", "tab\t.loxc"), read.chunks());
  }

  @Test
  void escapingIsPercentAndTwoUpperCaseHexDigits() {
    assertEquals("a%0Ab%0D%25%7F%1B\u00e9 x.loxc",
        Manifest.escape("a\nb\r%\u007f\u001b\u00e9 x.loxc"));
    assertEquals(Optional.of("a\nb%"), Manifest.unescape("a%0Ab%25"));
  }

  @Test
  void linesThatEscapeDidNotWriteAreIgnored() throws IOException {
    for (String line : List.of("a%0", "a%", "a%0a.loxc", "%41.loxc", "a%G1", "tab\there")) {
      assertEquals(Optional.empty(), Manifest.unescape(line), line);
    }
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    Files.writeString(file, "bad%zz.loxc\n", StandardOpenOption.APPEND);
    assertEquals(manifest(), Manifest.read(file, "/out").orElseThrow());
  }

  @Test
  void aManifestOfVersion3WithRawNamesCountsAsNone() throws IOException {
    Path file = Files.writeString(dir.resolve("chunks.lst"),
        "# lox-maven-plugin chunks, version 3\noutput /out\nmain.loxc\n");
    assertTrue(Manifest.read(file, "/out").isEmpty());
  }
}
