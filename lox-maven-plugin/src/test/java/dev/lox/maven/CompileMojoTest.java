package dev.lox.maven;

import static dev.lox.maven.MojoProjects.write;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.maven.MojoProjects.RecordingLog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.logging.AbstractLogger;
import org.codehaus.plexus.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.build.incremental.BuildContext;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

@MojoTest
class CompileMojoTest {
  @TempDir Path basedir;

  @Inject MavenSession session;

  private final RecordingLog log = new RecordingLog();

  @Provides
  MavenProject project() {
    return MojoProjects.project(basedir);
  }

  @BeforeEach
  void setUp(TestInfo test) throws Exception {
    MojoProjects.userProperties(test, session.getUserProperties());
    write(basedir.resolve("src/main/lox/main.lox"), "print 1;\n");
    write(basedir.resolve("src/main/lox/lib/util.lox"), "print 2;\n");
  }

  private CompileMojo withLog(CompileMojo mojo) {
    mojo.setLog(log);
    return mojo;
  }

  @Test
  @InjectMojo(goal = "compile")
  void defaultsFollowMavensLayout(CompileMojo mojo) throws Exception {
    assertEquals(basedir.resolve("src/main/lox").toFile(), getVariableValueFromObject(mojo, "sourceDirectory"));
    assertEquals(basedir.resolve("target/classes").toFile(), getVariableValueFromObject(mojo, "outputDirectory"));
    assertEquals(basedir.resolve("target/lox-maven-plugin").toFile(), getVariableValueFromObject(mojo, "workDirectory"));
    assertEquals(false, getVariableValueFromObject(mojo, "skip"));
  }

  @Test
  @InjectMojo(goal = "compile")
  void theSourceDirectoryBecomesACompileSourceRootForIdes(CompileMojo mojo) throws Exception {
    withLog(mojo).execute();
    MavenProject project = (MavenProject) getVariableValueFromObject(mojo, "project");
    assertTrue(project.getCompileSourceRoots().contains(basedir.resolve("src/main/lox").toString()),
        project.getCompileSourceRoots().toString());
    withLog(mojo).execute();
    assertEquals(1, project.getCompileSourceRoots().stream()
        .filter(root -> root.equals(basedir.resolve("src/main/lox").toString())).count());
  }

  @Test
  @InjectMojo(goal = "compile")
  void theLibraryChunksAreListedInLoadOrderForTheJar(CompileMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/a/first.lox"), "var a = 1;\n");
    withLog(mojo).execute();
    assertEquals("lib/a/first.loxc\nlib/util.loxc\n",
        Files.readString(basedir.resolve("target/classes/lox-libraries.txt")));
    Files.delete(basedir.resolve("src/main/lox/lib/a/first.lox"));
    Files.delete(basedir.resolve("src/main/lox/lib/util.lox"));
    withLog(mojo).execute();
    assertFalse(Files.exists(basedir.resolve("target/classes/lox-libraries.txt")));
  }

  @Test
  @InjectMojo(goal = "compile")
  @UserProperty(name = "lox.sourceDirectory", value = "lox")
  @UserProperty(name = "lox.outputDirectory", value = "${project.build.directory}/chunks")
  void propertiesSetTheDirectories(CompileMojo mojo) throws Exception {
    assertEquals(basedir.resolve("lox").toFile(), getVariableValueFromObject(mojo, "sourceDirectory"));
    assertEquals(basedir.resolve("target/chunks").toFile(), getVariableValueFromObject(mojo, "outputDirectory"));
  }

  @Test
  @InjectMojo(goal = "compile")
  @UserProperty(name = "lox.skip", value = "true")
  void loxSkipSkipsWithOneInfoLine(CompileMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertEquals(List.of("INFO Skipping lox:compile (lox.skip is true)"), log.lines);
    assertFalse(Files.exists(basedir.resolve("target")));
  }

