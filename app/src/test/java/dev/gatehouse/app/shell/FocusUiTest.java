package dev.gatehouse.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Border;
import javafx.scene.layout.BorderStroke;
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

/** Nothing looks focused that the user did not focus: the search box at start, a clicked navigation entry. */
@ExtendWith(ApplicationExtension.class)
class FocusUiTest {

    @TempDir
    static Path dir;

    private AppContext context;
    private Scene scene;

    @Start
    void start(Stage stage) {
        // The embedded profile is active but this test never needs it to answer.
        context = new AppContext(
                new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                Locale.ROOT,
                new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(dir.resolve("config")),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new RecordingDialogService());
        scene = context.createMainWindow().showIn(stage, context.theme());
    }

    @Stop
    void stop() {
        context.close();
    }

    /** True when the node draws a visible border (the navigation's focus ring is one). */
    private static boolean drawsRing(Node node) {
        Border border = ((ToggleButton) node).getBorder();
        return border != null
                && border.getStrokes().stream()
                        .map(BorderStroke::getTopStroke)
                        .anyMatch(paint -> !Color.TRANSPARENT.equals(paint));
    }

    @Test
    void atStartTheCurrentPagesEntryHasTheFocusAndTheSearchBoxDoesNot(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(scene.getFocusOwner()).isSameAs(robot.lookup("#nav-overview").query());
        assertThat(robot.lookup("#topbar-search").query().isFocused()).isFalse();
        assertThat(drawsRing(robot.lookup("#nav-overview").query())).isFalse();
    }

    @Test
    void aClickedEntryShowsNoRingButTheKeyboardStillDoes(FxRobot robot) {
        robot.clickOn("#nav-export");
        robot.moveTo("#page-title");
        WaitForAsyncUtils.waitForFxEvents();
        Node export = robot.lookup("#nav-export").query();
        assertThat(export.isFocused()).isTrue();
        assertThat(drawsRing(export)).as("ring after a mouse click").isFalse();
        robot.type(javafx.scene.input.KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        Node above = scene.getFocusOwner();
        assertThat(above).isNotSameAs(export);
        assertThat(drawsRing(above)).as("ring after moving with the keyboard").isTrue();
    }

    @Test
    void focusThatLeftWithTheOldPageGoesToTheNewPagesEntryNotItsFirstControl(FxRobot robot) {
        robot.press(KeyCode.CONTROL)
                .press(KeyCode.DIGIT0)
                .release(KeyCode.DIGIT0)
                .release(KeyCode.CONTROL);
        robot.clickOn("#connections-add-kong");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".page-host .text-field").<Node>query());
        robot.write("staging");
        assertThat(scene.getFocusOwner()).isInstanceOf(javafx.scene.control.TextField.class);
        robot.press(KeyCode.CONTROL)
                .press(KeyCode.DIGIT1)
                .release(KeyCode.DIGIT1)
                .release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Node overview = robot.lookup("#nav-overview").query();
        assertThat(scene.getFocusOwner()).isSameAs(overview);
        assertThat(drawsRing(overview)).isFalse();
    }
}
