package dev.gatehouse.app.pages.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Export page's model on a remote Kong (no FX thread): valid format choices, redaction, a stale answer dropped,
 * and failures as sentences.
 */
class ExportViewModelTest {

    private static final String KEY = "bob-remote-key";

    @TempDir
    static Path dir;

    private static RunningGateway gateway;
    private static ActiveConnection kong;

    /** Background work held until the test runs it, so options can change while an export is on its way. */
    private final Queue<Runnable> held = new ArrayDeque<>();

    private final Executor background = held::add;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(URI.create(gateway.adminUrl()), SandboxDemo.keyAuth("http://127.0.0.1:9", "bob", KEY));
        kong = TestConnections.connected(
                dir.resolve("c"), TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        kong.close();
        gateway.close();
    }

    private ExportViewModel model() {
        return model(kong);
    }

    private ExportViewModel model(ActiveConnection connection) {
        return new ExportViewModel(
                new Messages(Locale.ROOT),
                connection,
                page -> {},
                UiExecutor.DIRECT,
                background,
                new RecordingDialogService(),
                new LastFiles(dir.resolve("config")),
                Clock.systemUTC());
    }

    private void runHeld() {
        while (!held.isEmpty()) {
            held.poll().run();
        }
    }

    @Test
    void onlyValidFormatsAreOfferedForAScope() {
        assertThat(ExportViewModel.formatsFor(ExportScope.GATEWAY))
                .containsExactly(ExportFormat.DECK, ExportFormat.KUBERNETES);
        assertThat(ExportViewModel.formatsFor(ExportScope.MESH))
                .containsExactly(ExportFormat.KUMA, ExportFormat.KUBERNETES);
        assertThat(ExportViewModel.formatsFor(ExportScope.BOTH)).containsExactly(ExportFormat.KUBERNETES);
        ExportViewModel model = model();
        assertThat(model.formatProperty().get()).isEqualTo(ExportFormat.DECK);
        model.scopeProperty().set(ExportScope.MESH);
        assertThat(model.formats()).containsExactly(ExportFormat.KUMA, ExportFormat.KUBERNETES);
        assertThat(model.formatProperty().get()).isEqualTo(ExportFormat.KUMA);
        model.formatProperty().set(ExportFormat.KUBERNETES);
        model.scopeProperty().set(ExportScope.GATEWAY);
        assertThat(model.formatProperty().get()).isEqualTo(ExportFormat.KUBERNETES);
    }

    @Test
    void exportsARemoteKongRedactedUnlessAskedAndDropsAnAnswerForOldOptions() {
        ExportViewModel model = model();
        model.export();
        assertThat(model.busyProperty().get()).isTrue();
        runHeld();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(model.yamlProperty().get())
                .contains("_format_version: \"3.0\"")
                .contains("<redacted>")
                .doesNotContain(KEY);
        assertThat(model.previewHoldsSecretsProperty().get()).isFalse();

        // an export on its way when the switch flips answers for the old options: dropped
        model.export();
        model.includeSecretsProperty().set(true);
        assertThat(model.yamlProperty().get()).isEmpty();
        runHeld();
        assertThat(model.yamlProperty().get()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();

        model.export();
        runHeld();
        assertThat(model.yamlProperty().get()).contains(KEY).doesNotContain("<redacted>");
        assertThat(model.previewHoldsSecretsProperty().get()).isTrue();
    }

    @Test
    void whatCannotBeExportedIsASentenceOnThePage() {
        ExportViewModel model = model();
        model.scopeProperty().set(ExportScope.MESH);
        model.export();
        assertThat(held).isEmpty();
        assertThat(model.errorProperty().get()).isEqualTo("Connection kong has no mesh control plane to export.");

        model.scopeProperty().set(ExportScope.GATEWAY);
        assertThat(model.errorProperty().get()).isEmpty();
        model.formatProperty().set(ExportFormat.KUBERNETES);
        model.namespaceProperty().set("Not A Namespace");
        model.export();
        assertThat(held).isEmpty();
        assertThat(model.errorProperty().get())
                .isEqualTo(
                        "Namespace \u201cNot A Namespace\u201d is not a Kubernetes namespace name: lower-case letters,"
                                + " digits and '-', at most 63 characters.");
        model.namespaceProperty().set("shop");
        model.meshNamespaceProperty().set("-bad");
        model.export();
        assertThat(model.errorProperty().get()).startsWith("Mesh namespace \u201c-bad\u201d is not");
        model.meshNamespaceProperty().set("kuma-system");
        assertThat(model.yamlProperty().get()).isEmpty();

        model.namespaceProperty().set("shop");
        model.export();
        runHeld();
        assertThat(model.errorProperty().get()).isEmpty();
        assertThat(model.yamlProperty().get()).contains("kind: KongConsumer").contains("namespace: shop");
    }

    @Test
    void aConnectionWithOnlyAMeshStartsOnTheMeshAndExportsKumaYaml() {
        try (var cp = TestRuntimes.controlPlane(dir.resolve("cp"));
                ActiveConnection kuma =
                        TestConnections.connected(dir.resolve("k"), TestConnections.remoteKuma("kuma", cp.apiUri()))) {
            ExportViewModel model = model(kuma);
            assertThat(model.scopeProperty().get()).isEqualTo(ExportScope.MESH);
            assertThat(model.formatProperty().get()).isEqualTo(ExportFormat.KUMA);
            model.export();
            runHeld();
            assertThat(model.errorProperty().get()).isEmpty();
            assertThat(model.yamlProperty().get()).contains("type: Mesh");
        }
    }

    @Test
    void savingNothingWritesNothing() {
        ExportViewModel model = model();
        model.save(dir.resolve("never.yaml"));
        assertThat(held).isEmpty();
        assertThat(dir.resolve("never.yaml")).doesNotExist();
        assertThat(List.of(model.statusProperty().get(), model.errorProperty().get()))
                .containsOnly("");
    }
}
