package dev.lox.cli;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.CompileError;
import dev.lox.api.ExitCodes;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.chunk.ChunkFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A program's library files, loaded into its VM before it runs ({@code lox --lib}, and the
 * libraries of a packaged program): every one compiled or verified first, so that a broken one
 * stops everything before anything runs, then each run in order on the one VM, whose globals the
 * program then sees.
 */
final class Libraries {
  /** One library: its name as messages show it, and its bytes (Lox source or a chunk). */
  record Library(String name, byte[] bytes) {}

  private Libraries() {}

  /**
   * Loads the libraries into {@code lox}, whose error stream is {@code vmErr}; returns {@link
   * ExitCodes#OK}, or the exit code to end with when one did not compile (65, each error as {@code
   * NAME:[line N] Error ...}) or ended in a runtime error (70, its message and trace under a line
   * naming the library).
   */
  static int load(Lox lox, Diverter vmErr, List<Library> libraries, PrintStream err) {
    List<Script> scripts = new ArrayList<>();
    boolean failed = false;
    for (Library library : libraries) {
      Script script = prepare(library, err);
      failed |= script == null;
      scripts.add(script);
    }
    if (failed) {
      return ExitCodes.DATA_ERROR;
    }
    for (int i = 0; i < scripts.size(); i++) {
      ByteArrayOutputStream trace = new ByteArrayOutputStream();
      RunResult result;
      vmErr.divertTo(trace);
      try {
        result = lox.run(scripts.get(i));
        lox.flush();
      } finally {
        vmErr.restore();
      }
      if (result.status() != Status.OK) {
        err.println(libraries.get(i).name() + ": runtime error while loading the library:");
        err.print(trace.toString(java.nio.charset.StandardCharsets.UTF_8));
        err.flush();
        return result.exitCode();
      }
    }
    return ExitCodes.OK;
  }

  private static Script prepare(Library library, PrintStream err) {
    if (ChunkFormat.isChunk(library.bytes())) {
      LoadResult loaded = Lox.load(library.bytes());
      if (!loaded.succeeded()) {
        err.println(loaded.describe(library.name()));
        return null;
      }
      return loaded.script();
    }
    CompileResult compiled = Lox.compile(library.bytes());
    for (CompileError error : compiled.errors()) {
      err.println(library.name() + ":" + error);
    }
    return compiled.succeeded() ? compiled.script() : null;
  }

  /**
   * The VM's error stream, sent elsewhere while a library loads, so that a library's runtime
   * error is reported under a line naming it.
   */
  static final class Diverter extends OutputStream {
    private final OutputStream normal;
    private OutputStream current;

    Diverter(OutputStream normal) {
      this.normal = normal;
      this.current = normal;
    }

    void divertTo(OutputStream other) {
      current = other;
    }

    void restore() {
      current = normal;
    }

    @Override
    public void write(int b) throws IOException {
      current.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      current.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      current.flush();
    }
  }
}
