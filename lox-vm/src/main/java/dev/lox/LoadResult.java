package dev.lox;

import dev.lox.chunk.ChunkHeader;
import dev.lox.chunk.ChunkProblem;
import java.util.List;

/**
 * The outcome of loading a chunk file ({@link Lox#load}): a script, or the problems that made the
 * file unsafe or unreadable. Nothing of a rejected file has run.
 */
public final class LoadResult {
  private final Script script;
  private final ChunkHeader header;
  private final List<ChunkProblem> problems;

  LoadResult(Script script, ChunkHeader header, List<ChunkProblem> problems) {
    this.script = script;
    this.header = header;
    this.problems = List.copyOf(problems);
  }

  public boolean succeeded() {
    return script != null;
  }

  /** The loaded script, or {@code null} when there were problems. */
  public Script script() {
    return script;
  }

  /** The file's header, or {@code null} when even that could not be read. */
  public ChunkHeader header() {
    return header;
  }

  /** Every problem found; empty on success. */
  public List<ChunkProblem> problems() {
    return problems;
  }

  /**
   * The problems as the one line the {@code lox} command prints, prefixed with {@code name}, for
   * example {@code bad.loxc: checksum mismatch}; the first problem, and how many more there are.
   */
  public String describe(String name) {
    if (problems.isEmpty()) {
      return name + ": ok";
    }
    String line = name + ": " + problems.get(0);
    int more = problems.size() - 1;
    return more == 0 ? line : line + " (and " + more + " more problem" + (more == 1 ? ")" : "s)");
  }
}
