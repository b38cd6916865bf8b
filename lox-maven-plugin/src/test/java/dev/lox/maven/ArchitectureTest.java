package dev.lox.maven;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of lox-maven-plugin, checked on its production classes. */
@AnalyzeClasses(packages = "dev.lox.maven", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /**
   * What the plugin may use of lox-vm and lox-test-runner: lox-vm's public API, and the runner's
   * library (not its command, its JUnit engine or its executors).
   */
  static final String[] ALLOWED = {
    "dev.lox", "dev.lox.api..", "dev.lox.chunk..", "dev.lox.io..", "dev.lox.concurrent..",
    "dev.lox.testing", "dev.lox.testing.discovery..",
    "dev.lox.testing.expect..", "dev.lox.testing.report..",
    "dev.lox.maven.."
  };

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices().matching("dev.lox.maven.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyPublicApisAreUsed =
      noClasses()
          .that().resideInAPackage("dev.lox.maven..")
          .should().dependOnClassesThat(resideInAPackage("dev.lox..").and(not(resideInAnyPackage(ALLOWED))))
          .because("lox-vm's API is dev.lox (the facade), dev.lox.api, dev.lox.chunk, dev.lox.io and"
              + " dev.lox.concurrent,"
              + " and lox-test-runner's is its library: the plugin goes through them only");
}
