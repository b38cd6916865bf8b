package dev.lox.maven.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the last build left in an output directory: every chunk it wrote (so that it removes only
 * its own chunks when their sources go), and for each chunk it found fresh, the fingerprint of the
 * source and chunk files it checked.
 *
 * <p>A fingerprint is each file's size, modification time (to the nanosecond where the file
 * system keeps it) and identity (inode). When both files still match it, neither has been written
 * since the chunk was read, checked against the source's SHA-256 and passed the verifier, so the
 * chunk is fresh without reading either again. Any write to either file changes its time stamp,
 * so a changed source or a damaged, replaced or foreign chunk is read and checked in full. As in
 * Git's index, a file modified less than {@link #SETTLED} before it was fingerprinted gets no
 * fingerprint, since a coarse file system clock could hide a second write within the same tick.
 * Fingerprints also lapse with any change of toolchain version, format or instruction set.
 */
final class Manifest {
  /** How old a file must be to be fingerprinted: more than any file system's clock resolution. */
  static final long SETTLED = TimeUnit.SECONDS.toNanos(2);

  private static final String HEADER = "# lox-maven-plugin chunks, version 2";
  private static final String OUTPUT = "output ";
  private static final String TOOLCHAIN = "toolchain ";

  /** One file as the file system describes it. */
  record Stat(long size, long modified, String key) {
    static Stat of(BasicFileAttributes attributes) {
      return new Stat(attributes.size(), nanos(attributes.lastModifiedTime()),
          String.valueOf(attributes.fileKey()).replace('\t', ' '));
    }

    private static long nanos(FileTime time) {
      return time.to(TimeUnit.NANOSECONDS);
    }
  }

  /** A source and its chunk as they were when the chunk was last found fresh. */
  record Fingerprint(Stat source, Stat chunk) {
    /**
     * A fingerprint worth keeping: both files were last modified well before {@code nowNanos}
     * (epoch nanoseconds), or none.
     */
    static Optional<Fingerprint> settled(Stat source, Stat chunk, long nowNanos) {
      boolean settled = source.modified() < nowNanos - SETTLED && chunk.modified() < nowNanos - SETTLED;
      return settled ? Optional.of(new Fingerprint(source, chunk)) : Optional.empty();
    }
  }

  private final String output;
  private final String toolchain;
  /** Chunk paths relative to the output directory, with their fingerprints (null when none). */
  private final Map<String, Fingerprint> entries;

  Manifest(String output, String toolchain, Map<String, Fingerprint> entries) {
    this.output = output;
    this.toolchain = toolchain;
    this.entries = new TreeMap<>(entries);
  }

  /** The chunks listed, relative to the output directory. */
  Map<String, Fingerprint> entries() {
    return Collections.unmodifiableMap(entries);
  }

  /** The fingerprint of a chunk, if it has one that holds for this toolchain. */
  Optional<Fingerprint> fingerprint(String chunk) {
    return Optional.ofNullable(entries.get(chunk));
  }

  void put(String chunk, Optional<Fingerprint> fingerprint) {
    entries.put(chunk, fingerprint.orElse(null));
  }

  /**
   * The manifest for this output directory, if there is one; its fingerprints only when made by
   * the same toolchain. Entries that are not chunk paths are dropped.
   */
  static Optional<Manifest> read(Path file, String output, String toolchain) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(OUTPUT + output)) {
      return Optional.empty();
    }
    boolean sameToolchain = lines.get(2).equals(TOOLCHAIN + toolchain);
    String recorded = lines.get(2).startsWith(TOOLCHAIN) ? lines.get(2).substring(TOOLCHAIN.length()) : "";
    Map<String, Fingerprint> entries = new TreeMap<>();
    for (String line : lines.subList(3, lines.size())) {
      String[] fields = line.split("\t", -1);
      if (fields[0].isEmpty()) {
        continue;
      }
      entries.put(fields[0], sameToolchain ? parse(fields) : null);
    }
    return Optional.of(new Manifest(output, recorded, entries));
  }

  private static Fingerprint parse(String[] fields) {
    if (fields.length != 7) {
      return null;
    }
    try {
      return new Fingerprint(
          new Stat(Long.parseLong(fields[1]), Long.parseLong(fields[2]), fields[3]),
          new Stat(Long.parseLong(fields[4]), Long.parseLong(fields[5]), fields[6]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The manifest as the file holds it. */
  byte[] toBytes() {
    StringBuilder text = new StringBuilder(HEADER).append('\n')
        .append(OUTPUT).append(output).append('\n')
        .append(TOOLCHAIN).append(toolchain).append('\n');
    entries.forEach((chunk, fingerprint) -> {
      text.append(chunk);
      if (fingerprint != null) {
        Stat s = fingerprint.source();
        Stat c = fingerprint.chunk();
        text.append('\t').append(s.size()).append('\t').append(s.modified()).append('\t').append(s.key())
            .append('\t').append(c.size()).append('\t').append(c.modified()).append('\t').append(c.key());
      }
      text.append('\n');
    });
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest that
        && output.equals(that.output) && toolchain.equals(that.toolchain) && entries.equals(that.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(output, toolchain, entries);
  }
}
