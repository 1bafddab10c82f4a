package dev.gatehouse.app.pages.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
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
 * The Connections page of the real window, with the embedded sandbox and a second gateway as the remote: the
 * "active" badge across switches, the sandbox that keeps running in the background, and where its data lives.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionsPageUiTest {

    private static final String SANDBOX = "Embedded sandbox";
    private static final String REMOTE = "Remote Kong";

    @TempDir
    static Path dir;

    private RunningGateway remote;
    private InProcessPlatform sandbox;
    private AppContext context;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        remote = TestRuntimes.gateway(dir.resolve("remote"));
        FileSecretStore secrets = new FileSecretStore(dir.resolve("config"));
        ConnectionProfile profile = TestConnections.remoteKong(REMOTE, URI.create(remote.adminUrl()), Optional.empty());
        new ConnectionStore(dir.resolve("config"), secrets).save(ConnectionProfile.EMBEDDED_ID, List.of(profile));
        sandbox = new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY);
        context = new AppContext(
                new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                Locale.ROOT,
                sandbox,
                secrets,
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new RecordingDialogService());
        context.createMainWindow().showIn(stage, context.theme());
        context.start();
    }

    @Stop
    void stop() {
        context.close();
        remote.close();
    }

    /** Each listed connection with the badge its row shows ("active", "running"), or "" for none. */
    private static Map<String, String> badges(FxRobot robot) {
        Map<String, String> badges = new TreeMap<>();
        for (ListCell<?> cell : robot.lookup("#connections-list .list-cell").queryAllAs(ListCell.class)) {
            if (cell.isEmpty() || !(cell.getItem() instanceof ConnectionProfile profile)) {
                continue;
            }
            String badge = cell.lookup(".active-badge") != null
                    ? "active"
                    : cell.lookup(".running-badge") != null ? "running" : "";
            badges.put(profile.name(), badge);
        }
        return badges;
    }

    private void use(FxRobot robot, String name) {
        robot.clickOn(name);
        robot.clickOn("#conn-activate");
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> connection.profile().name().equals(name)
                        && connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.gatewayHealthProperty().get().isUp());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void awaitBadges(FxRobot robot, Map<String, String> expected) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(badges(robot)).isEqualTo(expected);
        });
    }

    @Test
    void exactlyTheActiveConnectionWearsTheBadgeAcrossSwitchesAndTheSandboxSaysItStillRuns(FxRobot robot) {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED);
        robot.clickOn("#nav-connections");
        awaitBadges(robot, Map.of(SANDBOX, "active", REMOTE, ""));

        use(robot, REMOTE);
        awaitBadges(robot, Map.of(SANDBOX, "running", REMOTE, "active"));
        // The sandbox was not stopped by the switch: its card says it runs, and where.
        robot.clickOn(SANDBOX);
        String status =
                robot.lookup("#connection-embedded-status").queryAs(Label.class).getText();
        assertThat(status)
                .startsWith("Running in the background while \u201cRemote Kong\u201d is active")
                .contains(sandbox.running().orElseThrow().gatewayProxy().toString());
        // A Kong-only connection has no mesh: no spinner, no "not checked yet", and room to say so in full (at
        // this window's width the search button gives up its words first).
        robot.interact(() -> stage.setWidth(1100));
        WaitForAsyncUtils.waitForFxEvents();
        Label mesh = robot.lookup("#topbar-mesh-health").queryAs(Label.class);
        assertThat(mesh.getText()).isEqualTo("No mesh on this connection");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(mesh.getWidth()).as("not cut short").isGreaterThanOrEqualTo(mesh.prefWidth(-1) - 0.5);
        });

        use(robot, SANDBOX);
        awaitBadges(robot, Map.of(SANDBOX, "active", REMOTE, ""));
        // Narrower still, the search button shows only its icon so that both badges keep their words.
        robot.interact(() -> stage.setWidth(950));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(mesh.getText()).startsWith("Mesh ");
            for (String badge : List.of("#topbar-gateway-health", "#topbar-mesh-health")) {
                Label label = robot.lookup(badge).queryAs(Label.class);
                assertThat(label.getWidth())
                        .as(badge + " not cut short")
                        .isGreaterThanOrEqualTo(label.prefWidth(-1) - 0.5);
            }
        });
        assertThat(robot.lookup("#topbar-search").queryAs(Button.class).getContentDisplay())
                .isEqualTo(ContentDisplay.GRAPHIC_ONLY);
        robot.interact(() -> stage.setWidth(1472));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#topbar-search").queryAs(Button.class).getContentDisplay())
                .isEqualTo(ContentDisplay.LEFT);
        // The palette switches too: Ctrl+K, the connection's name, Enter.
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        robot.write("use connection remote");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#palette-results").queryAs(ListView.class).getItems())
                .hasSize(1);
        robot.type(KeyCode.ENTER);
        awaitBadges(robot, Map.of(SANDBOX, "running", REMOTE, "active"));
    }

    @Test
    void theSandboxCardShowsTheDataDirectory(FxRobot robot) {
        robot.clickOn("#nav-connections");
        robot.clickOn(SANDBOX);
        assertThat(robot.lookup("#connection-embedded-data")
                        .queryAs(Label.class)
                        .getText())
                .contains(
                        dir.resolve("data/sandbox").toString(),
                        dir.resolve("config").toString());
    }
}
