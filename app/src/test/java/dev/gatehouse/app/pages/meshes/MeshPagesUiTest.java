package dev.gatehouse.app.pages.meshes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.pages.dataplanes.DataplaneRow;
import dev.gatehouse.app.pages.dataplanes.DataplanesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Data planes and Meshes pages driven like a user, against the real embedded sandbox: the seed's data planes
 * online with a way to their node on the graph, a backend name the control plane refuses shown at its field, and
 * mTLS turned on from the form after the impact preview (nothing denied while allow-all is there; the gateway's and
 * demo-app's connections named once it is gone).
 */
@ExtendWith(ApplicationExtension.class)
class MeshPagesUiTest {

    @TempDir
    static Path dir;

    private AppContext context;
    private RecordingDialogService dialogs;

    @Start
    void start(Stage stage) {
        Path config = dir.resolve("run-" + System.nanoTime());
        dialogs = new RecordingDialogService();
        context = new AppContext(
                new AppDirectories(config, config),
                Locale.ROOT,
                new InProcessPlatform(config.resolve("sandbox"), InProcessPlatform.Ports.ANY),
                new FileSecretStore(config),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                dialogs);
        context.createMainWindow().showIn(stage, context.theme());
        context.start();
        stage.requestFocus();
    }

    @Stop
    void stop() {
        context.close();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        try {
            await().atMost(Duration.ofSeconds(20)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "timed out; dialogs: " + dialogs.shown() + "; status: "
                            + meshes().statusProperty().get() + "; form error: "
                            + meshes().formErrorProperty().get(),
                    e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private MeshesViewModel meshes() {
        return (MeshesViewModel) context.pageModel(MeshesPage.ID);
    }

    private MeshRepository repository() {
        return context.connection().apis().mesh().orElseThrow();
    }

    private void open(FxRobot robot, PageId page) throws Exception {
        waitUntil(() -> context.connection().meshHealthProperty().get().isUp());
        robot.clickOn("#nav-" + page.value());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private ObjectNode storedMesh() {
        return repository().find(MeshResourceType.MESH, "", "default").join().orElseThrow();
    }

    @Test
    void theSeedsDataPlanesAreListedOnlineAndLeadToTheirNodeOnTheGraph(FxRobot robot) throws Exception {
        open(robot, DataplanesPage.ID);
        @SuppressWarnings("unchecked")
        TableView<DataplaneRow> table = robot.lookup("#dataplanes-table").queryAs(TableView.class);
        waitUntil(() -> table.getItems().stream().filter(DataplaneRow::online).count() == 3);
        assertThat(table.getItems()).extracting(DataplaneRow::name).containsExactly("demo-app-1", "gateway", "redis-1");
        assertThat(table.getItems())
                .flatExtracting(DataplaneRow::services)
                .containsExactly("demo-app", "gateway", "redis");
        // The status column draws a badge with the word, not a colour alone.
        assertThat(robot.lookup((Node n) -> n instanceof Label l && "Online".equals(l.getText()))
                        .queryAll())
                .hasSize(3);

        robot.clickOn((Node) robot.lookup((Node n) ->
                        n instanceof javafx.scene.control.TableCell<?, ?> cell && "redis-1".equals(cell.getText()))
                .query());
        waitUntil(() -> robot.lookup("#dataplane-title").tryQuery().isPresent());
        assertThat(text(robot, "#dataplane-title")).isEqualTo("redis-1");
        waitUntil(() -> robot.lookup("#dataplane-policies").tryQuery().isPresent()
                && robot.lookup("#dataplane-policies").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                        .anyMatch(n -> n.getStyleClass().contains("dataplane-inbound")));

        robot.clickOn("#dataplane-show-on-graph");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(context.shell().selectedPage()).isEqualTo(TopologyPage.ID);
    }

    @Test
    void aBackendNameTheControlPlaneRefusesIsShownAtItsField(FxRobot robot) throws Exception {
        open(robot, MeshesPage.ID);
        waitUntil(() -> robot.lookup("#mesh-new-backend").tryQuery().isPresent());
        robot.doubleClickOn("#mesh-new-backend").eraseText(8).write("Bad Name");
        robot.clickOn("#mesh-add-backend");
        waitUntil(() ->
                robot.lookup("#mesh-new-backend-error").queryAs(Label.class).isVisible());
        assertThat(text(robot, "#mesh-new-backend-error")).contains("must be valid dns name");
        assertThat(storedMesh().has("mtls")).isFalse();
    }

    @Test
    void mtlsIsTurnedOnFromTheFormAfterThePreviewNamesWhoBecomesDenied(FxRobot robot) throws Exception {
        open(robot, MeshesPage.ID);
        // The seed's data planes are all registered before the preview counts the mesh's services.
        waitUntil(() -> repository().dataplanes("default").join().size() == 3);
        waitUntil(() -> robot.lookup("#mesh-mtls-on").tryQuery().isPresent());

        // With allow-all-default in place, nothing becomes denied: zero trust is still off, and the preview says so.
        robot.clickOn("#mesh-mtls-on");
        waitUntil(
                () -> storedMesh().path("mtls").path("enabledBackend").asText().equals("ca-1"));
        assertThat(dialogs.shown())
                .singleElement()
                .asString()
                .startsWith("confirm: Turn on mTLS in mesh default")
                .contains("Nothing becomes denied")
                .contains("allowed only by an allow-all policy");
        waitUntil(() -> robot.lookup("#mesh-mtls-off").tryQuery().isPresent());
        assertThat(text(robot, "#mesh-state")).startsWith("mTLS is on with backend ca-1");

        // Off again, allow-all deleted behind the page's back: now the preview names the connections that stop.
        robot.clickOn("#mesh-mtls-off");
        waitUntil(() -> !storedMesh().path("mtls").has("enabledBackend"));
        repository()
                .apply(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .join();
        waitUntil(() -> robot.lookup("#mesh-mtls-on").tryQuery().isPresent());
        dialogs.shown().clear();
        dialogs.answerConfirmWith(false);
        robot.clickOn("#mesh-mtls-on");
        waitUntil(() -> !dialogs.shown().isEmpty());
        String preview = dialogs.shown().get(0);
        assertThat(preview)
                .contains("gateway \u2192 demo-app")
                .contains("demo-app \u2192 redis")
                .doesNotContain("Nothing becomes denied")
                // The gateway offers no inbound: no connection to it is there to lose.
                .doesNotContain("\u2192 gateway");
        assertThat(meshes().impact())
                .extracting(p -> p.source() + "->" + p.destination())
                .contains("gateway->demo-app", "demo-app->redis");
        // Cancelled: nothing was applied.
        assertThat(storedMesh().path("mtls").has("enabledBackend")).isFalse();

        dialogs.answerConfirmWith(true);
        robot.clickOn("#mesh-mtls-on");
        waitUntil(
                () -> storedMesh().path("mtls").path("enabledBackend").asText().equals("ca-1"));
        List<String> shown = List.copyOf(dialogs.shown());
        assertThat(shown).hasSize(2);
    }
}
