package dev.lox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers of lox-vm, as rules: scanner and compiler above the chunk model, the chunk model
 * above runtime values, the VM beside the compiler, the compiling tier above the VM (which never
 * names it), and the facade and the commands on top.
 * Each package's {@code package-info.java} says the same in words.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importProductionClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.lox");
  }

  @Test
  void layersDependDownwardsOnly() {
    ArchRule layers = layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("api").definedBy("dev.lox.api..")
        .layer("scanner").definedBy("dev.lox.scanner..")
        .layer("runtime").definedBy("dev.lox.runtime..")
        .layer("chunk").definedBy("dev.lox.chunk..")
        .layer("compiler").definedBy("dev.lox.compiler..")
        .layer("vm").definedBy("dev.lox.vm..")
        .layer("jit").definedBy("dev.lox.jit..")
        .layer("io").definedBy("dev.lox.io..")
        .layer("concurrent").definedBy("dev.lox.concurrent..")
        .layer("facade").definedBy("dev.lox")
        .layer("cli").definedBy("dev.lox.cli..")
        .whereLayer("api").mayNotAccessAnyLayer()
        .whereLayer("scanner").mayNotAccessAnyLayer()
        .whereLayer("runtime").mayOnlyAccessLayers("api")
        .whereLayer("chunk").mayOnlyAccessLayers("runtime", "api")
        .whereLayer("compiler")
        .mayOnlyAccessLayers("scanner", "chunk", "runtime", "api", "concurrent")
        .whereLayer("vm").mayOnlyAccessLayers("chunk", "runtime", "api")
        .whereLayer("jit").mayOnlyAccessLayers("vm", "chunk", "runtime", "api")
        .whereLayer("io").mayNotAccessAnyLayer()
        .whereLayer("concurrent").mayNotAccessAnyLayer()
        .whereLayer("facade")
        .mayOnlyAccessLayers("compiler", "vm", "jit", "chunk", "runtime", "api", "io", "concurrent")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer();
    layers.check(classes);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.lox.(**)").should().beFreeOfCycles().check(classes);
  }

  /** Many VMs run in one JVM at once: nothing they could share may change. */
  @Test
  void noStaticMutableFields() {
    fields().that().areStatic().should().beFinal()
        .because("VMs running at once must not share mutable state")
        .check(classes);
  }
}
