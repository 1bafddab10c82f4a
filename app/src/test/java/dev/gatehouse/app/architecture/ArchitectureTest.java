package dev.gatehouse.app.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The console's architecture as tests (JabRef's CommonArchitectureTest and PDFsam's cycle check are the models):
 * no package cycles, MVVM layering, and the runtimes reached only through their public entry points.
 */
@AnalyzeClasses(packages = "dev.gatehouse.app", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Packages that hold pages, their kit, the shell, the palette, the generated forms and the guided tour. */
    private static final String[] UI_PACKAGES = {
        "dev.gatehouse.app.page..",
        "dev.gatehouse.app.pages..",
        "dev.gatehouse.app.shell..",
        "dev.gatehouse.app.palette..",
        "dev.gatehouse.app.form..",
        "dev.gatehouse.app.tour.."
    };

    /**
     * The wire: HTTP transport, the Kong and Kuma clients with the repository implementations over them, and
     * Fabric8 with the Kubernetes repositories over it (the wizard reaches a cluster through kubernetes.cluster).
     */
    private static final String[] WIRE_PACKAGES = {
        "dev.gatehouse.app.kong..",
        "dev.gatehouse.app.kuma..",
        "dev.gatehouse.app.http..",
        "dev.gatehouse.app.kubernetes.gateway..",
        "dev.gatehouse.app.kubernetes.mesh..",
        "io.fabric8.."
    };

    /**
     * The mesh runtime's permission engine as a library: the pair-by-pair facade over it and the policy names its
     * answers carry (issue 14: the console computes a real Kuma's permissions with the same engine).
     */
    private static final Set<String> MESH_PERMISSION_LIBRARY =
            Set.of("dev.gatehouse.mesh.policy.ServicePermissions", "dev.gatehouse.mesh.policy.PolicyRef");

    /**
     * What the runtimes offer a composition today: their start-up entry points, the gateway's upstream seam and the
     * mesh's permission library.
     */
    private static final Set<String> RUNTIME_ENTRY_POINTS = union(
            MESH_PERMISSION_LIBRARY,
            Set.of(
                    "dev.gatehouse.gateway.Gateway",
                    "dev.gatehouse.gateway.GatewayConfig",
                    "dev.gatehouse.gateway.RunningGateway",
                    "dev.gatehouse.gateway.ListenAddress",
                    // the in-process request stream the console watches the sandbox's traffic through
                    "dev.gatehouse.gateway.log.RequestEvents",
                    "dev.gatehouse.gateway.log.RequestEventSubscription",
                    "dev.gatehouse.gateway.log.RequestEvent",
                    "dev.gatehouse.gateway.proxy.UpstreamConnector",
                    "dev.gatehouse.gateway.proxy.UpstreamTarget",
                    "dev.gatehouse.mesh.ControlPlane",
                    "dev.gatehouse.mesh.ControlPlaneConfig",
                    "dev.gatehouse.mesh.RunningControlPlane",
                    "dev.gatehouse.mesh.dataplane.Dataplane",
                    "dev.gatehouse.mesh.dataplane.DataplaneConfig",
                    "dev.gatehouse.mesh.dataplane.DataplaneTransport",
                    // the data planes' in-process access log the console watches the sandbox's hops through
                    "dev.gatehouse.mesh.dataplane.AccessLogTap",
                    "dev.gatehouse.mesh.dataplane.AccessLogEntry",
                    "dev.gatehouse.mesh.dataplane.RunningDataplane"));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** The top-level class a class belongs to: itself, or the class its nested, inner or anonymous class is in. */
    private static String topLevelName(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    /**
     * A view-model: a class in a UI package whose top-level class is named {@code ...ViewModel} or {@code ...Model}
     * (ShellViewModel, PlannedPageViewModel, RequestTesterModel, CredentialsModel, SchemaFormModel), with its
     * nested and anonymous classes.
     */
    private static final DescribedPredicate<JavaClass> VIEW_MODELS = describe(
            "view-models",
            type -> resideInAnyPackage(UI_PACKAGES).test(type)
                    && topLevelName(type).endsWith("Model"));

    /** A view: a class in a UI package that is a JavaFX node, or whose top-level class is named {@code ...View}. */
    private static final DescribedPredicate<JavaClass> VIEWS = describe(
            "views",
            type -> resideInAnyPackage(UI_PACKAGES).test(type)
                    && (assignableTo("javafx.scene.Node").test(type)
                            || topLevelName(type).endsWith("View")));

    private static final DescribedPredicate<JavaClass> RUNTIME_INTERNALS = describe(
            "runtime classes other than their entry points " + RUNTIME_ENTRY_POINTS,
            type -> resideInAnyPackage("dev.gatehouse.gateway..", "dev.gatehouse.mesh..")
                            .test(type)
                    && !RUNTIME_ENTRY_POINTS.contains(topLevelName(type)));

    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.gatehouse.app.(**)").should().beFreeOfCycles();

    /** The composition root sits on top: AppContext and the launchers use every package, and no package uses them. */
    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_COMPOSITION_ROOT = noClasses()
            .that()
            .resideOutsideOfPackage("dev.gatehouse.app")
            .should()
            .dependOnClassesThat(resideInAPackage("dev.gatehouse.app"));

    @ArchTest
    static final ArchRule VIEW_MODELS_DO_NOT_TOUCH_THE_SCENE_GRAPH = noClasses()
            .that(VIEW_MODELS)
            .should()
            .dependOnClassesThat(resideInAPackage("javafx.scene.."))
            .because("view-models are tested without the FX thread; only views build nodes");

    @ArchTest
    static final ArchRule VIEW_MODELS_DO_NOT_USE_THE_WIRE = noClasses()
            .that(VIEW_MODELS)
            .should()
            .dependOnClassesThat(resideInAnyPackage(WIRE_PACKAGES))
            .because("view-models talk to the gateway and mesh repositories, never to a client or a URL");

    @ArchTest
    static final ArchRule VIEWS_DO_NOT_USE_THE_WIRE = noClasses()
            .that(VIEWS)
            .should()
            .dependOnClassesThat(resideInAnyPackage(WIRE_PACKAGES))
            .because("views bind to their view-models; clients and repository implementations are below them");

    @ArchTest
    static final ArchRule ONLY_THE_SANDBOX_COMPOSES_THE_RUNTIMES = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "dev.gatehouse.app.sandbox..",
                    "dev.gatehouse.app.embedded..",
                    "dev.gatehouse.app.kuma..",
                    "dev.gatehouse.app.traffic.embedded..")
            .should()
            .dependOnClassesThat(resideInAnyPackage("dev.gatehouse.gateway..", "dev.gatehouse.mesh.."))
            .because("the console reaches a runtime only through its public API, embedded or remote alike");

    @ArchTest
    static final ArchRule THE_KUMA_CLIENT_USES_ONLY_THE_PERMISSION_ENGINE = noClasses()
            .that()
            .resideInAPackage("dev.gatehouse.app.kuma..")
            .should()
            .dependOnClassesThat(describe(
                    "runtime classes other than the mesh's permission library " + MESH_PERMISSION_LIBRARY,
                    type -> resideInAnyPackage("dev.gatehouse.gateway..", "dev.gatehouse.mesh..")
                                    .test(type)
                            && !MESH_PERMISSION_LIBRARY.contains(topLevelName(type))))
            .because("a real Kuma's permissions are computed with the runtime's engine used as a library; the rest of"
                    + " the runtime stays behind its API");

    @ArchTest
    static final ArchRule THE_SANDBOX_USES_ONLY_THE_RUNTIMES_ENTRY_POINTS = noClasses()
            .should()
            .dependOnClassesThat(RUNTIME_INTERNALS)
            .because("runtimes are headless libraries with a small public surface; their internals may change");
}
