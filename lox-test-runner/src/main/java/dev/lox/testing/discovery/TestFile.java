package dev.lox.testing.discovery;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A test file and where it was found.
 *
 * @param path the file, as reachable from the working directory
 * @param root the directory it was found under (for a file named directly, its directory)
 * @param relativePath its path below {@code root}, with {@code /} separators; the name tests go by
 */
public record TestFile(Path path, Path root, String relativePath) {

  /** The directory part of {@link #relativePath()}, empty for files directly in the root. */
  public String relativeDirectory() {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? "" : relativePath.substring(0, slash);
  }

  /** The file name without {@code .lox}. */
  public String baseName() {
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    return name.endsWith(".lox") ? name.substring(0, name.length() - 4) : name;
  }

  /**
   * The class-like name of this test's directory, which names its suite (its {@code TEST-*.xml}
   * report, its {@code classname}s): {@code prefix}, then the directories below the root, joined
   * with dots ({@code com.example.app.money}); without a prefix, the root's own name stands in
   * ({@code test.closure}). Characters other than letters, digits, {@code _ . $ -} become {@code _},
   * so that the name is a safe file name.
   */
  public String suiteName(Optional<String> prefix) {
    String first = prefix.orElseGet(this::rootName);
    String directory = relativeDirectory();
    String name = directory.isEmpty() ? first : first + "." + directory.replace('/', '.');
    return name.replaceAll("[^A-Za-z0-9_.$-]", "_");
  }

  /** The root's own name, for grouping results of several roots. */
  public String rootName() {
    Path name = root.toAbsolutePath().normalize().getFileName();
    return name == null ? "lox" : name.toString();
  }
}
