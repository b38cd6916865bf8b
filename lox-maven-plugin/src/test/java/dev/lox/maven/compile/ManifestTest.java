package dev.lox.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
