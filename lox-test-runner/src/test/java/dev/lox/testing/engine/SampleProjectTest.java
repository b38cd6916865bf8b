package dev.lox.testing.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lox.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.SAXException;

/**
 * Runs {@code mvn test} for real on the sample project in the test resources, with this module's
 * classes as its test dependency, and checks that Surefire counts each {@code .lox} file as a test:
 * three through a {@code @LoxTests} class, two (one failing on purpose) through a {@code @Suite}.
 * Skipped where no Maven is found.
 */
class SampleProjectTest {
  @TempDir Path work;

  @Test
  void surefireCountsLoxFilesAsTests() throws IOException, InterruptedException {
    Optional<Path> mvn = maven();
    assumeTrue(mvn.isPresent(), "no Maven here");
    String runtimeClasspath = System.getProperty("lox.runtime.classpath", "");
    assumeTrue(!runtimeClasspath.isEmpty(), "run by Maven, which says where the dependencies are");
    Path project = work.resolve("sample");
    copyTree(Fixtures.moduleDir().resolve("src/test/resources/sample-project"), project);
    Path classes = Fixtures.moduleDir().resolve("target/classes");
    Path runnerJar = jar(classes, work.resolve("lox-test-runner.jar"));
    String dependencies =
        Arrays.stream(runtimeClasspath.split(","))
            .filter(entry -> !Path.of(entry).toAbsolutePath().normalize().equals(classes))
            .collect(Collectors.joining(","));

    Process build =
        new ProcessBuilder(
                mvn.get().toString(),
                "-B",
                "test",
                "-Dlox.runner.jar=" + runnerJar,
                "-Dmaven.test.additionalClasspath=" + dependencies)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(build.waitFor(5, TimeUnit.MINUTES));

    assertNotEquals(0, build.exitValue(), output);
    assertTrue(output.contains("Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"), output);
    Path reports = project.resolve("target/surefire-reports");
    ReportTestSuite spec = parse(reports.resolve("TEST-demo.LoxSpecTest.xml"));
    ReportTestSuite suite = parse(reports.resolve("TEST-demo.LoxSuiteTest.xml"));
    assertEquals(3, spec.getNumberOfTests());
    assertEquals(0, spec.getNumberOfFailures());
    assertEquals(2, suite.getNumberOfTests());
    assertEquals(1, suite.getNumberOfFailures());
    assertTrue(output.contains("deliberately_wrong.lox:2: expected '41', got '42'"), output);
  }

  private static ReportTestSuite parse(Path report) throws IOException {
    try {
      List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(report.toString());
      return suites.get(0);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("unreadable report " + report, e);
    }
  }

  /** The Maven running this build, else one on the PATH. */
  private static Optional<Path> maven() {
    String home = System.getProperty("maven.home", "");
    Path running = Path.of(home, "bin", "mvn");
    return !home.isEmpty() && Files.isExecutable(running) ? Optional.of(running) : Fixtures.onPath("mvn");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static Path jar(Path classes, Path jar) throws IOException {
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> paths = Files.walk(classes)) {
      for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
        Files.copy(path, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
