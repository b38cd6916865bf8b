package dev.lox.maven;

import dev.lox.Lox;
import dev.lox.api.JitMode;
import dev.lox.api.RunResult;
import dev.lox.maven.run.MainRunner;
import dev.lox.maven.run.ProgramOutput;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the program's main script, from its chunk in the build output directory when that is fresh,
 * else compiled first (and its chunk written, as {@code lox:compile} would). What the program
 * prints goes to the console line by line as it is printed. A runtime error fails the build with
 * the Lox message and stack trace.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractChunkMojo {
  /** The main script, the program to run. */
  @Parameter(
      property = "lox.main",
      defaultValue = "${project.basedir}/src/main/lox/main.lox",
      required = true)
  private File main;

  /**
   * When the VM compiles Lox to JVM bytecode: {@code off}, {@code auto} or {@code always} (default:
   * lox-vm's own, {@code Lox.DEFAULT_JIT}). The program behaves the same in every mode.
   */
  @Parameter(property = "lox.jit")
  private String jit;

  /**
   * Where the program prints: standard output as Maven 3 has it (so {@code -l FILE} and embedders'
   * redirections apply), the process's own under Maven 4 (see {@link ProgramOutput}), unless a test
   * says otherwise. Never closed.
   */
  private OutputStream out;

  /** For tests: the stream the program prints to. */
  void setOutput(OutputStream out) {
    this.out = out;
  }

  /** The {@code jit} parameter, checked as {@code lox --jit} checks it. */
  private JitMode jitMode() throws MojoExecutionException {
    if (jit == null) {
      return Lox.DEFAULT_JIT;
    }
    JitMode mode = JitMode.parse(jit.strip());
    if (mode == null) {
      throw new MojoExecutionException(
          "Cannot run the Lox program: lox.jit must be off, auto or always, not '" + jit + "'");
    }
    return mode;
  }

  @Override
  String goal() {
    return "run";
  }

  @Override
  void executeGoal() throws MojoExecutionException, MojoFailureException {
    JitMode jitMode = jitMode();
    if (!main.isFile()) {
      throw new MojoExecutionException("No Lox main script at " + display(main)
          + "; name one with -Dlox.main=PATH or <main> in the plugin's configuration");
    }
    List<Path> libraries = new ArrayList<>(librarySources());
    libraries.removeIf(library -> library.toAbsolutePath().normalize().equals(main.toPath().toAbsolutePath().normalize()));
    OutputStream stdout = out != null ? out : ProgramOutput.of(System.out);
    getLog().info("Running " + display(main));
    MainRunner.Outcome outcome;
    try {
      outcome = MainRunner.run(new MainRunner.Request(main.toPath(), compiler(), stdout, jitMode, libraries));
      stdout.flush();
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot run " + display(main) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted: the Lox program was stopped", e);
    }
    if (!outcome.ran()) {
      logErrors(outcome.errors());
      throw new MojoFailureException(display(main) + (outcome.prepared().succeeded() ? "'s libraries" : "")
          + " did not compile: " + plural(outcome.errors().size(), "error") + " (listed above)");
    }
    if (outcome.failedLibrary().isPresent()) {
      throw new MojoFailureException("Lox runtime error while loading the library "
          + display(outcome.failedLibrary().get()) + " (" + display(main) + " did not run):\n"
          + (outcome.result().runtimeError() != null ? outcome.result().runtimeError() : outcome.result().status()));
    }
    getLog().debug(outcome.prepared().fromChunk()
        ? "Ran from the fresh chunk " + outcome.prepared().chunk().map(this::display).orElse("")
        : "Compiled before running (" + outcome.prepared().before().reason() + ")");
    RunResult result = outcome.result();
    switch (result.status()) {
      case OK -> {
        if (!outcome.stderr().isEmpty()) {
          getLog().warn(outcome.stderr().stripTrailing());
        }
      }
      case RUNTIME_ERROR -> throw new MojoFailureException(
          "Lox runtime error in " + display(main) + ":\n" + result.runtimeError());
      case STOPPED -> throw new MojoExecutionException("The Lox program was stopped");
      default -> throw new MojoExecutionException(
          "The Lox program ended with status " + result.status() + ": " + outcome.stderr().strip());
    }
  }
}
