package dev.gatehouse.app.pages.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.policies.PoliciesViewModel;
import dev.gatehouse.app.pages.policies.PolicyRow;
import dev.gatehouse.app.pages.topology.MeshSummary;
import dev.gatehouse.app.pages.topology.TopologyEdge;
import dev.gatehouse.app.pages.topology.TopologyGraph;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.pages.topology.TopologyViewModel;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.testing.ControlPlaneProcess;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A remote Kuma, stood in for by a second control-plane process the console reaches only over HTTP: the graph and
 * the Policies page show its state, a change made there with curl reaches both within a second (by the control
 * plane's watch stream), and a control plane that answers read-only, as Kuma does on Kubernetes, is said to be so.
 */
@ExtendWith(ApplicationExtension.class)
class RemoteKumaUiTest {

    /** The bound for a change made elsewhere to show; the watch, not polling, carries it. */
    private static final Duration WITHIN_A_SECOND = Duration.ofSeconds(1);

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Stage stage;
    private ControlPlaneProcess kuma;
    private AppContext context;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop(FxRobot robot) {
        if (context != null) {
            robot.interact(context::close);
        }
        if (kuma != null) {
            kuma.close();
        }
    }

    private void connect(FxRobot robot, Map<String, String> env) throws Exception {
        kuma = ControlPlaneProcess.start(dir.resolve("kuma"), env);
        robot.interact(() -> {
            context = TestConsoles.on(
                    dir.resolve("console"), TestConnections.remoteKuma("Remote Kuma", kuma.api()), stage);
            stage.setWidth(1400);
            stage.setHeight(900);
        });
        await().atMost(START)
                .until(() -> context.connection().stateProperty().get() == ActiveConnection.State.CONNECTED
                        && context.connection().meshHealthProperty().get().isUp());
    }

    private void kuma(String method, String path, String yaml) throws Exception {
        TestRuntimes.kumaWrite(kuma.api(), method, path, yaml);
    }

    private void dataplane(String name, String service, int port) throws Exception {
        kuma("PUT", "/meshes/default/dataplanes/" + name, """
                type: Dataplane
                mesh: default
                name: %s
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: %d
                    tags:
                      kuma.io/service: %s
                """.formatted(name, port, service));
    }

    private void allow(String source, String destination) throws Exception {
        String name = "allow-" + source + "-to-" + destination;
        kuma("PUT", "/meshes/default/meshtrafficpermissions/" + name, """
                type: MeshTrafficPermission
                mesh: default
                name: %s
                spec:
                  targetRef:
                    kind: MeshSubset
                    tags:
                      kuma.io/service: %s
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: %s
                    default:
                      action: Allow
                """.formatted(name, destination, source));
    }

    /** The platform of a small zero-trust mesh: web may call orders, nothing else. */
    private void zeroTrust() throws Exception {
        dataplane("web-1", "web", 8080);
        dataplane("orders-1", "orders", 8081);
        kuma("PUT", "/meshes/default", """
                type: Mesh
                name: default
                mtls:
                  enabledBackend: ca-1
                  backends:
                  - name: ca-1
                    type: builtin
                """);
        kuma("DELETE", "/meshes/default/traffic-permissions/allow-all-default", null);
        allow("web", "orders");
    }

    /** Reads what the FX thread writes, on the FX thread. */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return org.testfx.util.WaitForAsyncUtils.asyncFx(read).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The graph the page draws. */
    private TopologyGraph graph(FxRobot robot) throws Exception {
        return onFx(() -> ((TopologyViewModel) context.pageModel(TopologyPage.ID))
                .drawingProperty()
                .get()
                .graph());
    }

    private static Predicate<TopologyGraph> edge(String source, String destination, ServiceAccess.Access access) {
        return graph -> graph.edges().stream()
                .filter(e ->
                        e.source().equals("svc:default/" + source) && e.target().equals("svc:default/" + destination))
                .map(TopologyEdge::accessOrNull)
                .anyMatch(access::equals);
    }

    private boolean listed(FxRobot robot, String policy) throws Exception {
        return onFx(() -> ((PoliciesViewModel) context.pageModel(PoliciesPage.ID))
                .rows().stream().map(PolicyRow::name).anyMatch(policy::equals));
    }

    @Test
    void theGraphAndThePoliciesPageShowItAndFollowACurlWithinASecond(FxRobot robot) throws Exception {
        connect(robot, Map.of());
        zeroTrust();

        robot.interact(() -> context.shell().navigate(TopologyPage.ID));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> edge("web", "orders", ServiceAccess.Access.ALLOWED).test(graph(robot)));
        MeshSummary mesh = graph(robot).meshes().stream()
                .filter(m -> m.name().equals("default"))
                .findFirst()
                .orElseThrow();
        assertThat(mesh.mtls()).isTrue();
        // Our stand-in serves the matrix; a Kuma without it gets CONSOLE_ENGINE (KumaPermissionMatrixTest).
        assertThat(mesh.source()).contains(PermissionMatrix.Source.CONTROL_PLANE);
        assertThat(edge("orders", "web", ServiceAccess.Access.ALLOWED).test(graph(robot)))
                .isFalse();

        long sent = System.nanoTime();
        allow("orders", "web");
        await().atMost(WITHIN_A_SECOND)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> edge("orders", "web", ServiceAccess.Access.ALLOWED).test(graph(robot)));
        System.out.printf("remote Kuma: curl -> graph edge in %d ms%n", (System.nanoTime() - sent) / 1_000_000);

        robot.interact(() -> context.shell().navigate(PoliciesPage.ID));
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(robot, "allow-orders-to-web"));
        sent = System.nanoTime();
        allow("web", "payments");
        await().atMost(WITHIN_A_SECOND)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> listed(robot, "allow-web-to-payments"));
        System.out.printf("remote Kuma: curl -> Policies row in %d ms%n", (System.nanoTime() - sent) / 1_000_000);
    }

    @Test
    void aControlPlaneThatAnswersReadOnlyIsSaidToBeSoAndTakesNoWrites(FxRobot robot) throws Exception {
        connect(robot, Map.of("KUMA_API_SERVER_READ_ONLY", "true"));
        robot.interact(() -> context.shell().navigate(PoliciesPage.ID));
        PoliciesViewModel policies = (PoliciesViewModel) context.pageModel(PoliciesPage.ID);
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(robot, "allow-all-default"));
        await().atMost(Duration.ofSeconds(10)).until(() -> onFx(policies::readOnlyReason), r -> !r.isEmpty());
        assertThat(onFx(policies::readOnlyReason)).contains("read-only").contains("Kubernetes");
    }
}
