package dev.lox.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.TestInfo;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

/** Test helpers for the mojo tests: a project in a temporary directory, a log that records. */
final class MojoProjects {
  private MojoProjects() {}

  /** A project whose base directory is {@code basedir}, with Maven's standard layout. */
  static MavenProject project(Path basedir) {
    Model model = new Model();
    model.setGroupId("demo");
    model.setArtifactId("demo");
    model.setVersion("1.0");
    Build build = new Build();
    build.setDirectory(basedir.resolve("target").toString());
    build.setOutputDirectory(basedir.resolve("target/classes").toString());
    build.setTestOutputDirectory(basedir.resolve("target/test-classes").toString());
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(new File(basedir.toFile(), "pom.xml"));
    return project;
  }

  /** Sets the test method's {@link UserProperty} annotations in {@code properties}. */
  static void userProperties(TestInfo test, Properties properties) {
    test.getTestMethod().ifPresent(method -> {
      for (UserProperty property : method.getAnnotationsByType(UserProperty.class)) {
        properties.setProperty(property.name(), property.value());
      }
    });
  }

  /** Something a mojo does. */
  @FunctionalInterface
  interface Execution {
    void run() throws Exception;
  }

  /** What {@code execution} printed on {@code System.out}. */
  static String standardOutputOf(Execution execution) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      execution.run();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** A log that keeps every line, as LEVEL message. */
  static final class RecordingLog implements Log {
    final List<String> lines = new ArrayList<>();

    List<String> at(String level) {
      return lines.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
    }

    String all() {
      return String.join("\n", lines);
    }

    private void add(String level, CharSequence content) {
      lines.add(level + " " + content);
    }

    @Override public boolean isDebugEnabled() { return true; }
    @Override public void debug(CharSequence content) { add("DEBUG", content); }
    @Override public void debug(CharSequence content, Throwable error) { add("DEBUG", content); }
    @Override public void debug(Throwable error) { add("DEBUG", String.valueOf(error)); }
    @Override public boolean isInfoEnabled() { return true; }
    @Override public void info(CharSequence content) { add("INFO", content); }
    @Override public void info(CharSequence content, Throwable error) { add("INFO", content); }
    @Override public void info(Throwable error) { add("INFO", String.valueOf(error)); }
    @Override public boolean isWarnEnabled() { return true; }
    @Override public void warn(CharSequence content) { add("WARN", content); }
    @Override public void warn(CharSequence content, Throwable error) { add("WARN", content); }
    @Override public void warn(Throwable error) { add("WARN", String.valueOf(error)); }
    @Override public boolean isErrorEnabled() { return true; }
    @Override public void error(CharSequence content) { add("ERROR", content); }
    @Override public void error(CharSequence content, Throwable error) { add("ERROR", content); }
    @Override public void error(Throwable error) { add("ERROR", String.valueOf(error)); }
  }
}
