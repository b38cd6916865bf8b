package dev.lox.maven;

import dev.lox.maven.compile.IncrementalCompiler;
import dev.lox.maven.compile.Libraries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.lox.maven.compile.CompileListener;
import dev.lox.maven.compile.CompileSummary;
import java.io.IOException;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * Compiles every {@code .lox} file under the source directory to a chunk file in the build output
 * directory: {@code src/main/lox/lib/util.lox} becomes {@code target/classes/lib/util.loxc}, so
 * the jar carries the compiled program.
 *
 * <p>Incremental: a chunk whose header records the current source's SHA-256 and this toolchain's
 * version, format and instruction set, and which passes lox-vm's verifier, is left alone. Any
 * other (missing, stale, damaged or foreign) is compiled again and replaced through a temporary
 * file, so an interrupted build never leaves half a chunk. Chunks whose source was deleted are
 * removed. Every compile error of every file is reported, and they fail the build.
 *
 * <p>In Eclipse (m2e), the errors are also markers on their files and lines, and the chunks
 * written or removed are refreshed in the workspace, through plexus-build-api's {@link
 * BuildContext}.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class CompileMojo extends AbstractChunkMojo {
  /**
   * The IDE's view of the build: m2e's when Eclipse runs the goal, plexus-build-api's default (no
   * markers, no workspace) on the command line.
   *
   * <p>Only its markers and refresh are used, not its change lists ({@code isIncremental}, {@code
   * hasDelta}): the compiler reads every source and checks every chunk in full on each build, so
   * that a chunk damaged or deleted outside the IDE, or a source changed before the workspace was
   * refreshed, is still caught; skipping files the IDE reports unchanged would lose that, and
   * saves little, as a fresh chunk costs a read and a check, not a compilation.
   */
  @Component
  private BuildContext buildContext;

  @Override
  String goal() {
    return "compile";
  }

  @Override
  void executeGoal() throws MojoExecutionException, MojoFailureException {
    // A source root, as the Kotlin and ANTLR plugins declare theirs, so that IDEs show the Lox
    // sources as sources. Harmless to the Java compiler, which takes only *.java from a root, and
    // to the jar, which packs resources and classes, never source roots.
    project().addCompileSourceRoot(sourceDirectory().getPath());
    long start = System.nanoTime();
    CompileListener listener = BuildContextListener.of(buildContext);
    CompileSummary summary;
    try {
      summary = compiler().compileAll(listener);
    } catch (IOException e) {
      throw new MojoExecutionException(
          "Cannot compile the Lox sources in " + display(sourceDirectory()) + ": " + e.getMessage(), e);
    }
    for (CompileSummary.Rebuild rebuild : summary.rebuilt()) {
      String line = "Recompiling " + display(rebuild.chunk()) + ": " + rebuild.reason();
      switch (rebuild.state()) {
        case CORRUPT -> getLog().warn(line);
        case INCOMPATIBLE -> getLog().info(line);
        default -> getLog().debug(line);
      }
    }
    logErrors(summary.errors());
    if (summary.sources() == 0 && summary.removed().isEmpty()) {
      getLog().info("No Lox sources to compile in " + display(sourceDirectory()));
      return;
    }
    getLog().info(summary.describe(display(outputDirectory()))
        + String.format(Locale.ROOT, " (%.2f s)", (System.nanoTime() - start) / 1e9));
    if (!summary.succeeded()) {
      throw new MojoFailureException(
          "Lox compilation failed: " + plural(summary.errors().size(), "error") + " in "
              + plural(summary.failedFiles(), "file") + " (listed above)");
    }
    writeLibraryList(listener);
  }

  /** Tells the packaged program which chunks to load before it, and in which order. */
  private void writeLibraryList(CompileListener listener) throws MojoExecutionException {
    IncrementalCompiler compiler = compiler();
    List<Path> chunks = new ArrayList<>();
    for (Path source : librarySources()) {
      compiler.chunkFor(source).ifPresent(chunks::add);
    }
    try {
      if (Libraries.writeList(outputDirectory().toPath(), chunks)) {
        listener.outputChanged(outputDirectory().toPath().resolve(Libraries.LIST_RESOURCE));
      }
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot write the Lox library list in "
          + display(outputDirectory()) + ": " + e.getMessage(), e);
    }
    if (!chunks.isEmpty()) {
      getLog().debug("Libraries, in load order: " + chunks.stream().map(this::display).toList());
    }
  }
}
