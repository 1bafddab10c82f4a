package dev.gatehouse.app.pages.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
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

        // defaults left out, as deck gateway dump --skip-defaults leaves them; the switch keeps them
        assertThat(deck).doesNotContain("connect_timeout");
        robot.clickOn("#export-defaults");
        assertThat(export(robot)).contains("connect_timeout: 60000");
        robot.clickOn("#export-defaults");

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

        // data planes only when asked, as kumactl export leaves them out unless asked
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !connection
                        .apis()
                        .mesh()
                        .orElseThrow()
                        .dataplanes("default")
                        .join()
                        .isEmpty());
        assertThat(kuma).doesNotContain("type: Dataplane");
        assertThat(robot.lookup("#export-dataplanes").query().isVisible()).isTrue();
        robot.clickOn("#export-dataplanes");
        assertThat(export(robot)).contains("type: Mesh").contains("type: Dataplane");

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

    /** Waits until the import half is idle, and says why it failed if it did. */
    private void awaitImport() {
        ImportViewModel importer = model().importer();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !importer.planningProperty().get()
                        && !importer.applyingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static List<String> rows(TreeView<PlanTree.Row> tree) {
        List<String> rows = new ArrayList<>();
        for (TreeItem<PlanTree.Row> item : tree.getRoot().getChildren()) {
            rows.add(((PlanTree.Row.ChangeRow) item.getValue()).change().line());
        }
        return rows;
    }

    /** The texts of the tree's cells on screen, as the user reads them. */
    private static List<String> cellTexts(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#import-plan .tree-cell").queryAllAs(TreeCell.class).stream()
                .filter(TreeCell::isVisible)
                .sorted(java.util.Comparator.comparingDouble(
                        cell -> cell.localToScene(0, 0).getY()))
                .map(TreeCell::getText)
                .filter(text -> text != null && !text.isEmpty())
                .toList();
    }

    @Test
    void importsAFileAsAPlanTreeAppliesItWithProgressAndShowsDrift(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(90))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                        && connection.gatewayHealthProperty().get().isUp());
        TestRuntimes.loadConfig(
                connection.apis().gateway().orElseThrow().address(),
                SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", KEY));
        robot.interact(() -> context.shell().navigate(ExportPage.ID));
        ExportView view = robot.lookup("#page-export").queryAs(ExportView.class);
        assertThat(robot.lookup("#export-drift").query().isVisible()).isFalse();

        // save a decK export (keys redacted): it becomes the file drift is measured against
        String deck = export(robot);
        Path saved = dir.resolve("import/kong.yaml");
        Files.createDirectories(saved.getParent());
        view.setSaveChooser(window -> Optional.of(saved));
        robot.clickOn("#export-save");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> robot.lookup("#drift-gateway").tryQuery().isPresent());
        Label matches = robot.lookup("#drift-gateway .label").queryAs(Label.class);
        assertThat(matches.getText()).startsWith("The gateway matches kong.yaml, saved from this page on ");

        // an edited copy: one service changed, one consumer added
        ObjectNode file = DeckYaml.read(deck);
        ObjectNode service = (ObjectNode) file.withArray("services").get(0);
        String serviceName = service.path("name").asText();
        service.put("retries", 3);
        file.withArray("consumers").addObject().put("username", "dave");
        Path edited = dir.resolve("import/kong-edited.yaml");
        Files.writeString(edited, DeckYaml.write(file));

        robot.clickOn("Import and apply");
        view.setOpenChooser(window -> Optional.of(edited));
        robot.clickOn("#import-open");
        awaitImport();
        ImportViewModel importer = model().importer();
        assertThat(importer.errorProperty().get()).isEmpty();
        assertThat(robot.lookup("#import-heading").queryAs(Label.class).getText())
                .isEqualTo("Plan for kong-edited.yaml on the gateway of "
                        + connection.profile().name());
        assertThat(robot.lookup("#import-summary").queryAs(Label.class).getText())
                .isEqualTo("1 to create, 1 to update, 0 to delete");
        @SuppressWarnings("unchecked")
        TreeView<PlanTree.Row> tree = robot.lookup("#import-plan").queryAs(TreeView.class);
        assertThat(rows(tree)).containsExactly("updating service " + serviceName, "creating consumer dave");
        // the update is open on its field diff; the create stays closed
        assertThat(cellTexts(robot))
                .containsSubsequence(
                        "updating service " + serviceName, "retries: 5 \u2192 3", "creating consumer dave");
        assertThat(robot.lookup("#import-apply").query().isDisabled()).isFalse();

        String shots = System.getProperty("export.shots");
        if (shots != null) {
            Files.createDirectories(Path.of(shots));
            FxShots.themes(context, Path.of(shots), "import-plan", 20);
        }

        robot.clickOn("#import-apply");
        awaitImport();
        assertThat(importer.errorProperty().get()).isEmpty();
        assertThat(robot.lookup("#import-status").queryAs(Label.class).getText())
                .isEqualTo(
                        "Applied 2 changes to " + connection.profile().name() + ": it now matches kong-edited.yaml.");
        assertThat(cellTexts(robot))
                .contains(
                        "updating service " + serviceName + "  \u2014 applied",
                        "creating consumer dave  \u2014 applied");
        assertThat(robot.lookup("#import-apply").query().isDisabled()).isTrue();
        GatewayRepository gateway = connection.apis().gateway().orElseThrow();
        assertThat(gateway.get(EntityKind.SERVICES, serviceName)
                        .join()
                        .path("retries")
                        .asInt())
                .isEqualTo(3);
        assertThat(gateway.get(EntityKind.CONSUMERS, "dave")
                        .join()
                        .path("username")
                        .asText())
                .isEqualTo("dave");

        // drift: the applied file now, then a service added on the gateway behind the page's back
        await().atMost(Duration.ofSeconds(30))
                .until(() -> robot.lookup("#drift-gateway .label")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("The gateway matches kong-edited.yaml, applied on "));
        gateway.create(EntityKind.SERVICES, (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"name\":\"stray\",\"url\":\"http://stray.test\"}"))
                .join();
        robot.interact(() -> model().activated());
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        robot.lookup("#drift-gateway").query().getStyleClass().contains(DriftBar.DIFFERS));
        assertThat(robot.lookup("#drift-gateway .label").queryAs(Label.class).getText())
                .endsWith(", by 1 entity: 1 added, 0 changed and 0 removed since.");
        if (shots != null) {
            FxShots.themes(context, Path.of(shots), "import-drift", 20);
        }

        // Review: the file's plan, whose apply would remove what was added
        robot.clickOn("#drift-gateway .button");
        awaitImport();
        assertThat(rows(tree)).containsExactly("deleting service stray");
        robot.clickOn("#import-apply");
        awaitImport();
        assertThat(importer.statusProperty().get()).startsWith("Applied 1 change to ");
        assertThat(gateway.listAll(EntityKind.SERVICES).join())
                .noneMatch(s -> s.path("name").asText().equals("stray"));
    }
}
