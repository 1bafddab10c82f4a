package dev.gatehouse.app.pages.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 16's Export page on the embedded sandbox: decK with the consumer's key redacted, then kept with the switch
 * on; Kuma YAML for the mesh; the preview saved to an owner-only file. With {@code -Dexport.shots=DIR} it also writes
 * the page with a decK preview, light and dark, to DIR.
 */
@ExtendWith(ApplicationExtension.class)
class ExportPageUiTest {

    private static final String KEY = "alice-export-key";

    @TempDir
    static Path dir;

    private AppContext context;

    @Start
    void start(Stage stage) {
        context = TestConsoles.onSandbox(dir, stage);
    }

    @Stop
    void stop() {
        context.close();
    }

    private ExportViewModel model() {
        return (ExportViewModel) context.pageModel(ExportPage.ID);
    }

    private static String preview(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#export-preview").queryAs(CodeArea.class).getText();
    }

    /** Presses Export and waits for the preview of this export. */
    private String export(FxRobot robot) {
        robot.clickOn("#export-run");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !model().busyProperty().get() && !preview(robot).isEmpty()
                        || !model().errorProperty().get().isEmpty());
        assertThat(model().errorProperty().get()).isEmpty();
        return preview(robot);
    }

    @Test
    void exportsDeckAndKumaKeepsSecretsOnlyWhenAskedAndSavesOwnerOnly(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.gatewayHealthProperty().get().isUp()
                        && connection.meshHealthProperty().get().isUp());
        TestRuntimes.loadConfig(
                connection.apis().gateway().orElseThrow().address(),
                SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", KEY));
        robot.interact(() -> context.shell().navigate(ExportPage.ID));

        // decK, secrets redacted by default
        @SuppressWarnings("unchecked")
        ComboBox<ExportFormat> format = robot.lookup("#export-format").queryAs(ComboBox.class);
        assertThat(format.getItems()).containsExactly(ExportFormat.DECK, ExportFormat.KUBERNETES);
        assertThat(model().includeSecretsProperty().get()).isFalse();
        assertThat(robot.lookup("#export-secrets-warning").query().isVisible()).isFalse();
        String deck = export(robot);
        assertThat(deck)
                .contains("_format_version: \"3.0\"")
                .contains("<redacted>")
                .doesNotContain(KEY);

        // the switch keeps them, says so, and the old preview goes (it answered other options)
        robot.clickOn("#export-secrets");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model().includeSecretsProperty().get()).isTrue();
        assertThat(robot.lookup("#export-secrets-warning").query().isVisible()).isTrue();
        assertThat(preview(robot)).isEmpty();
        String withSecrets = export(robot);
        assertThat(withSecrets).contains(KEY).doesNotContain("<redacted>");

        // Kuma YAML for the mesh: the format follows the scope
        @SuppressWarnings("unchecked")
        ComboBox<ExportScope> scope = robot.lookup("#export-scope").queryAs(ComboBox.class);
        robot.interact(() -> scope.setValue(ExportScope.MESH));
        assertThat(format.getItems()).containsExactly(ExportFormat.KUMA, ExportFormat.KUBERNETES);
        assertThat(format.getValue()).isEqualTo(ExportFormat.KUMA);
        String kuma = export(robot);
        assertThat(kuma).contains("type: Mesh");

        // copy: the clipboard holds the preview
        robot.clickOn("#export-copy");
        AtomicReference<String> copied = new AtomicReference<>();
        robot.interact(() ->
                copied.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        assertThat(copied.get()).isEqualTo(kuma);

        // save: the file holds the preview, readable by its owner only
        Path file = dir.resolve("export/kuma.yaml");
        Files.createDirectories(file.getParent());
        AtomicReference<javafx.stage.Window> owner = new AtomicReference<>();
        ExportView view = robot.lookup("#page-export").queryAs(ExportView.class);
        view.setSaveChooser(window -> {
            owner.set(window);
            return Optional.of(file);
        });
        robot.clickOn("#export-save");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !model().statusProperty().get().isEmpty());
        assertThat(owner.get()).isNotNull();
        assertThat(Files.readString(file)).isEqualTo(kuma);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        Label status = robot.lookup("#export-status").queryAs(Label.class);
        assertThat(status.getText()).contains(file.toAbsolutePath().toString());

        // Kubernetes stays chosen when the scope widens to both (the box keeps showing it)
        robot.interact(() -> format.setValue(ExportFormat.KUBERNETES));
        robot.interact(() -> scope.setValue(ExportScope.BOTH));
        assertThat(format.getItems()).containsExactly(ExportFormat.KUBERNETES);
        assertThat(format.getValue()).isEqualTo(ExportFormat.KUBERNETES);
        assertThat(robot.lookup("#export-namespace").query().isVisible()).isTrue();
        assertThat(export(robot))
                .contains("kind: Mesh")
                .contains("kind: KongConsumer")
                .contains(KEY);

        String shots = System.getProperty("export.shots");
        if (shots != null) {
            // Screenshots never show a key: both are taken with secrets redacted.
            robot.interact(() -> {
                scope.setValue(ExportScope.GATEWAY);
                format.setValue(ExportFormat.DECK);
                model().includeSecretsProperty().set(false);
            });
            export(robot);
            assertThat(preview(robot)).contains("_format_version").doesNotContain(KEY);
            Path out = Path.of(shots);
            Files.createDirectories(out);
            FxShots.themes(context, out, "export-deck", 20);
            robot.interact(() -> {
                scope.setValue(ExportScope.BOTH);
                format.setValue(ExportFormat.KUBERNETES);
            });
            export(robot);
            assertThat(preview(robot)).contains("kind: Mesh").doesNotContain(KEY);
            FxShots.themes(context, out, "export-kubernetes", 20);
        }
    }
}
