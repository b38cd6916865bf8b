package dev.lox.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the sample project in the test resources for real, with the machine's Maven and this
 * plugin as built: the failsafe plugin runs this after {@code invoker:install} has put the plugin,
 * its dependencies and parent POMs into an isolated local repository ({@code target/it-repo}), so
 * a clean clone needs nothing installed beforehand. Other plugins (resources, compiler, jar) come
 * from the developer's own local repository, read as a remote one, or from Maven Central.
 *
 * <p>The tests run in order on one copy of the project, each build picking up where the last one
 * left it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleProjectIT {
  private static final long BUILD_MINUTES = 5;

  /**
   * What a build printed on standard output and how it ended. Standard error is kept apart: on
   * newer JDKs the JVM warns there about Maven's own libraries.
   */
  private record Build(int exitCode, String output, String errors) {
    boolean succeeded() {
      return exitCode == 0;
    }

    @Override
    public String toString() {
      return "exit code " + exitCode + "\n" + output + "\n(standard error)\n" + errors;
    }
  }

  @TempDir static Path work;
  private Path project;
  private Path settings;
  private Path mvn;

  @BeforeAll
  void copySampleProject() throws IOException {
    String home = System.getProperty("maven.home", "");
    String itRepo = System.getProperty("lox.it.repo", "");
    String version = System.getProperty("lox.plugin.version", "");
    assumeTrue(!home.isEmpty() && !itRepo.isEmpty() && !version.isEmpty(),
        "run by the failsafe plugin, which says where Maven, the plugin and its repository are");
    mvn = Path.of(home, "bin", isWindows() ? "mvn.cmd" : "mvn");
    assumeTrue(Files.isExecutable(mvn), "no Maven at " + mvn);

    project = work.resolve("sample");
    Path source = Path.of(System.getProperty("lox.module.dir", "."), "src/test/resources/sample-project");
    copyTree(source, project);
    Path pom = project.resolve("pom.xml");
    Files.writeString(pom, Files.readString(pom).replace("@lox.plugin.version@", version));
    settings = writeSettings(Path.of(itRepo), Path.of(System.getProperty("lox.user.repo", itRepo)));
  }

  @Test
  @Order(1)
  void packageCompilesTestsAndJarsTheProgram() throws Exception {
    Build build = maven("package");

    assertTrue(build.succeeded(), build::toString);
    assertTrue(build.output().contains("Compiled 2 Lox files to target/classes, 0 up to date"), build::toString);
    assertTrue(build.output().contains("Tests run: 4, Failures: 0, Errors: 0, Skipped: 0"), build::toString);
    assertTrue(Files.isRegularFile(project.resolve("target/surefire-reports/TEST-demo.lox-sample.xml")));
    assertTrue(Files.isRegularFile(project.resolve("target/surefire-reports/TEST-demo.lox-sample.closures.xml")));
    try (JarFile jar = new JarFile(project.resolve("target/lox-sample-1.0.jar").toFile())) {
      assertTrue(jar.getEntry("main.loxc") != null, "the jar carries the compiled program");
      assertTrue(jar.getEntry("lib/fib.loxc") != null);
    }
  }

  @Test
  @Order(2)
  void aSecondCompileCompilesNothingAndRewritesNoFile() throws Exception {
    backdate(project.resolve("src"));
    backdate(project.resolve("target"));
    Map<String, FileTime> chunks = times(project.resolve("target/classes"));

    Build second = maven("lox:compile");

    assertTrue(second.succeeded(), second::toString);
    assertTrue(second.output().contains("Compiled 0 Lox files to target/classes, 2 up to date"), second::toString);
    assertEquals(chunks, times(project.resolve("target/classes")));

    // A third build, with the manifest already written, writes nothing either.
    Map<String, FileTime> everything = times(project.resolve("target"));
    Build third = maven("lox:compile");
    assertTrue(third.output().contains("Compiled 0 Lox files to target/classes, 2 up to date"), third::toString);
    assertEquals(everything, times(project.resolve("target")));
  }

  @Test
  @Order(3)
  void runPrintsTheProgramsOutput() throws Exception {
    Build quiet = maven("-q", "lox:run");
    assertTrue(quiet.succeeded(), quiet::toString);
    assertEquals("Hello, Lox!\n3\n", quiet.output().replace("\r\n", "\n"), quiet.errors());

    Build build = maven("lox:run");
    assertTrue(build.succeeded(), build::toString);
    assertTrue(build.output().contains("[INFO] Running src/main/lox/main.lox\nHello, Lox!\n3\n"), build::toString);
  }

  @Test
  @Order(4)
  void aFailingTestFailsTheBuildWithItsDiff() throws Exception {
    Files.writeString(project.resolve("src/test/lox/wrong.lox"),
        "print \"one\"; // expect: one\nprint 1 + 1; // expect: 3\n");

    Build build = maven("lox:test");

    assertNotEquals(0, build.exitCode(), build::toString);
    String output = build.output();
    assertTrue(output.contains("[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"), build::toString);
    assertTrue(output.contains("[ERROR] FAIL src/test/lox/wrong.lox:2\n  line 2: expected '3', got '2'"), build::toString);
    assertTrue(output.contains("-     2 | 3"), build::toString);
    assertTrue(output.contains("+       | 2"), build::toString);
    assertTrue(output.contains("There are Lox test failures."), build::toString);
    assertTrue(Files.readString(project.resolve("target/surefire-reports/TEST-demo.lox-sample.xml")).contains("failures=\"1\""));

    Build ignored = maven("lox:test", "-Dmaven.test.failure.ignore=true");
    assertTrue(ignored.succeeded(), ignored::toString);
    Build skipped = maven("lox:test", "-DskipTests");
    assertTrue(skipped.succeeded(), skipped::toString);
    assertTrue(skipped.output().contains("[INFO] Tests are skipped."), skipped::toString);
    Files.delete(project.resolve("src/test/lox/wrong.lox"));
  }

  @Test
  @Order(5)
  void compileErrorsOfEveryFileFailTheBuild() throws Exception {
    Files.writeString(project.resolve("src/main/lox/broken.lox"), "print ;\n");
    Files.writeString(project.resolve("src/main/lox/lib/broken.lox"), "var x = 1\n");

    Build build = maven("lox:compile");

    assertNotEquals(0, build.exitCode(), build::toString);
    assertTrue(build.output().contains(
        "[ERROR] src/main/lox/broken.lox:[line 1] Error at ';': Expect expression.\n"
            + "[ERROR] src/main/lox/lib/broken.lox:[line 2] Error at end: Expect ';' after variable declaration.\n"),
        build::toString);
    assertTrue(build.output().contains("Lox compilation failed: 2 errors in 2 files"), build::toString);
    Files.delete(project.resolve("src/main/lox/broken.lox"));
    Files.delete(project.resolve("src/main/lox/lib/broken.lox"));
  }

  @Test
  @Order(6)
  void helpListsTheGoalsAndTheirParameters() throws Exception {
    Build build = maven("lox:help", "-Ddetail", "-Dgoal=test");
    assertTrue(build.succeeded(), build::toString);
    for (String expected : List.of("lox:test", "testSourceDirectory", "User property: lox.test",
        "User property: lox.test.timeout", "User property: maven.test.failure.ignore", "User property: lox.skip")) {
      assertTrue(build.output().contains(expected), expected + " in\n" + build);
    }
  }

  // ---- Running Maven ----

  private Build maven(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        mvn.toString(), "-B", "-ntp", "-s", settings.toString(), "-Dstyle.color=never"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().remove("MAVEN_ARGS");
    Path log = work.resolve("build-" + System.nanoTime() + ".log");
    Path errors = work.resolve("build-" + System.nanoTime() + ".err");
    builder.redirectOutput(log.toFile());
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    if (!process.waitFor(BUILD_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("mvn " + String.join(" ", arguments) + " took too long:\n" + Files.readString(log));
    }
    return new Build(process.exitValue(), text(log), text(errors));
  }

  /** A log's text; Maven 3.8 writes colour resets even in batch mode, and they are left out. */
  private static String text(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
  }

  /**
   * Settings whose local repository is the isolated one, with the developer's local repository as
   * a remote one before Central, for the plugins a jar build needs.
   */
  private Path writeSettings(Path itRepo, Path userRepo) throws IOException {
    String url = userRepo.toAbsolutePath().toUri().toString();
    String repository = "<id>user-local</id><url>" + url + "</url>"
        + "<releases><enabled>true</enabled></releases><snapshots><enabled>false</enabled></snapshots>";
    String xml = "<settings>\n"
        + "  <localRepository>" + itRepo.toAbsolutePath() + "</localRepository>\n"
        + "  <profiles><profile><id>it</id>\n"
        + "    <repositories><repository>" + repository + "</repository></repositories>\n"
        + "    <pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>\n"
        + "  </profile></profiles>\n"
        + "  <activeProfiles><activeProfile>it</activeProfile></activeProfiles>\n"
        + "</settings>\n";
    return Files.writeString(work.resolve("settings.xml"), xml);
  }

  // ---- Files ----

  private static boolean isWindows() {
    return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
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

  /** Backdates every file, so that a rewrite cannot hide within the clock's resolution. */
  private static void backdate(Path directory) throws IOException {
    FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        Files.setLastModifiedTime(file, old);
      }
    }
  }

  /** The modification time of every file below {@code directory}. */
  private static Map<String, FileTime> times(Path directory) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        times.put(directory.relativize(file).toString().replace('\\', '/'), Files.getLastModifiedTime(file));
      }
    }
    assertFalse(times.isEmpty());
    return times;
  }
}
