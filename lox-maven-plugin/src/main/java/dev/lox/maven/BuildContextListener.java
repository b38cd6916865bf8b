package dev.lox.maven;

import dev.lox.maven.compile.CompileListener;
import dev.lox.maven.compile.SourceError;
import java.nio.file.Path;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * The compiler's news told to plexus-build-api's {@link BuildContext}, which Eclipse's m2e
 * provides when it runs {@code lox:compile}: each compile error becomes a marker on its file and
 * line, a file's markers go when it is checked again, and each chunk written or removed is
 * refreshed, so the workspace sees it.
 */
final class BuildContextListener implements CompileListener {
  /** BuildContext's column for "unknown": lox-vm's errors have a line, no column. */
  private static final int NO_COLUMN = 0;

  private final BuildContext context;

  private BuildContextListener(BuildContext context) {
    this.context = context;
  }

  /**
   * A listener for {@code context}; none for the command line's {@link DefaultBuildContext}. That
   * one has no markers and no workspace: it logs each message itself (as {@code
   * /abs/file.lox [3:0]: ...}), a second copy of the error the mojo has logged already, and does
   * nothing on a refresh. m2e's context is not one: it extends plexus-build-api's {@code
   * ThreadBuildContext}, which passes each call to the workspace build of the calling thread.
   */
  static CompileListener of(BuildContext context) {
    if (context == null || context instanceof DefaultBuildContext) {
      return CompileListener.NONE;
    }
    return new BuildContextListener(context);
  }

  @Override
  public void sourceChecked(Path source) {
    context.removeMessages(source.toFile());
  }

  @Override
  public void error(SourceError error) {
    context.addMessage(error.source().toFile(), error.error().line(), NO_COLUMN,
        error.description(), BuildContext.SEVERITY_ERROR, null);
  }

  @Override
  public void outputChanged(Path file) {
    context.refresh(file.toFile());
  }
}
