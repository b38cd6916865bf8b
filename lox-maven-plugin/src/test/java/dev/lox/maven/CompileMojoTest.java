package dev.lox.maven;

import static dev.lox.maven.MojoProjects.write;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.maven.MojoProjects.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

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
}
