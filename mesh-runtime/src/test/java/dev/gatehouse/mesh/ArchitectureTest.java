package dev.gatehouse.mesh;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module's architecture as tests (the house rules; JabRef's {@code CommonArchitectureTest} is the model): no
 * package depends on itself through others, and the runtime stands alone.
 */
@AnalyzeClasses(
        packages = "dev.gatehouse.mesh",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
    /** Every package is a slice, the root included; a cycle between any of them fails (what jdeps would show). */
    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("dev.gatehouse.(**)").should().beFreeOfCycles();

    /** Runtimes never depend on JavaFX, on the console, or on each other. */
    @ArchTest
    static final ArchRule runtimeStandsAlone = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.mesh..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "dev.gatehouse.app..", "dev.gatehouse.gateway..");
}
