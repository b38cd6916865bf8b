package dev.lox.maven.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.maven.compile.Manifest.Fingerprint;
import dev.lox.maven.compile.Manifest.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private static final Fingerprint PRINT =
      new Fingerprint(new Stat(10, 1_000, "(dev=1,ino=2)"), new Stat(200, 2_000, "(dev=1,ino=3)"));

  @TempDir Path dir;

  private Manifest manifest() {
    Map<String, Fingerprint> entries = new HashMap<>();
    entries.put("main.loxc", PRINT);
    entries.put("lib/new.loxc", null);
    return new Manifest("/out", "1.0 format 1", entries);
  }

  @Test
  void readsBackWhatItWrites() throws IOException {
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    Manifest read = Manifest.read(file, "/out", "1.0 format 1").orElseThrow();
    assertEquals(manifest(), read);
    assertEquals(Optional.of(PRINT), read.fingerprint("main.loxc"));
    assertEquals(Optional.empty(), read.fingerprint("lib/new.loxc"));
  }

  @Test
  void anotherToolchainKeepsTheListButNotTheFingerprints() throws IOException {
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    Manifest read = Manifest.read(file, "/out", "2.0 format 1").orElseThrow();
    assertEquals(2, read.entries().size());
    assertNull(read.entries().get("main.loxc"));
  }

  @Test
  void anotherOutputDirectoryOrAnotherFileIsNoManifest() throws IOException {
    Path file = Files.write(dir.resolve("chunks.lst"), manifest().toBytes());
    assertTrue(Manifest.read(file, "/elsewhere", "1.0 format 1").isEmpty());
    assertTrue(Manifest.read(dir.resolve("none"), "/out", "1.0 format 1").isEmpty());
    Files.writeString(file, "main.loxc\n");
    assertTrue(Manifest.read(file, "/out", "1.0 format 1").isEmpty());
  }

  @Test
  void damagedLinesLoseTheirFingerprint() throws IOException {
    String text = new String(manifest().toBytes()).replace("\t200\t", "\tmany\t");
    Path file = Files.writeString(dir.resolve("chunks.lst"), text);
    Manifest read = Manifest.read(file, "/out", "1.0 format 1").orElseThrow();
    assertEquals(Optional.empty(), read.fingerprint("main.loxc"));
    assertTrue(read.entries().containsKey("main.loxc"));
  }

  @Test
  void onlySettledFilesAreFingerprinted() {
    long now = 100_000_000_000L;
    Stat old = new Stat(1, now - Manifest.SETTLED - 1, "a");
    Stat recent = new Stat(1, now - Manifest.SETTLED / 2, "b");
    assertTrue(Fingerprint.settled(old, old, now).isPresent());
    assertTrue(Fingerprint.settled(old, recent, now).isEmpty());
    assertTrue(Fingerprint.settled(recent, old, now).isEmpty());
  }
}
