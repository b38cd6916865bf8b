package dev.lox.maven;

import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.maven.compile.SourceError;
import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that compile: where sources are, where their chunks go. */
abstract class AbstractChunkMojo extends AbstractLoxMojo {
  /**
   * The directory of Lox sources. Every {@code .lox} file below it is compiled, to a chunk file at
   * the same relative path in the output directory with the extension {@code .loxc}.
   */
  @Parameter(
      property = "lox.sourceDirectory",
      defaultValue = "${project.basedir}/src/main/lox",
      required = true)
  private File sourceDirectory;

  /**
   * Where the chunk files go. By default the build output directory, so that the project's jar
   * carries the compiled program.
   */
  @Parameter(
      property = "lox.outputDirectory",
      defaultValue = "${project.build.outputDirectory}",
      required = true)
  private File outputDirectory;

  /**
   * Where the plugin keeps its own files: the list of chunks it wrote (so that it removes only its
   * own when their sources go) and temporary files.
   */
  @Parameter(
      defaultValue = "${project.build.directory}/lox-maven-plugin",
      readonly = true,
      required = true)
  private File workDirectory;

  File sourceDirectory() {
    return sourceDirectory;
  }

  File outputDirectory() {
    return outputDirectory;
  }

  IncrementalCompiler compiler() {
    return new IncrementalCompiler(
        sourceDirectory.toPath(),
        outputDirectory.toPath(),
        workDirectory.toPath(),
        Runtime.getRuntime().availableProcessors());
  }

  /** Each error at ERROR level, as {@code src/main/lox/file.lox:[line N] Error at 'x': message}. */
  void logErrors(List<SourceError> errors) {
    for (SourceError error : errors) {
      getLog().error(error.format(basedir()));
    }
  }

  static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
