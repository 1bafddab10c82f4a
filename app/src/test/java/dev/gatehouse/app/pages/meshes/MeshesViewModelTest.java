package dev.gatehouse.app.pages.meshes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Meshes form against a real control plane: adding a builtin CA, the control plane's refusals shown at the
 * field they name with nothing applied, turning mTLS off after a confirmation, and a read-only control plane that
 * disables every write and says why.
 */
class MeshesViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunningControlPlane cp;
    private ActiveConnection connection;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private MeshesViewModel model;

    private void start(boolean readOnly) {
        cp = ControlPlane.start(ControlPlaneConfig.defaults(dir.resolve("cp"))
                .withApiListen(new InetSocketAddress("127.0.0.1", 0))
                .withReadOnly(readOnly));
        connection = TestConnections.connected(dir, TestConnections.remoteKuma("Kuma", cp.apiUri()));
        model = new MeshesViewModel(new Messages(Locale.ROOT), connection, page -> {}, dialogs, UiExecutor.DIRECT);
        model.activated();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> model.selectedProperty().get() != null);
    }

    @AfterEach
    void stop() {
        if (connection != null) {
            connection.close();
        }
        if (cp != null) {
            cp.close();
        }
    }

    private MeshRepository repository() {
        return connection.apis().mesh().orElseThrow();
    }

    private ObjectNode storedMesh() {
        return repository().find(MeshResourceType.MESH, "", "default").join().orElseThrow();
    }

    @Test
    void addsABuiltinBackendAndShowsTheControlPlanesRefusalAtTheField() {
        start(false);
        MeshRow mesh = model.selectedProperty().get();
        assertThat(mesh.name()).isEqualTo("default");
        assertThat(mesh.mtlsEnabled()).isFalse();
        assertThat(mesh.backends()).isEmpty();
        // With no backend yet, turning mTLS on would create a builtin CA named ca-1; adding one offers that name.
        assertThat(model.enableChoices()).containsExactly("ca-1");
        assertThat(model.newBackendProperty().get()).isEqualTo("ca-1");

        // A name Kuma cannot make a secret name of: refused, the reason under the name, nothing stored.
        model.newBackendProperty().set("Bad Name");
        model.addBuiltinBackend();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !model.newBackendErrorProperty().get().isEmpty());
        assertThat(model.newBackendErrorProperty().get()).contains("must be valid dns name");
        assertThat(model.formErrorProperty().get()).isEmpty();
        assertThat(storedMesh().path("mtls").path("backends")).isEmpty();

        model.newBackendProperty().set("ca-1");
        model.addBuiltinBackend();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !model.selectedProperty().get().backends().isEmpty());
        assertThat(model.selectedProperty().get().backends())
                .containsExactly(new MeshRow.Backend("ca-1", "builtin", ""));
        assertThat(model.selectedProperty().get().mtlsEnabled()).isFalse();
        assertThat(model.newBackendErrorProperty().get()).isEmpty();
        assertThat(model.statusProperty().get()).isEqualTo("Added the builtin CA ca-1 to mesh default.");
        assertThat(model.newBackendProperty().get()).isEqualTo("ca-2");

        // Kuma allows one backend per mesh (mesh_validator.go: "cannot have more than 1 backends").
        model.addBuiltinBackend();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !model.newBackendErrorProperty().get().isEmpty());
        assertThat(model.newBackendErrorProperty().get()).isEqualTo("cannot have more than 1 backends");
        assertThat(storedMesh().path("mtls").path("backends")).hasSize(1);

        // A name already there is caught before asking the control plane.
        model.newBackendProperty().set("ca-1");
        model.addBuiltinBackend();
        assertThat(model.newBackendErrorProperty().get()).isEqualTo("The mesh already has a backend named ca-1.");
    }

    @Test
    void turnsMtlsOffAfterAConfirmationAndKeepsTheBackends() throws Exception {
        start(false);
        repository()
                .apply(dev.gatehouse.app.repository.mesh.MeshEdit.put(
                        MeshResourceType.MESH, (ObjectNode) JSON.readTree("""
                        {"type":"Mesh","name":"default",
                         "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""")))
                .join();
        model.reload();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> model.selectedProperty().get().mtlsEnabled());

        dialogs.answerConfirmWith(false);
        model.disableMtls();
        assertThat(dialogs.shown()).singleElement().asString().startsWith("confirm: Turn off mTLS in mesh default");
        assertThat(storedMesh().path("mtls").path("enabledBackend").asText()).isEqualTo("ca-1");

        dialogs.answerConfirmWith(true);
        model.disableMtls();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !model.selectedProperty().get().mtlsEnabled());
        assertThat(storedMesh().path("mtls").has("enabledBackend")).isFalse();
        assertThat(model.selectedProperty().get().backends())
                .extracting(MeshRow.Backend::name)
                .containsExactly("ca-1");
        assertThat(model.statusProperty().get()).isEqualTo("mTLS is off in mesh default.");
        // Turning it on again offers the same CA.
        assertThat(model.enableChoices()).containsExactly("ca-1");
        assertThat(model.backendToEnableProperty().get()).isEqualTo("ca-1");
    }

    @Test
    void aReadOnlyControlPlaneDisablesTheFormAndSaysWhy() {
        start(true);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> model.readOnlyProperty().get());
        assertThat(model.readOnlyReasonProperty().get()).contains("read-only").contains("Kubernetes");
        model.enableMtls();
        model.addBuiltinBackend();
        // Nothing was asked, nothing was tried.
        assertThat(dialogs.shown()).isEmpty();
        assertThat(model.busyProperty().get()).isFalse();
        assertThat(List.of(
                        model.enableErrorProperty().get(),
                        model.newBackendErrorProperty().get(),
                        model.formErrorProperty().get()))
                .containsOnly("");
        assertThat(storedMesh().has("mtls")).isFalse();
    }
}
