package dev.lox.maven;

import java.io.File;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.codehaus.plexus.util.Scanner;
import org.sonatype.plexus.build.incremental.BuildContext;

/**
 * A BuildContext as an IDE keeps one: markers per file, set by {@code addMessage} and cleared by
 * {@code removeMessages}, and the files it was asked to refresh. What the mojo does not use fails.
 */
final class RecordingBuildContext implements BuildContext {
  /** Each file's markers, as {@code line:column severity message}. */
  final Map<File, List<String>> markers = new LinkedHashMap<>();

  final List<File> refreshed = new ArrayList<>();

  @Override
  public void addMessage(File file, int line, int column, String message, int severity, Throwable cause) {
    String level = severity == SEVERITY_ERROR ? "ERROR" : severity == SEVERITY_WARNING ? "WARNING" : "?" + severity;
    markers.computeIfAbsent(file, f -> new ArrayList<>())
        .add(line + ":" + column + " " + level + " " + message + (cause == null ? "" : " " + cause));
  }

  @Override
  public void removeMessages(File file) {
    markers.remove(file);
  }

  @Override
  public void refresh(File file) {
    refreshed.add(file);
  }

  @Override
  public void addWarning(File file, int line, int column, String message, Throwable cause) {
    addMessage(file, line, column, message, SEVERITY_WARNING, cause);
  }

  @Override
  public void addError(File file, int line, int column, String message, Throwable cause) {
    addMessage(file, line, column, message, SEVERITY_ERROR, cause);
  }

  @Override public boolean hasDelta(String relpath) { throw unused(); }
  @Override public boolean hasDelta(File file) { throw unused(); }
  @Override public boolean hasDelta(@SuppressWarnings("rawtypes") List relpaths) { throw unused(); }
  @Override public OutputStream newFileOutputStream(File file) { throw unused(); }
  @Override public Scanner newScanner(File basedir) { throw unused(); }
  @Override public Scanner newDeleteScanner(File basedir) { throw unused(); }
  @Override public Scanner newScanner(File basedir, boolean ignoreDelta) { throw unused(); }
  @Override public boolean isIncremental() { throw unused(); }
  @Override public void setValue(String key, Object value) { throw unused(); }
  @Override public Object getValue(String key) { throw unused(); }
  @Override public boolean isUptodate(File target, File source) { throw unused(); }

  private static UnsupportedOperationException unused() {
    return new UnsupportedOperationException("not used by lox:compile");
  }
}
