package dev.lox.maven.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lox.testing.TestRequest;
import dev.lox.testing.TestRunResult;
import dev.lox.testing.TestRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SurefireSummaryTest {
  @TempDir Path dir;

  @Test
  void totalsReadLikeSurefires() throws IOException {
    Path tests = dir.resolve("lox");
    Files.createDirectories(tests.resolve("closures"));
    Files.writeString(tests.resolve("ok.lox"), "print 1; // expect: 1\n");
    Files.writeString(tests.resolve("wrong.lox"), "print 1; // expect: 2\n");
    Files.writeString(tests.resolve("closures/ok.lox"), "print 3; // expect: 3\n");
    TestRunResult run = TestRunner.run(TestRequest.builder(List.of(tests)).jobs(2).build());

    assertEquals("Tests run: 3, Failures: 1, Errors: 0, Skipped: 0", SurefireSummary.totals(run));
    List<SurefireSummary.Suite> suites = SurefireSummary.suites(run);
    assertEquals(List.of("lox.closures", "lox"), suites.stream().map(SurefireSummary.Suite::name).toList());
    assertEquals(2, suites.get(1).run());
    assertEquals(1, suites.get(1).failures());
    assertEquals(0, suites.get(0).failures());
  }

  @Test
  void suiteLinesReadLikeSurefires() {
    SurefireSummary.Suite passed = new SurefireSummary.Suite("lox.closures", 3, 0, 0, 0, Duration.ofMillis(12));
    SurefireSummary.Suite failed = new SurefireSummary.Suite("lox", 2, 1, 0, 0, Duration.ofMillis(1500));
    SurefireSummary.Suite errored = new SurefireSummary.Suite("lox", 2, 0, 1, 0, Duration.ofMillis(1500));
    assertEquals("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.012 s -- in lox.closures",
        passed.line());
    assertEquals("Tests run: 2, Failures: 1, Errors: 0, Skipped: 0, Time elapsed: 1.500 s <<< FAILURE! -- in lox",
        failed.line());
    assertEquals("Tests run: 2, Failures: 0, Errors: 1, Skipped: 0, Time elapsed: 1.500 s <<< FAILURE! -- in lox",
        errored.line());
  }
}
