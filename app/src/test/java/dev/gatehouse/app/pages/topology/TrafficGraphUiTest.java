package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.edges.EdgeStats;
import dev.gatehouse.app.traffic.edges.StatsWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
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
 * Issue 15's graph acceptance on the embedded sandbox: requests through the gateway's proxy, with and without the
 * key, show up as counts on the north-south edges and on the mesh hops gateway → demo-app and demo-app → redis; with
 * mTLS on and allow-all removed (no permission), the gateway → demo-app hop is shown denied on its edge, which the
 * graph does not draw otherwise. The traffic comes from the console's own embedded source, which watches the
 * sandbox by itself while the embedded connection is active: the gateway's request events and the data planes'
 * access-log tap. The graph carries the same watch controls as the Live traffic page (for the sandbox, their
 * sentence).
 */
@ExtendWith(ApplicationExtension.class)
class TrafficGraphUiTest {

    private static final String GATEWAY = "svc:default/gateway";
    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final String ANONYMOUS_IN = "ns:client:anonymous->" + GATEWAY;
    private static final String GATEWAY_TO_DEMO_NS = "ns:" + GATEWAY + "->" + DEMO;
    private static final String GATEWAY_TO_DEMO_EW = "ew:" + GATEWAY + "->" + DEMO;
    private static final String DEMO_TO_REDIS = "ew:" + DEMO + "->" + REDIS;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private AppContext context;
    private URI proxy;
    private final HttpClient http = HttpClient.newHttpClient();

    @Start
    void start(Stage stage) {
        context = TestConsoles.onSandbox(dir, stage);
    }

    @Stop
    void stop() {
        context.close();
    }

    private TopologyView view(FxRobot robot) {
        return robot.lookup((Node n) -> n instanceof TopologyView).queryAs(TopologyView.class);
    }

    private int send(String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(proxy.resolve("/increment"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (key != null) {
            request.header("apikey", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private EdgeStats stats(TrafficOverlay overlay, String edge) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> overlay.traffic().stats(edge, StatsWindow.ONE_MINUTE))
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void requestsThroughTheProxyShowOnTheirEdgesAndADeniedHopOnItsOwn(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.meshHealthProperty().get().isUp()
                        && connection.gatewayHealthProperty().get().isUp());
        URI admin = connection.apis().gateway().orElseThrow().address();
        proxy = URI.create(connection.apis().proxy().orElseThrow().address().toString());
        TestRuntimes.loadConfig(admin, SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", "alice-secret-key"));
        Platform.runLater(() -> context.shell().navigate(TopologyPage.ID));
        TopologyViewModel model = (TopologyViewModel) context.pageModel(TopologyPage.ID);
        await().atMost(WAIT)
                .until(() -> model.drawingProperty()
                                .get()
                                .graph()
                                .edge(GATEWAY_TO_DEMO_NS)
                                .isPresent()
                        && model.drawingProperty().get().graph().nodes().stream()
                                .anyMatch(n -> n.kind() == NodeKind.CLIENT));
        String aliceIn = model.drawingProperty().get().graph().edges().stream()
                .filter(e -> e.source().startsWith("client:") && !e.source().equals(TopologyBuilder.ANONYMOUS_ID))
                .findFirst()
                .orElseThrow()
                .id();
        LiveTraffic traffic = context.traffic();
        await().atMost(WAIT).until(() -> traffic.state() == LiveTraffic.State.WATCHING);
        TrafficOverlay overlay = view(robot).canvas().traffic();
        // the watch controls sit on the graph too, in its traffic bar: for the sandbox, the sentence only
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            Node status = robot.lookup("#" + TopologyView.WATCH_SLOT_ID + " #watch-status")
                    .query();
            assertThat(((Label) status).getText()).startsWith("The sandbox is watched in-process:");
            assertThat(status.isVisible()).isTrue();
            assertThat(robot.lookup("#" + TopologyView.WATCH_SLOT_ID + " .watch-controls-row")
                            .query()
                            .isVisible())
                    .isFalse();
        });

        // 10 with the key (through demo-app to redis), 10 without (key-auth's 401 at the gateway)
        int ok = 0;
        int denied = 0;
        for (int i = 0; i < 10; i++) {
            ok += send("alice-secret-key") == 200 ? 1 : 0;
            denied += send(null) == 401 ? 1 : 0;
        }
        assertThat(ok).isEqualTo(10);
        assertThat(denied).isEqualTo(10);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stats(overlay, aliceIn).requests()).isEqualTo(10);
            assertThat(stats(overlay, ANONYMOUS_IN).requests()).isEqualTo(10);
            assertThat(stats(overlay, ANONYMOUS_IN).errorRate()).isEqualTo(1.0);
            // only the requests Kong sent upstream reach demo-app
            assertThat(stats(overlay, GATEWAY_TO_DEMO_NS).requests()).isEqualTo(10);
            assertThat(stats(overlay, GATEWAY_TO_DEMO_EW).requests())
                    .as(() -> "edges with traffic: " + edges(overlay))
                    .isPositive();
            assertThat(stats(overlay, DEMO_TO_REDIS).requests()).isPositive();
        });
        // the figures are on the graph
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(label(robot, "topology-traffic-" + DEMO_TO_REDIS)).contains("rps");
            assertThat(label(robot, "topology-traffic-" + GATEWAY_TO_DEMO_NS)).contains("rps");
            assertThat(label(robot, "topology-badge-" + DEMO)).contains("rps");
        });

        // Zero trust: mTLS on and allow-all gone, no permission for gateway → demo-app.
        SandboxDemo.zeroTrust(connection.apis().mesh().orElseThrow());
        await().atMost(WAIT).untilAsserted(() -> {
            send("alice-secret-key");
            assertThat(stats(overlay, GATEWAY_TO_DEMO_EW).denied())
                    .as(() -> "edges with traffic: " + edges(overlay))
                    .isPositive();
        });
        assertThat(WaitForAsyncUtils.asyncFx(() -> overlay.traffic()
                                .edge(GATEWAY_TO_DEMO_EW)
                                .orElseThrow()
                                .eastWest())
                        .get(10, TimeUnit.SECONDS))
                .isTrue();
        await().atMost(WAIT).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            // the graph no longer draws the pair (no permission, denied pairs hidden): the overlay dashes it
            assertThat(model.drawingProperty().get().graph().edge(GATEWAY_TO_DEMO_EW))
                    .isEmpty();
            assertThat(view(robot).canvas().drawsEdge(GATEWAY_TO_DEMO_EW)).isFalse();
            assertThat(label(robot, "topology-traffic-" + GATEWAY_TO_DEMO_EW)).contains("err");
            assertThat(robot.lookup((Node n) -> ("topology-traffic-" + GATEWAY_TO_DEMO_EW).equals(n.getId()))
                            .queryAs(Label.class)
                            .getPseudoClassStates())
                    .anyMatch(p -> p.getPseudoClassName().equals("failing"));
        });
    }

    private static String edges(TrafficOverlay overlay) {
        try {
            return WaitForAsyncUtils.asyncFx(() ->
                            overlay.traffic().edges(StatsWindow.ONE_MINUTE).toString())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String label(FxRobot robot, String id) {
        return robot.lookup((Node n) -> id.equals(n.getId()))
                .tryQueryAs(Label.class)
                .map(Label::getText)
                .orElse("");
    }
}
