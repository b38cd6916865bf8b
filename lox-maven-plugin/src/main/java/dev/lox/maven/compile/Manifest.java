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
 *
 * <p>The file has one path a line, so paths are {@linkplain #escape escaped}: a file name may hold
 * a line break, and read back raw it would list two other names (one of them, perhaps, a chunk the
 * plugin never wrote, which the next build would then delete). A line that is not a well-formed
 * escaped path is ignored, never guessed at. Manifests of older versions were written raw: they
 * count as none.
 */
final class Manifest {
  private static final String HEADER = "# lox-maven-plugin chunks, version 4";
  private static final String OUTPUT = "output ";
  /** The digits of an escape, upper-case only: one way to write each path. */
  private static final String HEX = "0123456789ABCDEF";

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
    if (lines.size() < 2 || !lines.get(0).equals(HEADER)
        || !lines.get(1).equals(OUTPUT + escape(output))) {
      return Optional.empty();
    }
    Set<String> chunks = new TreeSet<>();
    for (String line : lines.subList(2, lines.size())) {
      unescape(line).filter(chunk -> !chunk.isEmpty()).ifPresent(chunks::add);
    }
    return Optional.of(new Manifest(output, chunks));
  }

  /** The manifest as the file holds it. */
  byte[] toBytes() {
    StringBuilder text = new StringBuilder(HEADER).append('\n')
        .append(OUTPUT).append(escape(output)).append('\n');
    chunks.forEach(chunk -> text.append(escape(chunk)).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code path} on one line that reads back as itself: {@code %} and every control character
   * (line breaks among them) as {@code %} and two hex digits, as in a URL; all else as it is.
   */
  static String escape(String path) {
    StringBuilder escaped = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '%' || c < 0x20 || c == 0x7f) {
        escaped.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /** The path {@link #escape} made {@code line} of; empty if it made no such line. */
  static Optional<String> unescape(String line) {
    StringBuilder path = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.empty();
      }
      if (c != '%') {
        path.append(c);
        continue;
      }
      int high = i + 2 < line.length() ? HEX.indexOf(line.charAt(i + 1)) : -1;
      int low = high >= 0 ? HEX.indexOf(line.charAt(i + 2)) : -1;
      char decoded = (char) (high * 16 + low);
      if (low < 0 || !(decoded == '%' || decoded < 0x20 || decoded == 0x7f)) {
        return Optional.empty(); // Not something escape() writes.
      }
      path.append(decoded);
      i += 2;
    }
    return Optional.of(path.toString());
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
