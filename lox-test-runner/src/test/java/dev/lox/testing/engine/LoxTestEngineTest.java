package dev.lox.testing.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import dev.lox.testing.Fixtures;
import dev.lox.testing.engine.fixtures.FailingFixtures;
import dev.lox.testing.engine.fixtures.InheritedFixtures;
import dev.lox.testing.engine.fixtures.MissingDirectoryFixtures;
import dev.lox.testing.engine.fixtures.PassingDirectorySuite;
import dev.lox.testing.engine.fixtures.PassingFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class LoxTestEngineTest {

  private static EngineTestKit.Builder lox(DiscoverySelector selector) {
    return EngineTestKit.engine(LoxTestEngine.ENGINE_ID)
        .configurationParameter(LoxEngineSettings.BASE_DIR, Fixtures.moduleDir().toString())
        .configurationParameter(LoxEngineSettings.TIMEOUT, "1")
        // Surefire runs these tests too: without this, the engine would see it and use methods.
        .configurationParameter(LoxEngineSettings.METHOD_SOURCES, "false")
        .selectors(selector);
  }

  @Test
  void methodSources_nameTheClassAndTheFile_soSurefiresMethodFilterSelects() {
    // What Surefire does with -Dtest='FailingFixtures#wrong*': a post-discovery filter on methods.
    PostDiscoveryFilter wrongStar = descriptor -> FilterResult.includedIf(descriptor.getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName().startsWith("wrong"))
        .orElse(true));

    EngineExecutionResults results = lox(selectClass(FailingFixtures.class))
        .configurationParameter(LoxEngineSettings.METHOD_SOURCES, "true")
        .filters(wrongStar)
        .execute();

    List<String> ran = results.testEvents().started().stream()
        .map(e -> e.getTestDescriptor().getDisplayName())
        .sorted()
        .toList();
    assertEquals(List.of("wrong_exit_code.lox", "wrong_line.lox", "wrong_output.lox",
        "wrong_runtime_error.lox"), ran);
    TestDescriptor test = results.testEvents().started().list().get(0).getTestDescriptor();
    MethodSource source = (MethodSource) test.getSource().orElseThrow();
    assertEquals(FailingFixtures.class.getName(), source.getClassName());
    assertTrue(test.getDisplayName().startsWith(source.getMethodName() + "."), test.getDisplayName());
    // Surefire's classname for the test cases: the class's full name, as its report's name.
    assertEquals(FailingFixtures.class.getName(), test.getParent().orElseThrow().getLegacyReportingName());
  }

  @Test
  void aBadMethodSourcesSettingFailsTheEngineNamingIt() {
    Throwable thrown = lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.METHOD_SOURCES, "yes")
        .execute()
        .allEvents().failed().stream().findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    assertEquals("lox.test.methodSources must be true or false, not 'yes'", thrown.getMessage());
  }

  @Test
  void markedClass_eachFileATest_underAClassContainer() {
    EngineExecutionResults results = lox(selectClass(PassingFixtures.class)).execute();

    results.testEvents().assertStatistics(stats -> stats.started(7).succeeded(7).failed(0));
    TestDescriptor container =
        results.containerEvents().started().stream()
            .map(Event::getTestDescriptor)
            .filter(d -> d instanceof LoxContainerDescriptor)
            .findFirst()
            .orElseThrow();
    assertEquals(ClassSource.from(PassingFixtures.class), container.getSource().orElseThrow());
    assertEquals(7, container.getChildren().size());
  }

  @Test
  void inheritedMarker_works() {
    lox(selectClass(InheritedFixtures.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(7).succeeded(7));
  }

  @Test
  void failingFile_failsWithTheDiff_andPointsAtTheFailingLine() {
    Events tests = lox(selectClass(FailingFixtures.class)).execute().testEvents();

    tests.assertStatistics(stats -> stats.started(10).failed(10));
    Event wrongOutput =
        tests.failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().equals("wrong_output.lox"))
            .findFirst()
            .orElseThrow();
    Throwable failure =
        wrongOutput.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    AssertionFailedError assertion = assertInstanceOf(AssertionFailedError.class, failure);
    assertTrue(
        assertion.getMessage().startsWith(Fixtures.fixtures().resolve("failing/wrong_output.lox") + ":1: expected '3', got '2'\n"),
        assertion.getMessage());
    assertEquals("3", assertion.getExpected().getStringRepresentation());
    assertEquals("2", assertion.getActual().getStringRepresentation());
    StackTraceElement frame = assertion.getStackTrace()[0];
    assertEquals(FailingFixtures.class.getName(), frame.getClassName());
    assertEquals("wrong_output.lox", frame.getFileName());
    assertEquals(1, frame.getLineNumber());
    FileSource source = (FileSource) wrongOutput.getTestDescriptor().getSource().orElseThrow();
    assertEquals(Fixtures.fixtures().resolve("failing/wrong_output.lox").toFile(), source.getFile());
    assertEquals(FilePosition.from(1), source.getPosition().orElseThrow());
  }

  @Test
  void errors_areNotAssertionFailures_soSurefireCountsThemAsErrors() {
    Events tests = lox(selectClass(FailingFixtures.class)).execute().testEvents();

    List<String> errors =
        tests.failed().stream()
            .filter(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable()
                .orElseThrow() instanceof LoxTestError)
            .map(e -> "failing/" + e.getTestDescriptor().getDisplayName())
            .sorted()
            .toList();
    assertEquals(dev.lox.testing.FixtureVerdictsTest.ERRORS, errors);
    assertTrue(tests.failed().stream().allMatch(e -> {
      Throwable thrown = e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
      return thrown instanceof LoxTestError || thrown instanceof AssertionFailedError;
    }));
    // Every one at a line of its file, as the runner's console and reports place it: a timeout too.
    for (Event failed : tests.failed().stream().toList()) {
      Throwable thrown = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
      StackTraceElement frame = thrown.getStackTrace()[0];
      assertTrue(frame.getLineNumber() > 0, failed.toString());
      assertTrue(thrown.getMessage().startsWith(
          Fixtures.fixtures().resolve("failing").resolve(failed.getTestDescriptor().getDisplayName())
              + ":" + frame.getLineNumber() + ": "), thrown.getMessage());
    }
  }

  @Test
  void fileSource_pointsAtTheFailingExpectation_notTheFirst() {
    Events tests = lox(selectClass(FailingFixtures.class)).execute().testEvents();

    Event missing =
        tests.failed().stream()
            .filter(e -> e.getTestDescriptor().getDisplayName().equals("missing_output.lox"))
            .findFirst()
            .orElseThrow();
    FileSource source = (FileSource) missing.getTestDescriptor().getSource().orElseThrow();
    assertEquals(FilePosition.from(2), source.getPosition().orElseThrow());
  }

  @Test
  void uniqueId_selectsOneTest() {
    UniqueId id =
        UniqueId.forEngine(LoxTestEngine.ENGINE_ID)
            .append(LoxEngineDiscovery.CLASS, PassingFixtures.class.getName())
            .append(LoxEngineDiscovery.TEST, "src/test/resources/fixtures/passing/output.lox");

    lox(selectUniqueId(id)).execute().testEvents().assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void fileSelector_runsThatFile() {
    lox(selectFile(Fixtures.fixtures().resolve("passing/output.lox").toFile()))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(1).succeeded(1));
  }

  @Test
  void unmarkedClass_ignored() {
    lox(selectClass(LoxTestEngineTest.class)).execute().testEvents().assertStatistics(stats -> stats.started(0));
  }

  @Test
  void missingDirectory_isADiscoveryError() {
    List<DiscoveryIssue> issues =
        lox(selectClass(MissingDirectoryFixtures.class)).discover().getDiscoveryIssues();

    assertEquals(1, issues.size());
    assertEquals(DiscoveryIssue.Severity.ERROR, issues.get(0).severity());
    assertTrue(issues.get(0).message().contains("src/test/resources/no-such-directory, which is not there"));
  }

  @Test
  void filterParameter_leavesOutWhatItExcludes() {
    lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.FILTER, "!runtime_error,!compile_errors")
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(5).succeeded(5));
  }

  @Test
  void badSetting_failsTheEngine_ratherThanRunningOtherwise() {
    EngineExecutionResults results =
        lox(selectClass(PassingFixtures.class)).configurationParameter(LoxEngineSettings.TIMEOUT, "soon").execute();

    results.testEvents().assertStatistics(stats -> stats.started(0));
    Throwable failure =
        results.containerEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertEquals("lox.test.timeout must be a number of seconds above 0, not 'soon'", failure.getMessage());
  }

  @Test
  void jitParameter_runsTheTestsInThatMode() {
    lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.JIT, "always")
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.failed(0));
  }

  @Test
  void maxOutputParameter_capsWhatATestMayPrint() {
    long failed = lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.MAX_OUTPUT, "1")
        .execute()
        .testEvents()
        .failed()
        .count();
    assertTrue(failed > 0, "no test failed with a 1-byte output cap");
  }

  @Test
  void badJitParameter_isNamed() {
    Throwable failure =
        lox(selectClass(PassingFixtures.class)).configurationParameter(LoxEngineSettings.JIT, "fast").execute()
            .containerEvents().failed().stream()
            .findFirst()
            .orElseThrow()
            .getPayload(TestExecutionResult.class)
            .orElseThrow()
            .getThrowable()
            .orElseThrow();
    assertEquals("lox.test.jit must be off, auto or always, not 'fast'", failure.getMessage());
  }

  @Test
  void librariesParameter_aHarmlessLibraryLeavesTheTestsAsTheyWere(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("lib.lox"), "fun unused() { return 1; }\n");
    lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.LIBRARIES, dir.toString())
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(7).succeeded(7));
  }

  @Test
  void librariesParameter_aBrokenLibraryFailsTheEngineOnce_andNoTestRuns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path lib = java.nio.file.Files.writeString(dir.resolve("lib.lox"), "var = 1;\n");
    EngineExecutionResults results = lox(selectClass(PassingFixtures.class))
        .configurationParameter(LoxEngineSettings.LIBRARIES, lib.toString())
        .execute();

    results.testEvents().assertStatistics(stats -> stats.started(0));
    Throwable failure = results.containerEvents().failed().stream()
        .findFirst().orElseThrow()
        .getPayload(TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertEquals(lib + ":[line 1] Error at '=': Expect variable name.", failure.getMessage());
  }

  @Test
  void suiteWithSelectDirectories_runsTheLoxFiles() {
    EngineTestKit.engine("junit-platform-suite")
        .selectors(selectClass(PassingDirectorySuite.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.started(7).succeeded(7));
  }
}