  @Test
  @InjectMojo(goal = "compile")
  void compilesEverySourceAndSaysSoInOneLine(CompileMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertTrue(Files.isRegularFile(basedir.resolve("target/classes/main.loxc")));
    assertTrue(Files.isRegularFile(basedir.resolve("target/classes/lib/util.loxc")));
    List<String> info = log.at("INFO");
    assertEquals(1, info.size(), log.all());
    assertTrue(info.get(0).matches("Compiled 2 Lox files to target/classes, 0 up to date \\(\\d+\\.\\d\\d s\\)"), info.get(0));

    log.lines.clear();
    withLog(mojo).execute();
    assertTrue(log.at("INFO").get(0).startsWith("Compiled 0 Lox files to target/classes, 2 up to date"), log.all());
  }

  @Test
  @InjectMojo(goal = "compile")
  void compileErrorsOfEveryFileAreLoggedAndFailTheBuild(CompileMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");
    write(basedir.resolve("src/main/lox/lib/util.lox"), "var = 1;\nprint (;\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals(List.of(
        "src/main/lox/lib/util.lox:[line 1] Error at '=': Expect variable name.",
        "src/main/lox/lib/util.lox:[line 2] Error at ';': Expect expression.",
        "src/main/lox/main.lox:[line 2] Error at end: Expect ';' after value."), log.at("ERROR"));
    assertEquals("Lox compilation failed: 3 errors in 2 files (listed above)", failure.getMessage());
  }

  @Test
  @InjectMojo(goal = "compile")
  void anUnwritableOutputIsAFaultNotAFailure(CompileMojo mojo) throws Exception {
    write(basedir.resolve("target/classes"), "a file where the directory should be");
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("Cannot compile the Lox sources in src/main/lox: "), fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "compile")
  @UserProperty(name = "lox.sourceDirectory", value = "nothing-here")
  void noSourcesIsNoError(CompileMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertEquals(List.of("INFO No Lox sources to compile in nothing-here"), log.lines);
  }

  @Test
  @InjectMojo(goal = "compile")
  void aCorruptedChunkIsReportedAndRebuilt(CompileMojo mojo) throws Exception {
    withLog(mojo).execute();
    Path chunk = basedir.resolve("target/classes/main.loxc");
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length - 1] ^= 1;
    Files.write(chunk, bytes);
    log.lines.clear();

    withLog(mojo).execute();

    assertEquals(List.of("Recompiling target/classes/main.loxc: rejected by the verifier: checksum mismatch"),
        log.at("WARN"));
    assertTrue(log.at("INFO").get(0).startsWith("Compiled 1 Lox file to target/classes, 1 up to date"), log.all());
  }

  @Test
  @InjectMojo(goal = "compile")
  void printsNothingOfItsOwnOnStandardOutput(CompileMojo mojo) throws Exception {
    String printed = MojoProjects.standardOutputOf(() -> withLog(mojo).execute());
    assertEquals("", printed);
  }

  // ---- The IDE's build context (plexus-build-api): markers and refreshed outputs ----

  private RecordingBuildContext withIde(CompileMojo mojo) throws Exception {
    RecordingBuildContext ide = new RecordingBuildContext();
    setVariableValueToObject(mojo, "buildContext", ide);
    return ide;
  }

  private File source(String path) {
    return basedir.resolve("src/main/lox").resolve(path).toFile();
  }

  private File output(String path) {
    return basedir.resolve("target/classes").resolve(path).toFile();
  }

  @Test
  @InjectMojo(goal = "compile")
  void compileErrorsBecomeMarkersOnTheirFilesAndLines(CompileMojo mojo) throws Exception {
    RecordingBuildContext ide = withIde(mojo);
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");
    write(basedir.resolve("src/main/lox/lib/util.lox"), "var = 1;\nprint (;\n");

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    assertEquals(Map.of(
        source("lib/util.lox"), List.of(
            "1:0 ERROR Error at '=': Expect variable name.",
            "2:0 ERROR Error at ';': Expect expression."),
        source("main.lox"), List.of("2:0 ERROR Error at end: Expect ';' after value.")),
        ide.markers);
    assertEquals(3, log.at("ERROR").size(), log.all()); // the console has them as before
  }

  @Test
  @InjectMojo(goal = "compile")
  void theMarkersOfAFixedFileGoOnTheNextBuild(CompileMojo mojo) throws Exception {
    RecordingBuildContext ide = withIde(mojo);
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");
    write(basedir.resolve("src/main/lox/lib/util.lox"), "print (;\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals(2, ide.markers.size(), ide.markers.toString());

    write(basedir.resolve("src/main/lox/main.lox"), "print 1;\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals(Map.of(source("lib/util.lox"), List.of("1:0 ERROR Error at ';': Expect expression.")),
        ide.markers);

    write(basedir.resolve("src/main/lox/lib/util.lox"), "print 2;\n");
    withLog(mojo).execute();
    assertEquals(Map.of(), ide.markers);
  }

  @Test
  @InjectMojo(goal = "compile")
  void theMarkersOfAFileFixedOutsideTheIdeGoToo(CompileMojo mojo) throws Exception {
    RecordingBuildContext ide = withIde(mojo);
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals(List.of(source("main.lox")), List.copyOf(ide.markers.keySet()));

    // Fixed and compiled on the command line: the IDE's next build finds the chunk fresh.
    write(basedir.resolve("src/main/lox/main.lox"), "print 1;\n");
    setVariableValueToObject(mojo, "buildContext", new DefaultBuildContext());
    withLog(mojo).execute();
    setVariableValueToObject(mojo, "buildContext", ide);
    log.lines.clear();
    withLog(mojo).execute();

    assertTrue(log.at("INFO").get(0).startsWith("Compiled 0 Lox files to target/classes, 2 up to date"), log.all());
    assertEquals(Map.of(), ide.markers);
  }

  @Test
  @InjectMojo(goal = "compile")
  void chunksWrittenOrRemovedAreRefreshedAndNothingElse(CompileMojo mojo) throws Exception {
    RecordingBuildContext ide = withIde(mojo);
    withLog(mojo).execute();
    assertEquals(List.of(output("lib/util.loxc"), output("main.loxc"), output("lox-libraries.txt")),
        ide.refreshed);

    ide.refreshed.clear();
    withLog(mojo).execute();
    assertEquals(List.of(), ide.refreshed, "nothing changed, nothing to refresh");

    write(basedir.resolve("src/main/lox/main.lox"), "print 3;\n");
    Files.delete(basedir.resolve("src/main/lox/lib/util.lox"));
    withLog(mojo).execute();
    assertEquals(List.of(output("main.loxc"), output("lib/util.loxc"), output("lox-libraries.txt")),
        ide.refreshed);

    // A source that stops compiling loses its chunk: that is a change to refresh too.
    ide.refreshed.clear();
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertFalse(output("main.loxc").exists());
    assertEquals(List.of(output("main.loxc")), ide.refreshed);
  }

  @Test
  @InjectMojo(goal = "compile")
  void onTheCommandLineTheDefaultContextPrintsNothingMore(CompileMojo mojo) throws Exception {
    // Maven injects plexus-build-api's own context, which would log every message it is given.
    BuildContext injected = (BuildContext) getVariableValueFromObject(mojo, "buildContext");
    DefaultBuildContext context = assertInstanceOf(DefaultBuildContext.class, injected);
    RecordingLogger logger = new RecordingLogger();
    context.enableLogging(logger);
    write(basedir.resolve("src/main/lox/main.lox"), "print x\n");

    String printed = MojoProjects.standardOutputOf(
        () -> assertThrows(MojoFailureException.class, withLog(mojo)::execute));

    assertEquals(List.of(), logger.lines);
    assertEquals("", printed);
    assertEquals(List.of("src/main/lox/main.lox:[line 2] Error at end: Expect ';' after value."),
        log.at("ERROR"));
  }

  /** A Plexus logger, as Maven gives components, that keeps every line. */
  private static final class RecordingLogger extends AbstractLogger {
    final List<String> lines = new ArrayList<>();

    RecordingLogger() {
      super(LEVEL_DEBUG, "recording");
    }

    @Override public void debug(String message, Throwable cause) { lines.add("DEBUG " + message); }
    @Override public void info(String message, Throwable cause) { lines.add("INFO " + message); }
    @Override public void warn(String message, Throwable cause) { lines.add("WARN " + message); }
    @Override public void error(String message, Throwable cause) { lines.add("ERROR " + message); }
    @Override public void fatalError(String message, Throwable cause) { lines.add("FATAL " + message); }
    @Override public Logger getChildLogger(String name) { return this; }
  }
}
