package dev.lox.maven.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the last build left in an output directory: every chunk it wrote, so that it removes only
 * its own chunks when their sources go.
 *
 * <p>The manifest says nothing about whether a chunk is fresh: every build reads each chunk and
 * checks it against its source in full (see {@link ChunkCache}).
 */
final class Manifest {
  private static final String HEADER = "# lox-maven-plugin chunks, version 3";
  private static final String OUTPUT = "output ";

  private final String output;
  /** Chunk paths relative to the output directory. */
  private final Set<String> chunks;

  Manifest(String output, Collection<String> chunks) {
    this.output = output;
    this.chunks = new TreeSet<>(chunks);
  }

  /** The chunks listed, relative to the output directory. */
  Set<String> chunks() {
    return Collections.unmodifiableSet(chunks);
  }

  void add(String chunk) {
    chunks.add(chunk);
  }

  /**
   * The manifest for this output directory, if there is one (of this version). Blank lines are
   * dropped.
   */
  static Optional<Manifest> read(Path file, String output) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (lines.size() < 2 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(OUTPUT + output)) {
      return Optional.empty();
    }
    Set<String> chunks = new TreeSet<>();
    for (String line : lines.subList(2, lines.size())) {
      if (!line.isEmpty()) {
        chunks.add(line);
      }
    }
    return Optional.of(new Manifest(output, chunks));
  }

  /** The manifest as the file holds it. */
  byte[] toBytes() {
    StringBuilder text = new StringBuilder(HEADER).append('\n')
        .append(OUTPUT).append(output).append('\n');
    chunks.forEach(chunk -> text.append(chunk).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Manifest that && output.equals(that.output) && chunks.equals(that.chunks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(output, chunks);
  }
}
