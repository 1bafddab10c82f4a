package dev.gatehouse.app.meshpolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apply, undo and redo against a real control plane, each checked over its REST API with a plain HTTP client: the
 * inverse of a create is a delete, of a replace the old version, of a delete the deleted resource; a resource
 * changed meanwhile is never overwritten by an undo; a change that fails half-way is rolled back.
 */
class EditHistoryTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String MTP = "/meshes/default/meshtrafficpermissions/";
    private static final String TP = "/meshes/default/traffic-permissions/";

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final HttpClient http = HttpClient.newHttpClient();
    private RunningControlPlane cp;
    private KumaClient kuma;
    private EditHistory history;
    private PolicyChanges changes;

    @BeforeEach
    void start() {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        history = new EditHistory(new KumaMeshRepository(kuma), messages, UiExecutor.DIRECT);
        changes = new PolicyChanges(messages);
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    /** The control plane's answer to GET {@code path}: its status and body. */
    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(cp.apiUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode found(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as("GET " + path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private int status(String path) throws Exception {
        return get(path).statusCode();
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(cp.apiUri() + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
    }

    private static Throwable failureOf(CompletableFuture<?> call) {
        try {
            call.join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected the call to fail");
    }

    @Test
    void anAllowIsUndoneAndRedoneOnTheControlPlane() throws Exception {
        AtomicInteger heard = new AtomicInteger();
        history.addListener(heard::incrementAndGet);
        PolicyChange allow = changes.allow("default", "gateway", "demo-app", true);
        assertThat(allow.description())
                .isEqualTo("Allowed gateway \u2192 demo-app (MeshTrafficPermission allow-gateway-to-demo-app)");

        history.apply(allow).join();
        assertThat(found(MTP + "allow-gateway-to-demo-app")
                        .path("spec")
                        .path("from")
                        .get(0)
                        .toString())
                .contains("gateway");
        assertThat(history.canUndo()).isTrue();
        assertThat(history.undoDescription()).contains(allow.description());

        history.undo().join();
        assertThat(status(MTP + "allow-gateway-to-demo-app")).isEqualTo(404);
        assertThat(history.canUndo()).isFalse();
        assertThat(history.canRedo()).isTrue();

        history.redo().join();
        assertThat(status(MTP + "allow-gateway-to-demo-app")).isEqualTo(200);
        assertThat(history.entries())
                .extracting(HistoryEntry::kind, HistoryEntry::description)
                .containsExactly(
                        tuple(HistoryEntry.Kind.APPLIED, allow.description()),
                        tuple(HistoryEntry.Kind.UNDONE, "Undid: " + allow.description()),
                        tuple(HistoryEntry.Kind.REDONE, "Redid: " + allow.description()));
        assertThat(history.busy()).isFalse();
        assertThat(heard.get()).isPositive();
    }

    @Test
    void undoingAReplaceRestoresTheOldSpec() throws Exception {
        put(MTP + "to-redis", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"to-redis",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"redis"}},
                  "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"demo-app"}},
                           "default":{"action":"Allow"}}]}}""");
        JsonNode oldSpec = found(MTP + "to-redis").path("spec");
        ObjectNode replaced = (ObjectNode) JSON.readTree("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"to-redis",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"redis"}},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");

        history.apply(changes.save(MeshResourceType.MESH_TRAFFIC_PERMISSION, replaced))
                .join();
        assertThat(found(MTP + "to-redis").path("spec")).isNotEqualTo(oldSpec);

        history.undo().join();
        assertThat(found(MTP + "to-redis").path("spec")).isEqualTo(oldSpec);
        history.redo().join();
        assertThat(found(MTP + "to-redis").path("spec")).isEqualTo(replaced.path("spec"));
    }

    @Test
    void undoingADeletePutsTheDeletedPolicyBack() throws Exception {
        JsonNode allowAll = found(TP + "allow-all-default");

        history.apply(changes.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .join();
        assertThat(status(TP + "allow-all-default")).isEqualTo(404);

        history.undo().join();
        JsonNode restored = found(TP + "allow-all-default");
        assertThat(restored.path("sources")).isEqualTo(allowAll.path("sources"));
        assertThat(restored.path("destinations")).isEqualTo(allowAll.path("destinations"));
    }

    @Test
    void aChangeOfSeveralEditsIsUndoneInReverseOrder() throws Exception {
        // Splitting a TrafficPermission writes two policies; the undo puts the first back and deletes the second.
        ObjectNode frontends = (ObjectNode) JSON.readTree("""
                {"type":"TrafficPermission","mesh":"default","name":"frontends",
                 "sources":[{"match":{"kuma.io/service":"gateway"}},{"match":{"kuma.io/service":"web"}}],
                 "destinations":[{"match":{"kuma.io/service":"demo-app"}},{"match":{"kuma.io/service":"redis"}}]}""");
        put(TP + "frontends", frontends.toString());
        JsonNode before = found(TP + "frontends");
        Narrowing.Narrowed split =
                (Narrowing.Narrowed) PolicyNarrowing.narrow(before.deepCopy(), "gateway", "redis", false);
        assertThat(split.edits()).hasSize(2);

        history.apply(changes.narrow(split, new PolicyRef("TrafficPermission", "frontends"), "gateway", "redis"))
                .join();
        assertThat(found(TP + "frontends").path("destinations")).hasSize(1);
        assertThat(status(TP + "frontends-except-gateway-to-redis")).isEqualTo(200);

        history.undo().join();
        assertThat(found(TP + "frontends").path("destinations")).isEqualTo(before.path("destinations"));
        assertThat(status(TP + "frontends-except-gateway-to-redis")).isEqualTo(404);
    }

    @Test
    void anUndoNeverOverwritesAChangeMadeMeanwhile() throws Exception {
        PolicyChange allow = changes.allow("default", "gateway", "demo-app", true);
        history.apply(allow).join();
        String theirs = """
                {"type":"MeshTrafficPermission","mesh":"default","name":"allow-gateway-to-demo-app",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"demo-app"}},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""";
        put(MTP + "allow-gateway-to-demo-app", theirs);

        Throwable failure = failureOf(history.undo());
        assertThat(failure)
                .isInstanceOf(EditHistoryException.class)
                .hasMessageContaining("Cannot undo")
                .hasMessageContaining("MeshTrafficPermission allow-gateway-to-demo-app has changed since");
        // Their version stays, and the history still offers the undo.
        assertThat(found(MTP + "allow-gateway-to-demo-app")
                        .path("spec")
                        .path("from")
                        .get(0)
                        .path("targetRef")
                        .path("kind")
                        .asText())
                .isEqualTo("Mesh");
        assertThat(history.canUndo()).isTrue();
        assertThat(history.canRedo()).isFalse();
        assertThat(history.entries()).hasSize(1);
    }

    @Test
    void aChangeThatFailsHalfWayIsRolledBackAndNotRecorded() throws Exception {
        ObjectNode good = PermissionTemplates.allow("default", "gateway", "demo-app", true);
        ObjectNode bad = PermissionTemplates.allow("default", "demo-app", "redis", true);
        ((ObjectNode) bad.path("spec").path("from").get(0).path("default")).put("action", "Maybe");
        PolicyChange change = new PolicyChange(
                "two permissions",
                List.of(
                        MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, good),
                        MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, bad)));

        Throwable failure = failureOf(history.apply(change));
        // The control plane's refusal comes through as such, with the field it names, for the form to mark.
        assertThat(failure)
                .isInstanceOfSatisfying(
                        MeshException.class,
                        refusal -> assertThat(refusal.fieldErrors()).isNotEmpty());
        assertThat(status(MTP + "allow-gateway-to-demo-app")).isEqualTo(404);
        assertThat(history.canUndo()).isFalse();
        assertThat(history.entries()).isEmpty();
    }

    @Test
    void withNothingToUndoOrRedoTheHistorySaysSo() {
        assertThat(failureOf(history.undo())).hasMessage("Nothing to undo.");
        assertThat(failureOf(history.redo())).hasMessage("Nothing to redo.");
    }

    @Test
    void callsRunInTheOrderTheyWereMade() throws Exception {
        // Ctrl+Z pressed twice before the first undo finished undoes both changes.
        history.apply(changes.allow("default", "gateway", "demo-app", true));
        history.apply(changes.allow("default", "demo-app", "redis", true));
        history.undo();
        history.undo().join();
        assertThat(status(MTP + "allow-gateway-to-demo-app")).isEqualTo(404);
        assertThat(status(MTP + "allow-demo-app-to-redis")).isEqualTo(404);
        assertThat(history.entries()).hasSize(4);
        assertThat(history.canRedo()).isTrue();
    }
}
