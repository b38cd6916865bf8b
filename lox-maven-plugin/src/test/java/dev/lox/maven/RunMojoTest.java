package dev.lox.maven;

import static dev.lox.maven.MojoProjects.write;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.maven.MojoProjects.RecordingLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
class RunMojoTest {
  @TempDir Path basedir;

  @Inject MavenSession session;

  private final RecordingLog log = new RecordingLog();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @Provides
  MavenProject project() {
    return MojoProjects.project(basedir);
  }

  @BeforeEach
  void setUp(TestInfo test) throws Exception {
    MojoProjects.userProperties(test, session.getUserProperties());
    write(basedir.resolve("src/main/lox/main.lox"), "print \"hello\";\nprint 1 + 2;\n");
  }

  private RunMojo prepared(RunMojo mojo) {
    mojo.setLog(log);
    mojo.setOutput(out);
    return mojo;
  }

  private String printed() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @InjectMojo(goal = "run")
  void theMainScriptIsSrcMainLoxMainLoxByDefault(RunMojo mojo) throws Exception {
    assertEquals(basedir.resolve("src/main/lox/main.lox").toFile(), getVariableValueFromObject(mojo, "main"));
    assertEquals(basedir.resolve("target/classes").toFile(), getVariableValueFromObject(mojo, "outputDirectory"));
    assertEquals(false, getVariableValueFromObject(mojo, "skip"));
  }

  @Test
  @InjectMojo(goal = "run")
  @UserProperty(name = "lox.main", value = "src/main/lox/other.lox")
  void loxMainNamesAnotherScript(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/other.lox"), "print \"other\";\n");
    assertEquals(basedir.resolve("src/main/lox/other.lox").toFile(), getVariableValueFromObject(mojo, "main"));
    prepared(mojo).execute();
    assertEquals("other\n", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void theLibrariesLoadInPathOrderBeforeTheProgram(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/a_shape.lox"), "class Shape { describe() { return twice(this.half()); } }\n");
    write(basedir.resolve("src/main/lox/lib/b/square.lox"), "class Square < Shape { init(s) { this.s = s; } half() { return this.s * this.s / 2; } }\n");
    write(basedir.resolve("src/main/lox/lib/c_math.lox"), "fun twice(n) { return 2 * n; }\n");
    write(basedir.resolve("src/main/lox/main.lox"), "print Square(3).describe();\n");
    prepared(mojo).execute();
    assertEquals("9\n", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void anExplicitOrderInThePomComesFirst(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/a_square.lox"), "class Square < Shape {}\n");
    write(basedir.resolve("src/main/lox/lib/z_shape.lox"), "class Shape { name() { return \"shape\"; } }\n");
    write(basedir.resolve("src/main/lox/main.lox"), "print Square().name();\n");
    setVariableValueToObject(mojo, "libraries", List.of("lib/z_shape.lox", "lib/**/*.lox"));
    prepared(mojo).execute();
    assertEquals("shape\n", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void aLibraryCompileErrorFailsWithItsFileAndLineAndNothingRuns(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/bad.lox"), "fun f() {\n  return 1 +;\n}\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, prepared(mojo)::execute);
    assertEquals(List.of("src/main/lox/lib/bad.lox:[line 2] Error at ';': Expect expression."), log.at("ERROR"));
    assertEquals("src/main/lox/main.lox's libraries did not compile: 1 error (listed above)", failure.getMessage());
    assertEquals("", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void aLibraryRuntimeErrorNamesTheLibraryAndTheProgramDoesNotRun(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/bad.lox"), "var x = 1;\nx();\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, prepared(mojo)::execute);
    assertEquals("Lox runtime error while loading the library src/main/lox/lib/bad.lox"
        + " (src/main/lox/main.lox did not run):\nCan only call functions and classes.\n[line 2] in script",
        failure.getMessage());
    assertEquals("", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  @UserProperty(name = "lox.jit", value = "always")
  void loxJitRunsTheProgramInThatMode(RunMojo mojo) throws Exception {
    assertEquals("always", getVariableValueFromObject(mojo, "jit"));
    prepared(mojo).execute();
    assertEquals("hello\n3\n", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  @UserProperty(name = "lox.jit", value = "fast")
  void aBadJitModeFailsNamingLoxJitAndNothingRuns(RunMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, prepared(mojo)::execute);
    assertEquals("Cannot run the Lox program: lox.jit must be off, auto or always, not 'fast'",
        fault.getMessage());
    assertEquals("", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  @UserProperty(name = "lox.skip", value = "true")
  void loxSkipSkipsWithOneInfoLine(RunMojo mojo) throws Exception {
    prepared(mojo).execute();
    assertEquals(List.of("INFO Skipping lox:run (lox.skip is true)"), log.lines);
    assertEquals("", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void runsTheProgramFromItsChunkCompilingItFirstWhenStale(RunMojo mojo) throws Exception {
    prepared(mojo).execute();
    assertEquals("hello\n3\n", printed());
    assertEquals(List.of("Running src/main/lox/main.lox"), log.at("INFO"));
    assertTrue(Files.isRegularFile(basedir.resolve("target/classes/main.loxc")));
    assertTrue(log.at("DEBUG").get(0).startsWith("Compiled before running"), log.all());

    log.lines.clear();
    prepared(mojo).execute();
    assertEquals("hello\n3\nhello\n3\n", printed());
    assertEquals(List.of("Ran from the fresh chunk target/classes/main.loxc"), log.at("DEBUG"));
  }

  @Test
  @InjectMojo(goal = "run")
  void aRuntimeErrorFailsTheBuildWithTheLoxMessageAndTrace(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/main.lox"),
        "fun f() {\n  return nil + 1;\n}\nprint \"before\";\nf();\nprint \"after\";\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, prepared(mojo)::execute);
    assertEquals("Lox runtime error in src/main/lox/main.lox:\n"
        + "Operands must be two numbers or two strings.\n"
        + "[line 2] in f()\n"
        + "[line 5] in script", failure.getMessage());
    assertEquals("before\n", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  void compileErrorsAreLoggedAndFailTheBuild(RunMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/main.lox"), "print ;\nvar;\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, prepared(mojo)::execute);
    assertEquals(List.of(
        "src/main/lox/main.lox:[line 1] Error at ';': Expect expression.",
        "src/main/lox/main.lox:[line 2] Error at ';': Expect variable name."), log.at("ERROR"));
    assertEquals("src/main/lox/main.lox did not compile: 2 errors (listed above)", failure.getMessage());
    assertEquals("", printed());
  }

  @Test
  @InjectMojo(goal = "run")
  @UserProperty(name = "lox.main", value = "missing.lox")
  void aMissingMainScriptIsAFault(RunMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, prepared(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("No Lox main script at missing.lox"), fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "run")
  void theProgramRunsOnAThreadThatIsGoneAfterwards(RunMojo mojo) throws Exception {
    prepared(mojo).execute();
    assertFalse(Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().startsWith("lox-") && thread.isAlive()));
  }
}
