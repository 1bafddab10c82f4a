package dev.gatehouse.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.Node;
import javafx.scene.control.TableView;
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
 * Panels rebuilt for every selection (a route's request tester, a consumer's keys, a connection's test result) must
 * not be kept alive by the page's view-model once replaced: each selection used to leak the whole panel.
 */
@ExtendWith(ApplicationExtension.class)
class RebuiltPanelsUiTest {

    @TempDir
    static Path dir;

    private RunningGateway gateway;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: billing
                  url: http://billing.internal
                  routes:
                  - name: billing-a
                    paths: [/a]
                  - name: billing-b
                    paths: [/b]
                consumers:
                - username: ada
                - username: bob
                """);
        context = TestConsoles.onRemoteKong(dir, gateway, stage);
    }

    @Stop
    void stop() {
        context.close();
        gateway.close();
    }

    /** Selects row {@code index} of the page's table once it has {@code rows} rows. */
    private static void selectRow(FxRobot robot, int rows, int index) {
        TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == rows);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(index));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The node is collected once nothing but the garbage collector's bookkeeping refers to it. */
    private static void awaitCollected(WeakReference<Node> replaced) {
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    WaitForAsyncUtils.waitForFxEvents();
                    System.gc();
                    return replaced.get() == null;
                });
    }

    @Test
    void aRoutesRequestTesterGoesWithItsPanel(FxRobot robot) {
        robot.clickOn("#nav-routes");
        selectRow(robot, 2, 0);
        WeakReference<Node> tester =
                new WeakReference<>(robot.lookup("#tester-summary").query());
        selectRow(robot, 2, 1);
        assertThat((Object) robot.lookup("#tester-summary").query()).isNotSameAs(tester.get());
        awaitCollected(tester);
    }

    @Test
    void aConsumersKeyListGoesWithItsPanel(FxRobot robot) {
        robot.clickOn("#nav-consumers");
        selectRow(robot, 2, 0);
        WeakReference<Node> keys =
                new WeakReference<>(robot.lookup("#credentials-list").query());
        selectRow(robot, 2, 1);
        awaitCollected(keys);
    }

    @Test
    void aConnectionsTestResultGoesWithItsEditor(FxRobot robot) {
        robot.clickOn("#nav-connections");
        robot.clickOn("Remote Kong");
        WaitForAsyncUtils.waitForFxEvents();
        WeakReference<Node> badge =
                new WeakReference<>(robot.lookup("#conn-test-gateway").query());
        robot.clickOn("Embedded sandbox");
        WaitForAsyncUtils.waitForFxEvents();
        awaitCollected(badge);
    }
}
