package dev.gatehouse.app.pages.meshes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One mesh as the Meshes page shows and edits it: its name, its certificate authority backends and the one enabled
 * (mTLS is on when a backend is enabled). Reads and writes Kuma's Universal Mesh, where {@code mtls} sits inline:
 * {@code {type: Mesh, name, mtls: {enabledBackend, backends: [{name, type, ...}]}}} (api/mesh/v1alpha1/mesh.proto,
 * kuma-counter-demo's 001-with-mtls mesh.yaml).
 */
public record MeshRow(String name, Optional<String> enabledBackend, List<Backend> backends, ObjectNode resource) {

    public MeshRow {
        backends = List.copyOf(backends);
        resource = resource.deepCopy();
    }

    /** One certificate authority backend: its name, type ({@code builtin}, {@code provided}) and mode. */
    public record Backend(String name, String type, String mode) {}

    /** Reads an item of {@code GET /meshes}. */
    public static MeshRow of(JsonNode mesh) {
        JsonNode mtls = mesh.path("mtls");
        List<Backend> backends = new ArrayList<>();
        for (JsonNode backend : mtls.path("backends")) {
            backends.add(new Backend(
                    backend.path("name").asText(""),
                    backend.path("type").asText(""),
                    backend.path("mode").asText("")));
        }
        String enabled = mtls.path("enabledBackend").asText("");
        return new MeshRow(
                mesh.path("name").asText(),
                enabled.isEmpty() ? Optional.empty() : Optional.of(enabled),
                backends,
                mesh instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode());
    }

    public boolean mtlsEnabled() {
        return enabledBackend.isPresent();
    }

    /**
     * The Mesh with mTLS on through {@code backend}; when the mesh has no backend of that name, a builtin CA of that
     * name is added first (Kuma generates its root certificate).
     */
    public ObjectNode withMtlsOn(String backend) {
        ObjectNode mesh = writable();
        ObjectNode mtls = mesh.withObjectProperty("mtls");
        if (backends.stream().noneMatch(b -> b.name().equals(backend))) {
            builtin(mtls.withArrayProperty("backends"), backend);
        }
        mtls.put("enabledBackend", backend);
        return mesh;
    }

    /** The Mesh with mTLS off: no enabled backend; the backends stay, so turning it on again keeps the same CA. */
    public ObjectNode withMtlsOff() {
        ObjectNode mesh = writable();
        if (mesh.path("mtls") instanceof ObjectNode mtls) {
            mtls.remove("enabledBackend");
        }
        return mesh;
    }

    /** The Mesh with one more builtin CA backend named {@code backend}, mTLS as it was. */
    public ObjectNode withBuiltinBackend(String backend) {
        ObjectNode mesh = writable();
        builtin(mesh.withObjectProperty("mtls").withArrayProperty("backends"), backend);
        return mesh;
    }

    /** The first {@code ca-N} no backend uses yet: a name to offer for a new builtin CA. */
    public String freeBackendName() {
        for (int i = 1; ; i++) {
            String candidate = "ca-" + i;
            if (backends.stream().noneMatch(b -> b.name().equals(candidate))) {
                return candidate;
            }
        }
    }

    private static void builtin(ArrayNode backends, String name) {
        backends.addObject().put("name", name).put("type", "builtin");
    }

    /** The resource as Kuma takes it back in a PUT: without the times the control plane sets itself. */
    private ObjectNode writable() {
        ObjectNode mesh = resource.deepCopy();
        mesh.remove("creationTime");
        mesh.remove("modificationTime");
        mesh.put("type", "Mesh");
        mesh.put("name", name);
        return mesh;
    }
}
