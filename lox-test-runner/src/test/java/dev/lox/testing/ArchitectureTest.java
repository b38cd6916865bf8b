package dev.lox.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of lox-test-runner, checked on its production classes. */
@AnalyzeClasses(packages = "dev.lox.testing", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /**
   * lox-vm's public API; its other packages are its inside and may change at any time. The
   * scanner is the exception: it uses nothing else of lox-vm, and tests must find their comments
   * exactly as clox's scanner does (a comment is not inside a string).
   */
  static final String[] LOX_VM_API = {
    "dev.lox", "dev.lox.api..", "dev.lox.chunk..", "dev.lox.io..", "dev.lox.concurrent..",
    "dev.lox.scanner.."
  };

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices().matching("dev.lox.testing.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyLoxVmsPublicApiIsUsed =
      noClasses()
          .that().resideInAPackage("dev.lox.testing..")
          .should().dependOnClassesThat(
              resideInAPackage("dev.lox..")
                  .and(not(resideInAnyPackage(LOX_VM_API)))
                  .and(not(resideInAPackage("dev.lox.testing.."))))
          .because("lox-vm's API is dev.lox (the facade), dev.lox.api, dev.lox.chunk and dev.lox.io,"
              + " and its scanner, for finding comments; its compiler, runtime, vm, jit and cli"
              + " packages are its own business");
}
