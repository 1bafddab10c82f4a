package dev.gatehouse.app.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.kubernetes.testing.ClusterConsole;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.pages.meshes.MeshesPage;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.topology.TopologyEdge;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.pages.topology.TopologyViewModel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The mesh half of the seed done on a Kubernetes connection through the console's forms and graph, as
 * {@code SeedWalkthroughUiTest} does it on the sandbox: mTLS on from the Meshes page, allow-all deleted from the
 * Policies page, gateway → demo-app and demo-app → redis drawn on the graph. The custom resources written are then
 * read with a plain client: the Mesh with builtin mTLS, allow-all gone, and two MeshTrafficPermissions in the control
 * plane's namespace labelled with their mesh.
 */
@ExtendWith(ApplicationExtension.class)
class KubernetesSeedWalkthroughUiTest {

    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final String GATEWAY = "svc:default/gateway";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private ClusterConsole console;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        console = ClusterConsole.start(dir, stage);
        context = console.context();
    }

    @Stop
    void stop() {
        console.close();
    }

    private TopologyViewModel topology() {
        return (TopologyViewModel) context.pageModel(TopologyPage.ID);
    }

    private MeshMockCluster cluster() {
        return console.cluster();
    }

    private static Node byId(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId())).query();
    }

    private static Point2D centre(Node node) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    /** Shift+drags from {@code from} onto {@code to} once the graph stays put, and waits for the side panel's draft. */
    private void drag(FxRobot robot, String from, String to) {
        AtomicReference<Point2D> last = new AtomicReference<>();
        await().atMost(WAIT).during(Duration.ofMillis(500)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            Optional<Node> node =
                    robot.lookup(n -> ("topology-node-" + to).equals(n.getId())).tryQuery();
            if (node.isEmpty()) {
                return false;
            }
            Point2D now = centre(node.get());
            return now.equals(last.getAndSet(now));
        });
        robot.press(KeyCode.SHIFT);
        robot.drag(centre(byId(robot, "topology-node-" + from)), MouseButton.PRIMARY)
                .dropTo(centre(byId(robot, "topology-node-" + to)));
        robot.release(KeyCode.SHIFT);
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#topology-draft-title").tryQuery()).isPresent();
        });
    }

    private void awaitEdge(String id, boolean allowed) {
        await().atMost(WAIT)
                .until(() -> topology()
                        .drawingProperty()
                        .get()
                        .graph()
                        .edge(id)
                        .flatMap(TopologyEdge::access)
                        .map(a -> a.allowed() == allowed)
                        .orElse(!allowed));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private Optional<GenericKubernetesResource> permission(String name) {
        return cluster()
                .kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                .inNamespace(MeshMockCluster.CONTROL_PLANE)
                .list()
                .getItems()
                .stream()
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst();
    }

    @Test
    void theMeshHalfOfTheSeedIsDoneThroughTheFormsAndTheGraphOnKubernetes(FxRobot robot) {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp());

        // 1. mTLS on, from the Meshes page's form: the Mesh resource gets a builtin CA
        robot.clickOn("#nav-" + MeshesPage.ID.value());
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#mesh-mtls-on").tryQuery().isPresent();
        });
        robot.clickOn("#mesh-mtls-on");
        await().atMost(WAIT).until(() -> {
            Map<String, Object> spec = map(cluster()
                    .kuma("Mesh", "meshes", false)
                    .withName("default")
                    .get()
                    .getAdditionalProperties()
                    .get("spec"));
            Object mtls = spec == null ? null : spec.get("mtls");
            return mtls != null && "ca-1".equals(map(mtls).get("enabledBackend"));
        });
        Map<String, Object> mtls = map(map(cluster()
                        .kuma("Mesh", "meshes", false)
                        .withName("default")
                        .get()
                        .getAdditionalProperties()
                        .get("spec"))
                .get("mtls"));
        assertThat((List<Object>) mtls.get("backends"))
                .singleElement()
                .satisfies(b -> assertThat(map(b)).containsEntry("name", "ca-1").containsEntry("type", "builtin"));

        // 2. allow-all deleted from the Policies page (the test's dialogs confirm)
        robot.clickOn("#nav-" + PoliciesPage.ID.value());
        await().atMost(WAIT).untilAsserted(() -> {
            robot.interact(() -> context.pageModel(PoliciesPage.ID).activated());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.from(robot.lookup("#table").queryAll())
                            .lookup((Node n) -> n instanceof javafx.scene.text.Text t
                                    && "allow-all-default".equals(t.getText())
                                    && n.isVisible())
                            .tryQuery())
                    .isPresent();
        });
        robot.clickOn((Node) robot.from(robot.lookup("#table").queryAll())
                .lookup((Node n) -> n instanceof javafx.scene.text.Text t && "allow-all-default".equals(t.getText()))
                .query());
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#details-delete")
                    .tryQuery()
                    .map(b -> !b.isDisabled())
                    .orElse(false);
        });
        robot.clickOn("#details-delete");
        await().atMost(WAIT)
                .until(() -> cluster()
                                .kuma("TrafficPermission", "trafficpermissions", false)
                                .withName("allow-all-default")
                                .get()
                        == null);

        // 3. gateway → demo-app drawn on the graph and applied: a MeshTrafficPermission in kuma-system
        robot.clickOn("#nav-" + TopologyPage.ID.value());
        drag(robot, GATEWAY, DEMO);
        robot.clickOn("#topology-draft-apply");
        await().atMost(WAIT).until(() -> permission("allow-gateway-to-demo-app").isPresent());
        GenericKubernetesResource stored =
                permission("allow-gateway-to-demo-app").orElseThrow();
        assertThat(stored.getApiVersion()).isEqualTo("kuma.io/v1alpha1");
        assertThat(stored.getMetadata().getLabels()).containsEntry("kuma.io/mesh", "default");
        Map<String, Object> from = map(((List<Object>)
                        map(stored.getAdditionalProperties().get("spec")).get("from"))
                .getFirst());
        assertThat(map(from.get("default"))).containsEntry("action", "Allow");
        awaitEdge("ew:" + GATEWAY + "->" + DEMO, true);

        // 4. demo-app → redis, applied from the keyboard
        drag(robot, DEMO, REDIS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        await().atMost(WAIT).until(() -> permission("allow-demo-app-to-redis").isPresent());
        awaitEdge("ew:" + DEMO + "->" + REDIS, true);
        // and nothing allows redis → demo-app any more
        awaitEdge("ew:" + REDIS + "->" + DEMO, false);
    }
}
