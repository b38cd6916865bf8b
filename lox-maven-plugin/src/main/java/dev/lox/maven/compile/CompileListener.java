package dev.lox.maven.compile;

import java.nio.file.Path;

/**
 * What {@link IncrementalCompiler#compileAll(CompileListener)} tells a build tool as it goes, so
 * that an IDE can put errors on the files and notice new outputs: Eclipse's m2e through
 * plexus-build-api, in lox-maven-plugin. Nothing here knows about either.
 *
 * <p>Every call comes on the thread that called {@code compileAll}, never on its pool's threads:
 * m2e finds its build context through a thread-local, so calls from other threads would reach
 * no IDE. For each source, {@link #sourceChecked} comes before its {@link #error}s.
 */
public interface CompileListener {
  /** Listens to nothing. */
  CompileListener NONE = new CompileListener() {};

  /**
   * {@code source} was read and its chunk checked or rebuilt in this build: whatever was said
   * about it before no longer holds. Its errors, if any, follow.
   */
  default void sourceChecked(Path source) {}

  /** A compile error in a source. */
  default void error(SourceError error) {}

  /** A file in the output directory was written or deleted. */
  default void outputChanged(Path file) {}
}
