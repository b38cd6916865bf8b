package dev.lox.maven;

import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.maven.compile.SourceError;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import dev.lox.maven.compile.Libraries;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

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

  /**
   * Which sources are library code, loaded before the program ({@code lox:run}, the packaged jar)
   * and before each test ({@code lox:test}), into the same VM: globs below the source directory.
   * They load in order: the files of each glob sorted by path, globs in the order listed, so
   * listing a file before the glob loads it first. Default: {@code lib/**}{@code /*.lox}.
   */
  @Parameter
  private List<String> libraries;

  /** The project being built: its source roots name the Lox directories, for IDEs and other plugins. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  /** The library sources, in load order. */
  List<Path> librarySources() throws MojoExecutionException {
    List<String> includes = libraries == null ? Libraries.DEFAULT_INCLUDES : libraries;
    try {
      return Libraries.find(sourceDirectory.toPath(), includes);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot list the Lox libraries in " + display(sourceDirectory) + ": " + e.getMessage(), e);
    }
  }

  MavenProject project() {
    return project;
  }

  File sourceDirectory() {
    return sourceDirectory;
  }

  File outputDirectory() {
    return outputDirectory;
  }

  File workDirectory() {
    return workDirectory;
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
