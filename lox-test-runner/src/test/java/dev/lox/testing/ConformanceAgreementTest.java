package dev.lox.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lox.testing.discovery.PathFilter;
import dev.lox.testing.discovery.TestFile;
import dev.lox.testing.discovery.TestFinder;
import dev.lox.testing.expect.ExpectationParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's verdicts on every fixture agree with the reference implementation of the rules,
 * {@code shared/tools/lox-conformance}, run on the same interpreter. Skipped where that tool,
 * Python, or an external interpreter is missing.
 */
class ConformanceAgreementTest {
  private static List<String> interpreter;
  private static Set<String> referenceFailures;
  private static Set<String> allTests;

  @BeforeAll
  static void runReference() throws IOException, InterruptedException {
    Optional<Path> shared = Fixtures.shared();
    assumeTrue(shared.isPresent(), "../shared is not beside the repository");
    Optional<Path> python = Fixtures.python3();
    assumeTrue(python.isPresent(), "no python3");
    Optional<List<String>> external = Fixtures.externalInterpreter();
    assumeTrue(external.isPresent(), "no external interpreter");
    interpreter = external.get();
    Process reference =
        new ProcessBuilder(
                python.get().toString(),
                shared.get().resolve("tools/lox-conformance").toString(),
                "--interpreter",
                interpreter.stream().map(ConformanceAgreementTest::shellQuote).collect(Collectors.joining(" ")),
                "--suite",
                Fixtures.fixtures().toString(),
                "--timeout",
                Long.toString(Fixtures.EXTERNAL_TIMEOUT.toSeconds()))
            .redirectErrorStream(true)
            .start();
    String output = new String(reference.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(reference.waitFor(60, TimeUnit.SECONDS), "lox-conformance did not finish");
    referenceFailures = new TreeSet<>();
    for (String line : output.split("\n")) {
      if (line.startsWith("FAIL ")) {
        referenceFailures.add(line.substring(5).trim());
      }
    }
    allTests = new TreeSet<>();
    for (TestFile file : TestFinder.find(List.of(Fixtures.fixtures()), PathFilter.all(), true).files()) {
      if (!ExpectationParser.parse(Files.readAllBytes(file.path())).nonTest()) {
        allTests.add(file.relativePath());
      }
    }
    assertEquals(
        allTests.size() - referenceFailures.size() + " passed, " + referenceFailures.size() + " failed",
        output.strip().substring(output.strip().lastIndexOf('\n') + 1),
        output);
  }

  private static String shellQuote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private static Set<String> failuresOf(TestRequest request) {
    return TestRunner.run(request).failures().stream()
        .map(r -> r.file().relativePath())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void verdicts_onTheSameInterpreter_agree() {
    Set<String> ours =
        failuresOf(
            TestRequest.builder(List.of(Fixtures.fixtures()))
                .timeout(Fixtures.EXTERNAL_TIMEOUT)
                .interpreter(interpreter)
                .build());

    assertEquals(referenceFailures, ours);
    assertEquals(new ArrayList<>(FixtureVerdictsTest.EXPECTED_FAILURES.keySet()), new ArrayList<>(ours));
  }

  @Test
  void verdicts_ofTheInProcessVm_agree() {
    Set<String> ours =
        failuresOf(TestRequest.builder(List.of(Fixtures.fixtures())).timeout(Duration.ofSeconds(1)).build());

    assertEquals(referenceFailures, ours);
  }
}
