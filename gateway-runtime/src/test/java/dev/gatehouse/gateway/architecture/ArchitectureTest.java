package dev.gatehouse.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The gateway runtime's structure as tests (the house rules): packages by feature with no cycle between them, the
 * root package only composing them, and a runtime that stands alone: no JavaFX, no console, no mesh.
 */
@AnalyzeClasses(packages = "dev.gatehouse.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package is a slice (the root one is {@code gateway}); a cycle between any of them fails. */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();

    /** The root package is the composition (Gateway, RunningGateway, options, main): features never use it. */
    @ArchTest
    static final ArchRule onlyTheCompositionInTheRootPackage = noClasses()
            .that()
            .resideOutsideOfPackage("dev.gatehouse.gateway")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.gatehouse.gateway");

    @ArchTest
    static final ArchRule noJavaFx = noClasses().should().dependOnClassesThat().resideInAPackage("javafx..");

    @ArchTest
    static final ArchRule noConsole =
            noClasses().should().dependOnClassesThat().resideInAPackage("dev.gatehouse.app..");

    @ArchTest
    static final ArchRule noMesh = noClasses().should().dependOnClassesThat().resideInAPackage("dev.gatehouse.mesh..");
}
