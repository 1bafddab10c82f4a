package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.meshpolicy.HistoryEntry;
import dev.gatehouse.app.pages.meshes.MeshesPage;
import dev.gatehouse.app.pages.policies.PoliciesPage;
import dev.gatehouse.app.pages.routes.RequestTesterModel;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.TestRuntimes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
 * Issue 14's acceptance: the mesh half of the seed on the embedded sandbox, done only through the console's forms and
 * the graph. mTLS on (Meshes page form), allow-all deleted after its impact preview (Policies page), then gateway →
 * demo-app and demo-app → redis dragged on the graph and applied from the side panel, and the last change undone and
 * redone with Ctrl+Z / Ctrl+Shift+Z. The route tester's answers are what the gateway's proxy really answers; the data
 * planes take each change one by one, so every answer is awaited until it holds.
 */
@ExtendWith(ApplicationExtension.class)
class SeedWalkthroughUiTest {

    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final String GATEWAY = "svc:default/gateway";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ROUTE =
            "{\"id\":\"r1\",\"name\":\"kuma-demo-rt\",\"paths\":[\"/\"],\"methods\":[\"POST\"]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private AppContext context;
    private RecordingDialogService dialogs;
    private KumaClient kuma;

    @Start
    void start(Stage stage) {
        dialogs = new RecordingDialogService();
        context = new AppContext(
                new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                Locale.ROOT,
                new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(dir.resolve("config")),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                dialogs);
        context.createMainWindow().showIn(stage, context.theme());
        stage.setWidth(1400);
        stage.setHeight(900);
        context.start();
    }

    @Stop
    void stop() {
        if (kuma != null) {
            kuma.close();
        }
        context.close();
    }

    private TopologyViewModel topology() {
        return (TopologyViewModel) context.pageModel(TopologyPage.ID);
    }

    private MeshRepository mesh() {
        return context.connection().apis().mesh().orElseThrow();
    }

    private static Node byId(FxRobot robot, String id) {
        return robot.lookup(n -> id.equals(n.getId())).query();
    }

    private static Point2D centre(Node node) {
        Bounds b = node.localToScreen(node.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getCenterY());
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** The route tester's answer to {@code POST /increment}, once it has been the same for a second. */
    private static void answersHold(RequestTesterModel tester, int status) {
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> send(tester) == status);
    }

