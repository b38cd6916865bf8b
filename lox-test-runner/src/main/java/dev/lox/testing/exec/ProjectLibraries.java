package dev.lox.testing.exec;

import dev.lox.CompileResult;
import dev.lox.LoadResult;
import dev.lox.Lox;
import dev.lox.Script;
import dev.lox.api.CompileError;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.api.Status;
import dev.lox.chunk.ChunkFormat;
import dev.lox.testing.discovery.IoErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A project's library files, compiled (or verified, for chunks) once per run and loaded into each
 * test's VM before the test, in order: the test then sees their globals. A library that does not
 * compile, or fails while it loads, is found once, before any test runs ({@link #prepare}), so
 * that it is reported once rather than by every test.
 */
public final class ProjectLibraries {
  /** No libraries: tests run exactly as they would without any. */
  public static final ProjectLibraries NONE = new ProjectLibraries(List.of());

  /** One library, ready to run on any number of VMs (linking is per VM). */
  private record Library(Path file, Script script) {}

  private final List<Library> libraries;

  private ProjectLibraries(List<Library> libraries) {
    this.libraries = List.copyOf(libraries);
  }

  /**
   * What preparing libraries gave: the libraries, or why they cannot be used (each message names
   * the file, and the line where there is one).
   */
  public record Prepared(ProjectLibraries libraries, List<String> problems) {
    public boolean succeeded() {
      return problems.isEmpty();
    }
  }

  /**
   * Reads and compiles (or verifies) every file, then loads them all once on a trial VM, so that a
   * runtime error while loading is found here.
   */
  public static Prepared prepare(List<Path> files, JitMode jit) {
    if (files.isEmpty()) {
      return new Prepared(NONE, List.of());
    }
    List<String> problems = new ArrayList<>();
    List<Library> libraries = new ArrayList<>();
    for (Path file : files) {
      Script script = compile(file, problems);
      if (script != null) {
        libraries.add(new Library(file, script));
      }
    }
    if (!problems.isEmpty()) {
      return new Prepared(NONE, problems);
    }
    ProjectLibraries prepared = new ProjectLibraries(libraries);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Lox trial = new Lox(OutputStream.nullOutputStream(), err, jit);
    Loaded loaded = prepared.runOn(trial);
    if (!loaded.succeeded()) {
      problems.add(describe(loaded, err.toByteArray()));
    }
    return new Prepared(problems.isEmpty() ? prepared : NONE, problems);
  }

  private static Script compile(Path file, List<String> problems) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      problems.add("cannot read library " + file + ": " + IoErrors.describe(e));
      return null;
    }
    if (ChunkFormat.isChunk(bytes)) {
      LoadResult loaded = Lox.load(bytes);
      if (!loaded.succeeded()) {
        problems.add(loaded.describe(file.toString()));
        return null;
      }
      return loaded.script();
    }
    CompileResult compiled = Lox.compile(bytes);
    for (CompileError error : compiled.errors()) {
      problems.add(file + ":" + error);
    }
    return compiled.succeeded() ? compiled.script() : null;
  }

  public boolean isEmpty() {
    return libraries.isEmpty();
  }

  /** The files, in load order. */
  public List<Path> files() {
    return libraries.stream().map(Library::file).toList();
  }

  /**
   * How loading went on one VM: {@code failed} is the library that did not end well, with its
   * result; both null when all loaded.
   */
  record Loaded(Path failed, RunResult result) {
    boolean succeeded() {
      return failed == null;
    }
  }

  /** Runs every library on {@code lox}, in order, stopping at the first that does not end well. */
  Loaded runOn(Lox lox) {
    for (Library library : libraries) {
      RunResult result = lox.run(library.script());
      if (result.status() != Status.OK) {
        return new Loaded(library.file(), result);
      }
    }
    return new Loaded(null, null);
  }

  /** A library that failed on the trial VM, described with what that VM wrote to its error stream. */
  private static String describe(Loaded loaded, byte[] err) {
    return loaded.failed() + ": " + (loaded.result().status() == Status.STOPPED
        ? "stopped while loading the library"
        : "runtime error while loading the library:\n" + new String(err, StandardCharsets.UTF_8).stripTrailing());
  }
}
