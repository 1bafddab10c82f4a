package dev.gatehouse.app.page.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.GatewayProcess;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The watch controls in a whole console (twice, as the Live traffic page and the graph place them: Watch on one shows
 * on the other) against a remote Kong in a second JVM: Watch adds the http-log plugin and says
 * so, Stop removes it; a console that crashed while watching leaves the plugin, and the next console started on the
 * same config directory removes it on connecting and says so in the status line; closing a console that watches
 * removes the plugin too. The plugin is checked over the Admin API.
 */
@ExtendWith(ApplicationExtension.class)
class WatchControlsUiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TRAFFIC = "#traffic-side";
    private static final String GRAPH = "#graph-side";
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Stage stage;
    private GatewayProcess gateway;
    private final List<AppContext> consoles = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop(FxRobot robot) {
        consoles.forEach(c -> robot.interact(c::close));
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void watchStopAndTheLeftoverOfACrashedConsole(FxRobot robot) throws Exception {
        gateway = GatewayProcess.start(dir.resolve("gw"), "--admin-listen", "127.0.0.1:0");
        ConnectionProfile remote =
                TestConnections.remoteKong("Remote Kong", gateway.adminUri(), Optional.of(gateway.proxyUri()));

        AppContext first = console(robot, remote);
        Stage controls = showControls(robot, first);
        robot.clickOn(TRAFFIC + " #watch-start");
        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().size() == 1);
        String id = plugins().get(0).path("id").asText();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> status(robot, TRAFFIC).startsWith("Added http-log plugin " + id + " globally"));
        // the graph's controls (a view-model of their own) show the same watch, and can stop it
        await().atMost(Duration.ofSeconds(5))
                .until(() -> status(robot, GRAPH).startsWith("Added http-log plugin " + id + " globally"));
        assertThat(robot.lookup(GRAPH + " #watch-start").query().isVisible()).isFalse();

        robot.clickOn(GRAPH + " #watch-stop");
        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> status(robot, TRAFFIC).startsWith("Not watching."));
        await().atMost(Duration.ofSeconds(5)).until(() -> status(robot, GRAPH).startsWith("Not watching."));
        assertThat(robot.lookup(TRAFFIC + " #watch-start").query().isVisible()).isTrue();

        robot.clickOn(TRAFFIC + " #watch-start");
        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().size() == 1);
        String left = plugins().get(0).path("id").asText();
        robot.interact(controls::close);
        // the console "crashes": never closed, its plugin stays on the gateway

        AppContext next = console(robot, remote);
        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().isEmpty());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> next.shell().statusProperty().get().contains("http-log plugin " + left + " (globally)"));
        assertThat(new WatchLedger(dir.resolve("console/config")).entries()).isEmpty();

        showControls(robot, next);
        robot.clickOn(GRAPH + " #watch-start");
        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().size() == 1);
        robot.interact(next::close);
        consoles.remove(next);
        // closing a console that watches removes what it added
        assertThat(plugins()).isEmpty();
    }

    private AppContext console(FxRobot robot, ConnectionProfile remote) {
        AppContext[] made = new AppContext[1];
        robot.interact(() -> made[0] = TestConsoles.on(dir.resolve("console"), remote, stage));
        consoles.add(made[0]);
        await().atMost(START)
                .until(() -> made[0].connection().stateProperty().get() == ActiveConnection.State.CONNECTED);
        return made[0];
    }

    /**
     * The controls as the two pages place them (the Live traffic page's and the graph's, each with a view-model of its
     * own over the console's one LiveTraffic), here in a window of their own.
     */
    private Stage showControls(FxRobot robot, AppContext context) {
        Stage[] made = new Stage[1];
        robot.interact(() -> {
            WatchControlsView traffic =
                    new WatchControlsView(WatchControlsViewModel.of(context.pageContext()), new Messages(Locale.ROOT));
            WatchControlsView graph =
                    new WatchControlsView(WatchControlsViewModel.of(context.pageContext()), new Messages(Locale.ROOT));
            VBox trafficSide = new VBox(traffic);
            trafficSide.setId(TRAFFIC.substring(1));
            VBox graphSide = new VBox(graph);
            graphSide.setId(GRAPH.substring(1));
            made[0] = new Stage();
            made[0].setScene(new Scene(new VBox(16, trafficSide, graphSide), 900, 260));
            made[0].show();
            made[0].toFront();
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup(GRAPH + " #watch-start")
                        .tryQuery()
                        .map(n -> !n.isDisabled())
                        .orElse(false));
        return made[0];
    }

    private static String status(FxRobot robot, String side) {
        return robot.lookup(side + " #watch-status").queryAs(Label.class).getText();
    }

    private List<JsonNode> plugins() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(gateway.adminUri() + "/plugins"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("data")
                .forEach(out::add);
        return out;
    }
}
