package dev.lox.maven;

import dev.lox.maven.compile.Paths;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every Lox goal has: the skip switch, and paths shown relative to the project. */
abstract class AbstractLoxMojo extends AbstractMojo {
  /** Skips the goal. {@code -Dlox.skip=true} skips every Lox goal of the build. */
  @Parameter(property = "lox.skip", defaultValue = "false")
  private boolean skip;

  /** The project's base directory; paths in messages are shown relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  private File basedir;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping lox:" + goal() + " (lox.skip is true)");
      return;
    }
    executeGoal();
  }

  /** The goal's name, for messages. */
  abstract String goal();

  /** The goal's work, when not skipped. */
  abstract void executeGoal() throws MojoExecutionException, MojoFailureException;

  Path basedir() {
    return basedir.toPath();
  }

  /** A path as messages show it: relative to the project when inside it. */
  String display(File file) {
    return display(file.toPath());
  }

  String display(Path path) {
    return Paths.display(basedir(), path);
  }
}
