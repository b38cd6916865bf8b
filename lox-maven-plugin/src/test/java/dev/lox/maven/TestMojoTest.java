package dev.lox.maven;

import static dev.lox.maven.MojoProjects.write;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lox.maven.MojoProjects.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
class TestMojoTest {
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
    write(basedir.resolve("src/test/lox/arithmetic.lox"), "print 1 + 2; // expect: 3\n");
    write(basedir.resolve("src/test/lox/closures/counter.lox"),
        "fun f() { var i = 0; fun g() { i = i + 1; return i; } return g; }\n"
            + "var g = f();\nprint g(); // expect: 1\nprint g(); // expect: 2\n");
    write(basedir.resolve("src/test/lox/closures/error.lox"),
        "nil(); // expect runtime error: Can only call functions and classes.\n");
  }

  private TestMojo withLog(TestMojo mojo) {
    mojo.setLog(log);
    return mojo;
  }

  private Path reports() {
    return basedir.resolve("target/surefire-reports");
  }

  private void addFailingTest() throws Exception {
    write(basedir.resolve("src/test/lox/wrong.lox"),
        "print \"a\"; // expect: a\nprint 1 + 1; // expect: 3\nprint \"c\"; // expect: c\n");
  }

  @Test
  @InjectMojo(goal = "test")
  void theTestDirectoryBecomesATestSourceRootForIdes(TestMojo mojo) throws Exception {
    withLog(mojo).execute();
    MavenProject project = (MavenProject) getVariableValueFromObject(mojo, "project");
    assertEquals(List.of(basedir.resolve("src/test/lox").toString()), project.getTestCompileSourceRoots());
  }

  @Test
  @InjectMojo(goal = "test")
  void defaultsFollowSurefire(TestMojo mojo) throws Exception {
    assertEquals(basedir.resolve("src/test/lox").toFile(), getVariableValueFromObject(mojo, "testSourceDirectory"));
    assertEquals(reports().toFile(), getVariableValueFromObject(mojo, "reportsDirectory"));
    assertEquals(10.0, (double) getVariableValueFromObject(mojo, "timeout"));
    assertEquals(0, (int) getVariableValueFromObject(mojo, "threads"));
    assertEquals(false, getVariableValueFromObject(mojo, "skipTests"));
    assertEquals(false, getVariableValueFromObject(mojo, "mavenTestSkip"));
    assertEquals(false, getVariableValueFromObject(mojo, "testFailureIgnore"));
    assertEquals(true, getVariableValueFromObject(mojo, "failIfNoSpecifiedTests"));
    assertEquals("demo.demo", getVariableValueFromObject(mojo, "suitePrefix"));
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.suitePrefix", value = "my.tests")
  void theSuitePrefixNamesTheReportsAndTheirClassnames(TestMojo mojo) throws Exception {
    withLog(mojo).execute();

    String report = Files.readString(reports().resolve("TEST-my.tests.closures.xml"));
    assertTrue(report.contains("classname=\"my.tests.closures\""), report);
    assertTrue(Files.isRegularFile(reports().resolve("TEST-my.tests.xml")));
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "closures/*")
  @UserProperty(name = "lox.test.timeout", value = "2.5")
  @UserProperty(name = "lox.test.threads", value = "3")
  @UserProperty(name = "lox.reportsDirectory", value = "${project.build.directory}/lox-reports")
  @UserProperty(name = "maven.test.failure.ignore", value = "true")
  void propertiesSetTheParameters(TestMojo mojo) throws Exception {
    assertEquals("closures/*", getVariableValueFromObject(mojo, "test"));
    assertEquals(2.5, (double) getVariableValueFromObject(mojo, "timeout"));
    assertEquals(3, (int) getVariableValueFromObject(mojo, "threads"));
    assertEquals(basedir.resolve("target/lox-reports").toFile(), getVariableValueFromObject(mojo, "reportsDirectory"));
    assertEquals(true, getVariableValueFromObject(mojo, "testFailureIgnore"));
  }

  @Test
  @InjectMojo(goal = "test")
  void passingTestsPrintSurefiresSummaryAndWriteReports(TestMojo mojo) throws Exception {
    String printed = MojoProjects.standardOutputOf(() -> withLog(mojo).execute());
    assertEquals("", printed);
    List<String> info = log.at("INFO");
    assertTrue(info.contains(" L O X   T E S T S"), log.all());
    assertTrue(info.contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), log.all());
    assertTrue(info.stream().anyMatch(l -> l.matches(
        "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: \\d+\\.\\d{3} s -- in demo\\.demo\\.closures")), log.all());
    assertTrue(log.at("ERROR").isEmpty(), log.all());
    assertTrue(Files.isRegularFile(reports().resolve("TEST-demo.demo.xml")));
    assertTrue(Files.isRegularFile(reports().resolve("TEST-demo.demo.closures.xml")));
  }

  @Test
  @InjectMojo(goal = "test")
  void aSymlinkedTestDirectoryIsRunAsIfItWereThere(TestMojo mojo) throws Exception {
    Path real = basedir.resolve("shared-tests");
    Files.move(basedir.resolve("src/test/lox"), real);
    Files.createSymbolicLink(basedir.resolve("src/test/lox"), real);
    write(real.resolve("wrong.lox"), "print 1; // expect: 2\n");

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    assertTrue(log.at("ERROR").contains("Tests run: 4, Failures: 1, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  void aTestNamedWithAControlCharacter_leavesAWellFormedReport(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/test/lox/ctl\u0001.lox"), "print 1; // expect: 2\n");

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    org.w3c.dom.Document xml = javax.xml.parsers.DocumentBuilderFactory.newInstance()
        .newDocumentBuilder().parse(reports().resolve("TEST-demo.demo.xml").toFile());
    org.w3c.dom.NodeList cases = xml.getElementsByTagName("testcase");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < cases.getLength(); i++) {
      names.add(((org.w3c.dom.Element) cases.item(i)).getAttribute("name"));
    }
    assertTrue(names.contains("ctl\\u0001"), names.toString());
  }

  @Test
  @InjectMojo(goal = "test")
  void aFailingTestFailsTheBuildWithItsDiff(TestMojo mojo) throws Exception {
    addFailingTest();
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertTrue(failure.getMessage().startsWith("There are Lox test failures."), failure.getMessage());
    List<String> errors = log.at("ERROR");
    assertTrue(errors.contains("Tests run: 4, Failures: 1, Errors: 0, Skipped: 0"), log.all());
    String block = errors.stream().filter(l -> l.startsWith("FAIL ")).findFirst().orElseThrow();
    assertTrue(block.startsWith("FAIL src/test/lox/wrong.lox:2\n  line 2: expected '3', got '2'"), block);
    assertTrue(block.contains("-     2 | 3"), block);
    assertTrue(block.contains("+       | 2"), block);
    String report = Files.readString(reports().resolve("TEST-demo.demo.xml"));
    assertTrue(report.contains("failures=\"1\""), report);
    assertTrue(report.contains("name=\"wrong\" classname=\"demo.demo\"") && report.contains(
        "file=\"src/test/lox/wrong.lox\" line=\"2\""), report);
    assertTrue(report.contains("message=\"src/test/lox/wrong.lox:2: expected &apos;3&apos;, got &apos;2&apos;\"")
        || report.contains("message=\"src/test/lox/wrong.lox:2: expected '3', got '2'\""), report);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.threads", value = "2")
  @UserProperty(name = "lox.test.timeout", value = "1.5")
  void eachDirectorysLineIsPrintedAsSoonAsItsTestsAreDone(TestMojo mojo) throws Exception {
    // In discovery order, the slow directory comes first: printed at the end, its line would too.
    write(basedir.resolve("src/test/lox/a_slow/forever.lox"), "while (true) {}\n");
    write(basedir.resolve("src/test/lox/b_fast/quick.lox"), "print 1; // expect: 1\n");

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    List<String> lines = log.lines;
    int header = lines.indexOf("INFO  L O X   T E S T S");
    int fast = indexOfMatch(lines, "INFO Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: .* -- in demo.demo.b_fast");
    int slow = indexOfMatch(lines,
        "ERROR Tests run: 1, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: .* <<< FAILURE! -- in demo.demo.a_slow");
    int results = lines.indexOf("INFO Results:");
    assertTrue(header >= 0 && header < fast && fast < slow && slow < results, log.all());
  }

  private static int indexOfMatch(List<String> lines, String regex) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).matches(regex)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.verbose", value = "true")
  void verboseAddsALinePerTest(TestMojo mojo) throws Exception {
    addFailingTest();

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    assertTrue(log.at("INFO").stream().anyMatch(l -> l.matches("PASS src/test/lox/arithmetic\\.lox \\(\\d+\\.\\d{3} s\\)")), log.all());
    assertTrue(log.at("INFO").stream().anyMatch(l -> l.matches("PASS src/test/lox/closures/counter\\.lox \\(.*")), log.all());
    assertTrue(log.at("ERROR").stream().anyMatch(l -> l.matches("FAIL src/test/lox/wrong\\.lox:2 \\(.*")), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  void withoutVerbose_noLinePerTest(TestMojo mojo) throws Exception {
    withLog(mojo).execute();

    assertTrue(log.at("INFO").stream().noneMatch(l -> l.startsWith("PASS ")), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "maven.test.failure.ignore", value = "true")
  void failureIgnoreReportsButDoesNotFail(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertTrue(log.at("ERROR").contains("Tests run: 4, Failures: 1, Errors: 0, Skipped: 0"), log.all());
    assertTrue(log.at("ERROR").stream().anyMatch(l -> l.startsWith("There are Lox test failures.")), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.skip", value = "true")
  void loxSkipSkipsWithOneInfoLine(TestMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertEquals(List.of("INFO Skipping lox:test (lox.skip is true)"), log.lines);
    assertFalse(Files.exists(reports()));
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "skipTests", value = "true")
  void skipTestsSkips(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertEquals(List.of("INFO Tests are skipped."), log.lines);
    assertFalse(Files.exists(reports()));
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "maven.test.skip", value = "true")
  void mavenTestSkipSkips(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertEquals(List.of("INFO Tests are skipped."), log.lines);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "counter")
  void theFilterSelectsTestsByName(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertTrue(log.at("INFO").contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "closures, !error")
  void theFilterTakesListsAndExclusions(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertTrue(log.at("INFO").contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.fork", value = "true")
  @UserProperty(name = "lox.test.argLine", value = "-Xmx64m")
  void forkRunsTheTestsInAChildJvm_withTheSameResultsAndReports(TestMojo mojo) throws Exception {
    addFailingTest();
    write(basedir.resolve("src/test/lox/hog.lox"),
        "var s = \"x\";\nwhile (true) { s = s + s; }\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertTrue(log.at("ERROR").contains("Tests run: 5, Failures: 1, Errors: 1, Skipped: 0"), log.all());
    assertTrue(log.at("ERROR").stream().anyMatch(l -> l.startsWith("ERROR src/test/lox/hog.lox:2")), log.all());
    String report = Files.readString(reports().resolve("TEST-demo.demo.xml"));
    assertTrue(report.contains("failures=\"1\"") && report.contains("errors=\"1\""), report);
    assertTrue(log.at("INFO").stream().anyMatch(l -> l.startsWith(
        "Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: ")), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.argLine", value = "-Xmx64m")
  void anArgLineWithoutForkIsAFaultNamingIt(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertEquals("Cannot run the Lox tests: lox.test.argLine applies only to tests run in a forked JVM",
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  void includesAndExcludesSelectAsSurefiresDo(TestMojo mojo) throws Exception {
    addFailingTest();
    setVariableValueToObject(mojo, "includes", List.of("closures/**", "arithmetic"));
    setVariableValueToObject(mojo, "excludes", List.of("**/error*"));
    withLog(mojo).execute();
    assertTrue(log.at("INFO").contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "wrong")
  void theTestPropertyOverridesIncludesAndExcludes(TestMojo mojo) throws Exception {
    addFailingTest();
    setVariableValueToObject(mojo, "includes", List.of("closures/**"));
    setVariableValueToObject(mojo, "excludes", List.of("wrong"));
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertTrue(log.at("ERROR").contains("Tests run: 1, Failures: 1, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  void aBadIncludeIsAFaultNamingTheParameters(TestMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "includes", List.of("["));
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("Cannot run the Lox tests: bad glob '[' in includes/excludes"),
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  void includesMatchingNothingFailTheBuildNamingThem(TestMojo mojo) throws Exception {
    setVariableValueToObject(mojo, "includes", List.of("nothing*"));
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertTrue(failure.getMessage().startsWith(
        "No Lox tests matching the includes [nothing*] and excludes [] were found"), failure.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.threads", value = "1")
  void testsCallTheLibrariesAndNeverSeeAnotherTestsGlobals(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/counter.lox"), "var count = 0;\nfun bump() { count = count + 1; return count; }\n");
    write(basedir.resolve("src/test/lox/a_first.lox"), "var leaked = 1;\nprint bump(); // expect: 1\n");
    write(basedir.resolve("src/test/lox/b_second.lox"), "print bump(); // expect: 1\n");
    write(basedir.resolve("src/test/lox/c_third.lox"), "print leaked; // expect runtime error: Undefined variable 'leaked'.\n");
    withLog(mojo).execute();
    assertTrue(log.at("INFO").contains("Tests run: 6, Failures: 0, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  void aLibraryCompileErrorFailsOnceWithItsFileAndLineAndNoTestRuns(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/bad.lox"), "\nvar = 1;\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals(List.of("src/main/lox/lib/bad.lox:[line 2] Error at '=': Expect variable name."), log.at("ERROR"));
    assertEquals("The Lox libraries did not compile: 1 error (listed above); no test ran", failure.getMessage());
    assertFalse(Files.exists(reports()));
  }

  @Test
  @InjectMojo(goal = "test")
  void aLibraryRuntimeErrorIsReportedOnceNamingItsSource(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/main/lox/lib/bad.lox"), "var x = nil;\nprint -x;\n");
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertEquals("Cannot run the Lox tests: src/main/lox/lib/bad.lox: runtime error while loading the library:\n"
        + "Operand must be a number.\n[line 2] in script", failure.getMessage());
    assertFalse(Files.exists(reports()));
  }

  @Test
  @InjectMojo(goal = "test")
  void jitDefaultsToLoxVmsOwnMode(TestMojo mojo) throws Exception {
    assertNull(getVariableValueFromObject(mojo, "jit"));
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.jit", value = "always")
  void loxJitRunsTheTestsInThatMode(TestMojo mojo) throws Exception {
    assertEquals("always", getVariableValueFromObject(mojo, "jit"));
    withLog(mojo).execute();
    assertTrue(log.at("INFO").contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.jit", value = "fast")
  void aBadJitModeIsNamedByItsProperty(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertEquals("Cannot run the Lox tests: lox.jit must be off, auto or always, not 'fast'",
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.threads", value = "-2")
  void aBadSettingIsNamedByItsProperty(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertEquals("Cannot run the Lox tests: lox.test.threads must be at least 1 (a whole number), not '-2'",
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.maxFailures", value = "1")
  @UserProperty(name = "lox.test.threads", value = "1")
  void maxFailuresStopsStartingTestsAfterThatManyFailures(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/test/lox/a_wrong.lox"), "print 1; // expect: 2\n");
    write(basedir.resolve("src/test/lox/b_wrong.lox"), "print 1; // expect: 3\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    String all = log.all();
    assertTrue(all.contains("Tests run: 5, Failures: 1, Errors: 0, Skipped: 4"), all);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.maxFailures", value = "-1")
  void aBadMaxFailuresIsNamedByItsProperty(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("Cannot run the Lox tests: lox.test.maxFailures must be"),
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.update", value = "true")
  void updateRewritesTheExpectationsOfFailingTestsAndListsThem(TestMojo mojo) throws Exception {
    addFailingTest();
    withLog(mojo).execute();
    assertEquals("print \"a\"; // expect: a\nprint 1 + 1; // expect: 2\nprint \"c\"; // expect: c\n",
        Files.readString(basedir.resolve("src/test/lox/wrong.lox")));
    assertTrue(log.at("WARN").stream().anyMatch(l -> l.contains("UPDATED") && l.contains("wrong.lox")),
        log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.updateErrors", value = "true")
  void updateErrorsWithoutUpdateIsAFault(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertEquals("Cannot run the Lox tests: lox.test.updateErrors goes with lox.test.update=true",
        fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "nothing*")
  void aFilterMatchingNothingFailsTheBuild(TestMojo mojo) throws Exception {
    MojoFailureException failure = assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    assertTrue(failure.getMessage().startsWith("No Lox tests matching 'nothing*' were found in src/test/lox"),
        failure.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "nothing*")
  @UserProperty(name = "lox.failIfNoSpecifiedTests", value = "false")
  void aFilterMatchingNothingCanBeAllowed(TestMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertEquals(List.of("INFO No Lox tests to run."), log.lines);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test", value = "[")
  void aBadFilterIsAFault(TestMojo mojo) throws Exception {
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("Cannot run the Lox tests: bad glob '['"), fault.getMessage());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.timeout", value = "0.3")
  @UserProperty(name = "lox.test", value = "forever")
  void aTestPastTheTimeoutIsStoppedAndFails(TestMojo mojo) throws Exception {
    write(basedir.resolve("src/test/lox/forever.lox"), "while (true) {}\n");
    assertThrows(MojoFailureException.class, withLog(mojo)::execute);
    String block = log.at("ERROR").stream().filter(l -> l.startsWith("ERROR ")).findFirst().orElseThrow();
    assertTrue(block.contains("timed out after 0.3 s"), block);
    assertTrue(log.at("ERROR").contains("Tests run: 1, Failures: 0, Errors: 1, Skipped: 0"), log.all());
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.timeout", value = "1")
  void errorsAreCountedApartFromFailures_inTheSummaryAndTheReports(TestMojo mojo) throws Exception {
    addFailingTest();
    write(basedir.resolve("src/test/lox/crash.lox"), "print 1; // expect: 1\nprint nil + 1;\n");
    write(basedir.resolve("src/test/lox/syntax.lox"), "print; // expect: 1\n");
    write(basedir.resolve("src/test/lox/forever.lox"),
        "print 1; // expect: 1\nwhile (true) {}\nprint 2; // expect: 2\n");

    assertThrows(MojoFailureException.class, withLog(mojo)::execute);

    List<String> errors = log.at("ERROR");
    assertTrue(errors.contains("Tests run: 7, Failures: 1, Errors: 3, Skipped: 0"), log.all());
    assertTrue(errors.stream().anyMatch(l -> l.matches(
        "Tests run: 5, Failures: 1, Errors: 3, Skipped: 0, Time elapsed: .* <<< FAILURE! -- in demo.demo")), log.all());
    assertEquals(List.of("Failures: ", "Errors: "),
        errors.stream().filter(l -> l.endsWith(": ")).toList(), log.all());
    assertEquals(1, errors.stream().filter(l -> l.startsWith("FAIL ")).count(), log.all());
    assertEquals(3, errors.stream().filter(l -> l.startsWith("ERROR ")).count(), log.all());
    // Each at its line: the unexpected errors where the interpreter says they happened, the
    // timeout at the first expectation it did not reach.
    assertTrue(errors.stream().anyMatch(l -> l.startsWith("ERROR src/test/lox/crash.lox:2\n")), log.all());
    assertTrue(errors.stream().anyMatch(l -> l.startsWith("ERROR src/test/lox/syntax.lox:1\n")), log.all());
    assertTrue(errors.stream().anyMatch(l -> l.startsWith("ERROR src/test/lox/forever.lox:3\n")), log.all());
    String report = Files.readString(reports().resolve("TEST-demo.demo.xml"));
    assertTrue(report.contains("errors=\"3\"") && report.contains("failures=\"1\""), report);
    assertEquals(3, report.split("<error ", -1).length - 1, report);
    assertEquals(1, report.split("<failure ", -1).length - 1, report);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.test.timeout", value = "0")
  void aTimeoutMustBePositive(TestMojo mojo) throws Exception {
    assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
  }

  @Test
  @InjectMojo(goal = "test")
  @UserProperty(name = "lox.testSourceDirectory", value = "none")
  void noTestDirectoryMeansNoTests(TestMojo mojo) throws Exception {
    withLog(mojo).execute();
    assertEquals(List.of("INFO No Lox tests to run: there is no none"), log.lines);
  }

  @Test
  @InjectMojo(goal = "test")
  void unwritableReportsAreAFault(TestMojo mojo) throws Exception {
    write(reports(), "a file where the directory should be");
    MojoExecutionException fault = assertThrows(MojoExecutionException.class, withLog(mojo)::execute);
    assertTrue(fault.getMessage().startsWith("Cannot run the Lox tests: cannot write reports"), fault.getMessage());
  }
}