    private static int send(RequestTesterModel tester) {
        tester.send();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !tester.sendingProperty().get());
        return tester.statusProperty().get();
    }

    /** Drags from {@code from}'s port onto {@code to} and waits for the side panel's draft. */
    private void drag(FxRobot robot, String from, String to) {
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup(n -> ("topology-port-" + from).equals(n.getId()))
                            .tryQuery())
                    .isPresent();
        });
        // The view fits itself while vertices arrive: drag once the vertices stay put.
        java.util.concurrent.atomic.AtomicReference<Point2D> last = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(WAIT).during(Duration.ofMillis(500)).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            Point2D now = centre(byId(robot, "topology-node-" + to));
            return now.equals(last.getAndSet(now));
        });
        // Shift+drag from the vertex itself: a route label can lie over the small port.
        robot.press(KeyCode.SHIFT);
        robot.drag(centre(byId(robot, "topology-node-" + from)), MouseButton.PRIMARY)
                .dropTo(centre(byId(robot, "topology-node-" + to)));
        robot.release(KeyCode.SHIFT);
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#topology-draft-title").tryQuery())
                    .as(() -> "notice " + topology().noticeProperty().get() + ", draft "
                            + topology().editing().draftRequestProperty().get())
                    .isPresent();
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

    @Test
    void theMeshHalfOfTheSeedIsDoneThroughTheFormsAndTheGraph(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp()
                        && connection.gatewayHealthProperty().get().isUp());
        ConnectedApis apis = connection.apis();
        TestRuntimes.loadConfig(apis.gateway().orElseThrow().address(), """
                _format_version: "3.0"
                services:
                - name: kuma-demo-svc
                  url: http://demo-app.mesh:80
                  routes:
                  - name: kuma-demo-rt
                    paths: [/]
                """);
        RequestTesterModel tester = new RequestTesterModel(new Messages(Locale.ROOT), UiExecutor.DIRECT);
        // The tester gets a client of its own, as in TesterMeshAnswersTest: its answers watch the mesh, and the
        // console's client keeps its connections for the pages.
        kuma = new KumaClient(
                new ApiTransport(ApiEndpoint.of(mesh().address()), Duration.ofSeconds(3), Duration.ofSeconds(30)));
        tester.prepareFor(
                JSON.readTree(ROUTE), apis.proxy(), Optional.of(new KumaMeshRepository(kuma)), "demo-app.mesh");
        tester.methodProperty().set("POST");
        tester.pathProperty().set("/increment");
        await().atMost(WAIT).until(() -> mesh().dataplanes("default").join().size() == 3);
        answersHold(tester, 200);

        // 1. mTLS on, from the Meshes page's form (allow-all still lets everything through).
        robot.clickOn("#nav-" + MeshesPage.ID.value());
        await().atMost(WAIT).until(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            return robot.lookup("#mesh-mtls-on").tryQuery().isPresent();
        });
        robot.clickOn("#mesh-mtls-on");
        await().atMost(WAIT)
                .until(() -> mesh().find(MeshResourceType.MESH, "", "default")
                        .join()
                        .orElseThrow()
                        .path("mtls")
                        .path("enabledBackend")
                        .asText()
                        .equals("ca-1"));
        answersHold(tester, 200);

        // 2. allow-all deleted from the Policies page: the preview names the pairs it denies; the gateway gets 503.
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
                .until(() -> mesh().find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join()
                        .isEmpty());
        assertThat(dialogs.shown().getLast())
                .contains("TrafficPermission allow-all-default")
                .contains("gateway \u2192 demo-app")
                .contains("demo-app \u2192 redis");
        answersHold(tester, 503);

        // 3. gateway → demo-app dragged on the graph and applied: over the REST API, and demo-app's 500 with err.
        robot.clickOn("#nav-" + TopologyPage.ID.value());
        drag(robot, GATEWAY, DEMO);
        assertThat(text(robot, "#topology-draft-title")).isEqualTo("Allow gateway \u2192 demo-app");
        robot.clickOn("#topology-draft-apply");
        URI cp = mesh().address();
        await().atMost(WAIT)
                .until(() -> get(cp.resolve("/meshes/default/meshtrafficpermissions/allow-gateway-to-demo-app"))
                                .statusCode()
                        == 200);
        JsonNode stored =
                JSON.readTree(get(cp.resolve("/meshes/default/meshtrafficpermissions/allow-gateway-to-demo-app"))
                        .body());
        assertThat(stored.path("spec")
                        .path("from")
                        .get(0)
                        .path("default")
                        .path("action")
                        .asText())
                .isEqualTo("Allow");
        awaitEdge("ew:" + GATEWAY + "->" + DEMO, true);
        answersHold(tester, 500);
        assertThat(JSON.readTree(tester.responseBodyProperty().get())
                        .path("err")
                        .asText())
                .isNotBlank();

        // Selecting the edge names its deciding policy and the rule that matched.
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> topology().selectEdge("ew:" + GATEWAY + "->" + DEMO));
        assertThat(text(robot, ".topology-selected-policy"))
                .isEqualTo("Decided by MeshTrafficPermission allow-gateway-to-demo-app");

        // 4. demo-app → redis, applied from the keyboard (Enter in the panel): 200, and the counter goes up.
        drag(robot, DEMO, REDIS);
        WaitForAsyncUtils.waitForFxEvents();
        robot.type(KeyCode.ENTER);
        awaitEdge("ew:" + DEMO + "->" + REDIS, true);
        answersHold(tester, 200);
        long first = JSON.readTree(tester.responseBodyProperty().get())
                .path("counter")
                .asLong();
        assertThat(send(tester)).isEqualTo(200);
        long second = JSON.readTree(tester.responseBodyProperty().get())
                .path("counter")
                .asLong();
        assertThat(second).isGreaterThan(first);

        // 5. Ctrl+Z on the page undoes demo-app → redis on the control plane (500 again); Ctrl+Shift+Z redoes it.
        robot.clickOn(byId(robot, "topology-node-" + REDIS));
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        await().atMost(WAIT)
                .until(() -> get(cp.resolve("/meshes/default/meshtrafficpermissions/allow-demo-app-to-redis"))
                                .statusCode()
                        == 404);
        answersHold(tester, 500);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        answersHold(tester, 200);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(topology().editing().entries().stream()
                        .map(HistoryEntry::description)
                        .toList())
                .containsExactly(
                        "Allowed gateway \u2192 demo-app (MeshTrafficPermission allow-gateway-to-demo-app)",
                        "Allowed demo-app \u2192 redis (MeshTrafficPermission allow-demo-app-to-redis)",
                        "Undid: Allowed demo-app \u2192 redis (MeshTrafficPermission allow-demo-app-to-redis)",
                        "Redid: Allowed demo-app \u2192 redis (MeshTrafficPermission allow-demo-app-to-redis)");

        // What-if for a pair nobody allowed: denied, and why.
        robot.interact(() -> {
            robot.lookup("#topology-whatif-source").queryAs(ComboBox.class).setValue("redis");
            robot.lookup("#topology-whatif-destination").queryAs(ComboBox.class).setValue("demo-app");
        });
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(text(robot, "#topology-whatif-answer"))
                    .isEqualTo(
                            "redis \u2192 demo-app: denied: no policy allows redis \u2192 demo-app while mTLS is on");
        });

        // Removing demo-app → redis from its edge: the policy decides only that pair, so it is deleted after a
        // confirmation that names the pair it denies; the history says so.
        int asked = dialogs.shown().size();
        robot.interact(() -> topology().selectEdge("ew:" + DEMO + "->" + REDIS));
        robot.clickOn("#topology-remove");
        await().atMost(WAIT)
                .until(() -> get(cp.resolve("/meshes/default/meshtrafficpermissions/allow-demo-app-to-redis"))
                                .statusCode()
                        == 404);
        assertThat(dialogs.shown().subList(asked, dialogs.shown().size()))
                .singleElement()
                .asString()
                .startsWith("confirm: Remove the permission demo-app \u2192 redis")
                .contains("This pair loses access:\n  demo-app \u2192 redis");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                topology().editing().entries().getLast().description())
                        .isEqualTo("Deleted MeshTrafficPermission allow-demo-app-to-redis"));
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
