package dev.lox.maven.compile;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link IncrementalCompiler#compileAll()} did.
 *
 * @param sources how many {@code .lox} files there are
 * @param compiled the chunks written, because missing or not fresh
 * @param upToDate how many chunks were fresh and left alone
 * @param removed chunks deleted because their source is gone
 * @param errors every compile error in every file, by file in path order, then by line
 * @param rebuilt of the chunks written, those that existed but could not be used, and why
 */
public record CompileSummary(
    int sources,
    List<Path> compiled,
    int upToDate,
    List<Path> removed,
    List<SourceError> errors,
    List<Rebuild> rebuilt) {

  public CompileSummary {
    compiled = List.copyOf(compiled);
    removed = List.copyOf(removed);
    errors = List.copyOf(errors);
    rebuilt = List.copyOf(rebuilt);
  }

  /**
   * A cached chunk that was there but not used.
   *
   * @param chunk the chunk file
   * @param state stale, incompatible or corrupt
   * @param reason why, in a few words
   */
  public record Rebuild(Path chunk, ChunkCache.State state, String reason) {}

  public boolean succeeded() {
    return errors.isEmpty();
  }

  /** How many files had compile errors. */
  public long failedFiles() {
    return errors.stream().map(SourceError::source).distinct().count();
  }

  /**
   * The one line a build log shows, for example {@code Compiled 2 Lox files to target/classes,
   * 998 up to date}.
   */
  public String describe(String outputDirectory) {
    StringBuilder line = new StringBuilder("Compiled ")
        .append(compiled.size()).append(compiled.size() == 1 ? " Lox file" : " Lox files")
        .append(" to ").append(outputDirectory)
        .append(", ").append(upToDate).append(" up to date");
    long failed = failedFiles();
    if (failed > 0) {
      line.append(", ").append(failed).append(" with errors");
    }
    if (!removed.isEmpty()) {
      line.append(", ").append(removed.size())
          .append(removed.size() == 1 ? " chunk" : " chunks").append(" of deleted sources removed");
    }
    return line.toString();
  }
}
