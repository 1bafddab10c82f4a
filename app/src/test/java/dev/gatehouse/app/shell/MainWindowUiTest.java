package dev.gatehouse.app.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.dataplanes.DataplanesPage;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.settings.SettingsStore;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real main window headless (Monocle): navigation, empty states, theme, palette, shortcuts. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUiTest {

    @TempDir
    static Path configDir;

    private final Messages messages = new Messages(Locale.ROOT);
    private AppContext context;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        FileSecretStore secrets = new FileSecretStore(configDir);
        // The active connection is a Kong and a Kuma that nobody runs, so every page shows its empty state.
        ConnectionProfile unreachable = unreachableProfile();
        new ConnectionStore(configDir, secrets).save(unreachable.id(), List.of(unreachable));
        sandbox = new InProcessPlatform(configDir.resolve("sandbox"), InProcessPlatform.Ports.ANY);
        context = new AppContext(
                new AppDirectories(configDir, configDir),
                Locale.ROOT,
                sandbox,
                secrets,
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new RecordingDialogService());
        scene = context.createMainWindow().showIn(stage, context.theme());
        context.start();
        stage.requestFocus();
    }

    @Stop
    void stop() {
        context.close();
    }

    private InProcessPlatform sandbox;

    private static ConnectionProfile unreachableProfile() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        return new ConnectionProfile(
                "test",
                "Test sandbox",
                ConnectionKind.REMOTE_KONG,
                Optional.of(EndpointSettings.plain(nowhere)),
                Optional.empty(),
                Optional.of(EndpointSettings.plain(nowhere)));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void everyNavigationEntryShowsItsPageWithTitleAndEmptyState(FxRobot robot) {
        for (PageDescriptor page : context.shell().pages().pages()) {
            robot.clickOn("#nav-" + page.id());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(context.shell().selectedPage()).isEqualTo(page.id());
            assertThat(robot.lookup("#page-" + page.id()).tryQuery())
                    .as(page.id().value())
                    .isPresent();
            assertThat(text(robot, "#page-title")).isEqualTo(messages.get(page.titleKey()));
            if (page.isPlanned()) {
                // Not built yet: it says so, with no "Needs ..." and no way to Connections beside a working one.
                assertThat(text(robot, "#empty-state-heading"))
                        .as(page.id().value())
                        .isEqualTo(messages.get(page.titleKey()) + " is not built yet");
                assertThat(text(robot, "#empty-state-body")).isEqualTo(messages.get(page.plannedKey()));
                assertThat(text(robot, "#planned-command")).startsWith("curl ");
                assertThat(robot.lookup("#planned-instead").tryQuery()).isPresent();
                assertThat(robot.lookup("#empty-state-requirement").tryQuery()).isEmpty();
                assertThat(robot.lookup("#empty-state-action").tryQuery()).isEmpty();
                continue;
            }
            if (page.id().equals(PageId.CONNECTIONS)) {
                // With a saved remote connection, the page lists it instead of its first-run text.
                assertThat(robot.lookup("#connections-list").tryQuery()).isPresent();
                continue;
            }
            Node empty = robot.lookup("#empty-state").query();
            assertThat(empty.isVisible()).isTrue();
            assertThat(text(robot, "#empty-state-heading")).isEqualTo(messages.get(page.emptyHeadingKey()));
            assertThat(text(robot, "#empty-state-body")).isEqualTo(messages.get(page.emptyBodyKey()));
            // Each built page names the runtime it needs and offers the way to a connection.
            assertThat(text(robot, "#empty-state-requirement")).startsWith("Needs");
            assertThat(robot.lookup("#empty-state-action").tryQuery()).isPresent();
        }
    }

    @Test
    void theEmptyStateLinkLeadsToConnections(FxRobot robot) {
        robot.clickOn("#nav-routes");
        robot.clickOn("#empty-state-action");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.shell().selectedPage()).isEqualTo(PageId.CONNECTIONS);
        assertThat(robot.lookup("#conn-name")
                        .queryAs(javafx.scene.control.TextField.class)
                        .getText())
                .isEqualTo("Test sandbox");
    }

    @Test
    void theTopBarAndTheConnectionTestSayWhyTheGatewayIsDown(FxRobot robot) throws Exception {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text(robot, "#topbar-gateway-health").equals("Gateway down"));
        robot.clickOn("#nav-connections");
        robot.clickOn("#conn-test");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> text(robot, "#conn-test-gateway").startsWith("Gateway: Connection refused"));
    }

    @Test
    void themeSwitchChangesTheBackgroundAndIsRemembered(FxRobot robot) throws Exception {
        Color before = backgroundSample();
        robot.clickOn("#topbar-theme");
        WaitForAsyncUtils.waitForFxEvents();
        Color after = backgroundSample();
        assertThat(after).isNotEqualTo(before);
        boolean nowDark = context.theme().theme().isDark();
        assertThat(after.getBrightness() < before.getBrightness()).isEqualTo(nowDark);
        assertThat(new SettingsStore(configDir).get("theme"))
                .contains(context.theme().theme().name());
    }

    /** The colour of an empty spot of the page area, from a real render of the scene. */
    private Color backgroundSample() throws Exception {
        WritableImage image =
                WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        return image.getPixelReader().getColor((int) scene.getWidth() - 40, (int) scene.getHeight() - 80);
    }

    @Test
    void ctrlKFindsAPageByPartOfItsName(FxRobot robot) {
        robot.press(KeyCode.CONTROL).press(KeyCode.K).release(KeyCode.K).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#palette").query().isVisible()).isTrue();
        robot.write("planes");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<?> results = robot.lookup("#palette-results").queryAs(ListView.class);
        assertThat(results.getItems()).isNotEmpty();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.shell().selectedPage()).isEqualTo(DataplanesPage.ID);
        assertThat(text(robot, "#page-title")).isEqualTo("Data planes");
        assertThat(robot.lookup("#palette").query().isVisible()).isFalse();
    }

    @Test
    void escapeClosesThePaletteWithoutNavigating(FxRobot robot) {
        robot.clickOn("#topbar-search");
        robot.write("rou");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#palette").query().isVisible()).isFalse();
        assertThat(context.shell().selectedPage()).isEqualTo(OverviewPage.ID);
    }

    @Test
    void ctrlDigitSwitchesPages(FxRobot robot) {
        robot.press(KeyCode.CONTROL)
                .press(KeyCode.DIGIT3)
                .release(KeyCode.DIGIT3)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#page-title")).isEqualTo("Routes");
        robot.press(KeyCode.CONTROL)
                .press(KeyCode.DIGIT0)
                .release(KeyCode.DIGIT0)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#page-title")).isEqualTo("Connections");
    }

    @Test
    void navigationWorksFromTheKeyboardAlone(FxRobot robot) {
        robot.clickOn("#nav-overview");
        // The entries form one toggle group, like a radio group: arrows move within it, Space picks, Tab leaves it.
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.shell().selectedPage()).isEqualTo(ServicesPage.ID);
        robot.type(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getFocusOwner().getId()).isEqualTo("empty-state-action");
        robot.type(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.shell().selectedPage()).isEqualTo(PageId.CONNECTIONS);
    }
}
