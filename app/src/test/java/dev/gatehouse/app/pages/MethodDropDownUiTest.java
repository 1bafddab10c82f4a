package dev.gatehouse.app.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.nio.file.Path;
import java.time.Duration;
import javafx.scene.control.ComboBox;
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
 * The tester's Method drop-down "did not open on click": it is editable, and a click on its text only placed the
 * caret (the arrow did open it, with a window manager too).
 */
@ExtendWith(ApplicationExtension.class)
class MethodDropDownUiTest {

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
                """);
        context = TestConsoles.onRemoteKong(dir, gateway, stage);
    }

    @Stop
    void stop() {
        context.close();
        gateway.close();
    }

    @Test
    void theMethodListOpensWhenItsTextIsClicked(FxRobot robot) {
        robot.clickOn("#nav-routes");
        TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        ComboBox<?> method = robot.lookup("#tester-method").queryAs(ComboBox.class);
        robot.clickOn(method.getEditor());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(method.isShowing()).isTrue();
    }
}
