package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.meshpolicy.WhatIf;
import dev.gatehouse.app.meshpolicy.lockdown.ObservedTraffic;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.testing.DemoLoad;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.LiveTraffic;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.shape.Path;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18's acceptance on the embedded sandbox, through the Topology page's lock-down panel: key-auth on the route
 * and mTLS on with allow-all, a small load through the gateway's proxy (with the key) for the whole test, the load's
 * hops observed by the console's own traffic feed; a window picked, Propose, the proposed edges dashed on the graph
 * and nothing denied in the impact preview; Apply with its real rollout (inspection every half second), then: not
 * one request failed, allow-all is gone, redis → demo-app (never observed) is denied in the what-if; Undo in the
 * panel brings allow-all back. With {@code -Dlockdown.shots=DIR} it writes the preview, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LockdownUiTest {

    private static final String KEY = "alice-secret-key";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String ALLOW_ALL = "allow-all-default";

    @TempDir
    static java.nio.file.Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private AppContext context;
    private DemoLoad load;

    @Start
    void start(Stage stage) {
        context = TestConsoles.onSandbox(dir, stage);
    }

    @Stop
    void stop() throws Exception {
        if (load != null) {
            load.stop();
        }
        context.close();
    }

    private TopologyViewModel topology() {
        return (TopologyViewModel) context.pageModel(TopologyPage.ID);
    }

    private LockdownViewModel lockdown() {
        return topology().lockdown().currentProperty().get();
    }

    @Test
    void locksDownFromObservedTrafficWithoutFailingARequestAndUndoes(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp()
                        && connection.gatewayHealthProperty().get().isUp());
        URI admin = connection.apis().gateway().orElseThrow().address();
        URI proxy = URI.create(connection.apis().proxy().orElseThrow().address().toString());
        MeshRepository mesh = connection.apis().mesh().orElseThrow();
        TestRuntimes.loadConfig(admin, SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", KEY));
        SandboxDemo.mtlsOn(mesh);
        await().atMost(WAIT)
                .until(() -> mesh.permissionMatrix("default")
                        .get(10, TimeUnit.SECONDS)
                        .mtlsEnabled());
        load = new DemoLoad(proxy, KEY, Duration.ofMillis(20));
        // The data planes take mTLS one by one, and requests fail while they disagree (500 from demo-app, 503): the
        // load starts once every request of three seconds passed. From then on, not one may fail.
        await().atMost(WAIT)
                .during(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> load.send() == 200);
        load.start();

        robot.interact(() -> context.shell().navigate(TopologyPage.ID));
        LiveTraffic traffic = context.traffic();
        await().atMost(WAIT).until(() -> traffic.state() == LiveTraffic.State.WATCHING);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(observedPairs()).contains("gateway->demo-app", "demo-app->redis"));
        await().atMost(WAIT)
                .until(() -> topology()
                        .drawingProperty()
                        .get()
                        .graph()
                        .node("svc:default/redis")
                        .isPresent());

        // The panel, from the toolbar; the window picked in it.
        robot.clickOn("#topology-lockdown-toggle");
        assertThat(robot.lookup("#topology-lockdown").tryQuery()).isPresent();
        assertThat(robot.lookup("#topology-side").tryQuery()).isEmpty();
        ComboBox<Integer> window = robot.lookup("#topology-lockdown-window").queryComboBox();
        robot.interact(() -> window.getSelectionModel().select(Integer.valueOf(5)));
        assertThat(lockdown().windowMinutesProperty().get()).isEqualTo(5);
        assertThat(robot.lookup("#topology-lockdown-apply").query().isDisabled())
                .isTrue();

        robot.clickOn("#topology-lockdown-propose");
        await().atMost(WAIT).until(() -> lockdown().stageProperty().get() == LockdownViewModel.Stage.PROPOSED);
        WaitForAsyncUtils.waitForFxEvents();

        // One permission per destination, each shown with its YAML, and the pairs drawn dashed on the graph.
        assertThat(text(robot, "#topology-lockdown-permission-demo-app")).isEqualTo("To demo-app, from gateway");
        assertThat(text(robot, "#topology-lockdown-permission-redis")).isEqualTo("To redis, from demo-app");
        assertThat(yaml(robot, "demo-app"))
                .contains("type: MeshTrafficPermission", "name: lockdown-to-demo-app", "kuma.io/service: gateway");
        for (String pair : List.of("gateway->demo-app", "demo-app->redis")) {
            String id = "topology-proposed-" + pair;
            Path edge = robot.lookup((Node n) -> id.equals(n.getId())).queryAs(Path.class);
            assertThat(edge.getStyleClass()).contains(ProposedEdgeLayer.STYLE_CLASS);
            assertThat(edge.getStrokeDashArray()).as("dashed").isNotEmpty();
            assertThat(edge.getElements()).isNotEmpty();
        }
        Label nothingDenied = robot.lookup("#topology-lockdown-impact-none").queryAs(Label.class);
        assertThat(nothingDenied.getText()).isEqualTo("No observed request will be denied.");
        assertThat(nothingDenied.isVisible()).isTrue();
        assertThat(lockdown().denied()).isEmpty();
        assertThat(lockdown().willBeDenied()).contains("redis \u2192 demo-app");
        assertThat(robot.lookup("#topology-lockdown-apply").query().isDisabled())
                .isFalse();
        if (System.getProperty("lockdown.shots") != null) {
            // The sandbox's three services sit close together: zoomed in, the proposed edges can be told apart.
            robot.interact(() -> {
                GraphCanvas canvas = robot.lookup("#topology-canvas").queryAs(GraphCanvas.class);
                canvas.centreOn("svc:default/gateway");
                canvas.zoomAt(1.8, canvas.getWidth() / 2, canvas.getHeight() / 2);
            });
            shots("lockdown-preview");
            ScrollPane panel = robot.lookup("#topology-lockdown-scroll").queryAs(ScrollPane.class);
            robot.interact(() -> panel.setVvalue(panel.getVmax()));
            shots("lockdown-preview-yaml");
            robot.interact(() -> panel.setVvalue(0));
        }

        int beforeApply = load.count();
        robot.clickOn("#topology-lockdown-apply");
        await().atMost(Duration.ofSeconds(90))
                .until(() -> lockdown().stageProperty().get() != LockdownViewModel.Stage.APPLYING);
        assertThat(lockdown().errorProperty().get()).isEmpty();
        assertThat(lockdown().stageProperty().get()).isEqualTo(LockdownViewModel.Stage.APPLIED);
        assertThat(lockdown().progress()).hasSize(4).satisfies(steps -> {
            assertThat(steps.get(0)).isEqualTo("Creating 2 permissions\u2026");
            assertThat(steps.get(1)).startsWith("Waiting until the data planes have the new permissions");
            assertThat(steps.get(2)).isEqualTo("Removing TrafficPermission allow-all-default\u2026");
            assertThat(steps.get(3)).startsWith("Done. Inspection showed the new permissions");
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("." + ProposedEdgeLayer.STYLE_CLASS).queryAll())
                .as("proposed edges once applied")
                .filteredOn(n -> n instanceof Path)
                .isEmpty();
        // They are real allow edges now, drawn from the control plane's change notifications.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(topology()
                                .drawingProperty()
                                .get()
                                .graph()
                                .edge("ew:svc:default/gateway->svc:default/demo-app")
                                .flatMap(TopologyEdge::access))
                        .hasValueSatisfying(access -> {
                            assertThat(access.access()).isEqualTo(ServiceAccess.Access.ALLOWED);
                            assertThat(access.policy().orElseThrow().name()).isEqualTo("lockdown-to-demo-app");
                        }));
        // Requests keep passing after allow-all went, on the new permissions alone.
        await().atMost(WAIT).until(() -> load.count() >= beforeApply + 20);
        shots("lockdown-applied");

        assertThat(allowAll(mesh)).isEmpty();
        assertThat(redisMayCallDemoApp(mesh)).isFalse();
        robot.interact(() -> {
            topology().editing().whatIfMeshProperty().set("default");
            topology().editing().whatIfSourceProperty().set("redis");
            topology().editing().whatIfDestinationProperty().set("demo-app");
            // the pickers may hold this pair already (an edge the mouse crossed): ask again, as the graph does
            topology().editing().askWhatIf();
        });
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                topology().editing().whatIfAnswerProperty().get())
                        .startsWith("redis \u2192 demo-app: denied"));

        int beforeUndo = load.count();
        robot.clickOn("#topology-lockdown-undo");
        await().atMost(WAIT).until(() -> lockdown().stageProperty().get() == LockdownViewModel.Stage.IDLE);
        assertThat(lockdown().errorProperty().get()).isEmpty();
        assertThat(allowAll(mesh)).isPresent();
        assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "lockdown-to-demo-app")
                        .get(10, TimeUnit.SECONDS))
                .isEmpty();
        assertThat(redisMayCallDemoApp(mesh)).isTrue();
        await().atMost(WAIT).until(() -> load.count() >= beforeUndo + 20);

        // Closed, the editing panel is back; the command palette opens the lock-down panel again.
        robot.clickOn("#topology-lockdown-close");
        assertThat(robot.lookup("#topology-side").tryQuery()).isPresent();
        assertThat(robot.lookup("#topology-lockdown").tryQuery()).isEmpty();
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.write("lock down from observed");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(topology().lockdown().openProperty().get()).isTrue();
        assertThat(robot.lookup("#topology-lockdown").tryQuery()).isPresent();

        load.stop();
        assertThat(load.failures())
                .as("requests that failed during the lock-down")
                .isEmpty();
        assertThat(load.count()).isGreaterThan(40);
    }

    private static Optional<ObjectNode> allowAll(MeshRepository mesh) throws Exception {
        return mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", ALLOW_ALL)
                .get(10, TimeUnit.SECONDS);
    }

    /** The what-if the Topology page answers with (the control plane's matrix, else its decision). */
    private boolean redisMayCallDemoApp(MeshRepository mesh) throws Exception {
        return new WhatIf(mesh, messages)
                .ask("default", "redis", "demo-app")
                .get(10, TimeUnit.SECONDS)
                .allowed();
    }

    /** The mesh pairs the console's feed holds for the last five minutes, read on the FX thread that owns it. */
    private List<String> observedPairs() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> ObservedTraffic.pairs(
                                context.traffic().feed().snapshot(),
                                "default",
                                Duration.ofMinutes(5),
                                System.nanoTime())
                        .stream()
                        .map(p -> p.source() + "->" + p.destination())
                        .toList())
                .get(10, TimeUnit.SECONDS);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private static String yaml(FxRobot robot, String destination) {
        Node area = robot.lookup("#topology-lockdown-yaml-" + destination).query();
        return ((org.fxmisc.richtext.CodeArea) area).getText();
    }

    private void shots(String name) throws Exception {
        String shots = System.getProperty("lockdown.shots");
        if (shots != null) {
            FxShots.themes(context, Files.createDirectories(java.nio.file.Path.of(shots)), name, 30);
        }
    }
}
