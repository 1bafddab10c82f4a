package dev.gatehouse.app.pages.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.policyeditor.PolicyEditorModel;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Policies page's view-model over the sandbox's real control plane: the seed's policies listed and filtered,
 * a permission created from a template and applied, refusals (bad YAML, a field the control plane rejects) shown
 * with nothing written, and a read-only control plane said and obeyed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PoliciesViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    private InProcessPlatform sandbox;
    private ActiveConnection connection;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private PoliciesViewModel model;

    @BeforeAll
    void start() {
        sandbox = TestConnections.sandbox(dir);
        connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
        model = new PoliciesViewModel(new Messages(Locale.ROOT), connection, id -> {}, dialogs, UiExecutor.DIRECT);
        // The sandbox registers its data planes as they start; templates offer their services once they are there.
        await().atMost(WAIT).untilAsserted(() -> {
            model.reload();
            assertThat(model.services()).contains("demo-app", "redis");
        });
    }

    @AfterAll
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private MeshRepository mesh() {
        return connection.apis().mesh().orElseThrow();
    }

    private boolean exists(String name) {
        return mesh().find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", name)
                .join()
                .isPresent();
    }

    @Test
    void listsEveryPolicyTypeOfTheMeshWithASummaryAndFiltersBySubstring() {
        assertThat(model.meshes()).contains("default");
        assertThat(model.rows())
                .filteredOn(r -> r.name().equals("allow-all-default"))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.type()).isEqualTo(MeshResourceType.TRAFFIC_PERMISSION);
                    assertThat(row.summary()).isEqualTo("* \u2192 *: Allow");
                    assertThat(row.modified()).isNotEmpty();
                });
        // The control plane says which policy types it serves; the page lists them all, not only permissions.
        assertThat(model.capabilitiesProperty().get().policyTypes())
                .contains(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION);
        model.filterProperty().set("ALL-default");
        assertThat(model.filtered()).extracting(PolicyRow::name).containsExactly("allow-all-default");
        model.filterProperty().set("no-such-policy");
        assertThat(model.filtered()).isEmpty();
        model.filterProperty().set("");
    }

    @Test
    void aPermissionFromATemplateIsAppliedAndListed() {
        model.startCreate(PolicyTemplate.ALLOW, "demo-app", "redis");
        PolicyEditorModel editor = model.editorProperty().get();
        assertThat(editor.form().target().serviceProperty().get()).isEqualTo("redis");
        assertThat(editor.services()).contains("demo-app", "redis");
        model.apply();
        await().atMost(WAIT).until(() -> model.editorProperty().get() == null);
        assertThat(exists("allow-demo-app-to-redis")).isTrue();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(model.rows())
                        .filteredOn(r -> r.name().equals("allow-demo-app-to-redis"))
                        .singleElement()
                        .extracting(PolicyRow::summary)
                        .isEqualTo("demo-app \u2192 redis: Allow"));
        assertThat(model.selectedProperty().get().name()).isEqualTo("allow-demo-app-to-redis");
        assertThat(model.statusProperty().get()).contains("allow-demo-app-to-redis");
    }

    @Test
    void aFieldTheControlPlaneRejectsIsShownAtTheFieldAndNothingIsWritten() {
        model.startCreate(PolicyTemplate.DENY, "gateway", "redis");
        PolicyEditorModel editor = model.editorProperty().get();
        editor.form().rules().get(0).client().kindProperty().set("Nonsense");
        assertThat(editor.validProperty().get()).isTrue();
        model.apply();
        // Kuma's ValidateTargetRef: "value 'Nonsense' is not supported" at spec.from[0].targetRef.kind.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(editor.fieldErrors()).containsKey("spec.from[0].targetRef.kind"));
        assertThat(editor.fieldErrors().get("spec.from[0].targetRef.kind")).contains("Nonsense");
        String[] lines = editor.yamlProperty().get().split("\n");
        assertThat(editor.lineErrors())
                .anySatisfy(e -> assertThat(lines[e.line() - 1]).contains("kind: Nonsense"));
        assertThat(model.editorProperty().get()).isSameAs(editor);
        assertThat(exists("deny-gateway-to-redis")).isFalse();
        model.cancelEdit();
    }

    @Test
    void invalidYamlIsNeverSent() {
        model.startCreate(PolicyTemplate.ALLOW_ALL_FROM, "gateway", null);
        PolicyEditorModel editor = model.editorProperty().get();
        editor.yamlProperty().set(editor.yamlProperty().get().replace("action: Allow", "action: [Allow"));
        assertThat(editor.lineErrors()).hasSize(1);
        model.apply();
        assertThat(model.savingProperty().get()).isFalse();
        assertThat(exists("allow-gateway-to-all")).isFalse();
        model.cancelEdit();
    }

    @Test
    void followingTheMeshShowsAPolicyWrittenElsewhere() {
        model.startCreate(PolicyTemplate.DENY, "redis", "demo-app");
        mesh().apply(model.editorProperty().get().edit().orElseThrow()).join();
        model.cancelEdit();
        model.follow(Capability.MESH);
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(model.rows()).extracting(PolicyRow::name).contains("deny-redis-to-demo-app"));
    }

    @Test
    void aReadOnlyControlPlaneIsSaidAndNothingIsWritten() throws Exception {
        try (RunningControlPlane cp = ControlPlane.start(ControlPlaneConfig.defaults(dir.resolve("ro"))
                        .withApiListen(new InetSocketAddress("127.0.0.1", 0))
                        .withReadOnly(true));
                ActiveConnection remote = TestConnections.connected(
                        dir.resolve("remote"), TestConnections.remoteKuma("Read-only Kuma", cp.apiUri()))) {
            PoliciesViewModel readOnly =
                    new PoliciesViewModel(new Messages(Locale.ROOT), remote, id -> {}, dialogs, UiExecutor.DIRECT);
            readOnly.reload();
            await().atMost(WAIT)
                    .until(() -> readOnly.capabilitiesProperty().get().readOnly());
            assertThat(readOnly.readOnlyReason()).contains("read-only");
            readOnly.startCreate(PolicyTemplate.ALLOW, "a", "b");
            readOnly.apply();
            assertThat(readOnly.savingProperty().get()).isFalse();
            assertThat(TestRuntimes.kuma(cp)
                            .get("/meshes/default/meshtrafficpermissions")
                            .join()
                            .path("total")
                            .asInt())
                    .isZero();
        }
    }
}
