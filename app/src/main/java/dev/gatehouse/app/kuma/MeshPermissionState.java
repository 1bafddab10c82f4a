package dev.gatehouse.app.kuma;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.mesh.policy.ServicePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mesh's resources as fetched, to which edits are applied as the control plane would apply them. */
final class MeshPermissionState {
    private final String mesh;
    private ObjectNode meshResource;
    private final Map<String, Map<String, ObjectNode>> byType = new LinkedHashMap<>();

    MeshPermissionState(
            String mesh,
            ObjectNode meshResource,
            List<ObjectNode> dataplanes,
            List<ObjectNode> trafficPermissions,
            List<ObjectNode> meshTrafficPermissions) {
        this.mesh = mesh;
        this.meshResource = meshResource;
        put(MeshResourceType.DATAPLANE, dataplanes);
        put(MeshResourceType.TRAFFIC_PERMISSION, trafficPermissions);
        put(MeshResourceType.MESH_TRAFFIC_PERMISSION, meshTrafficPermissions);
    }

    private void put(MeshResourceType type, List<ObjectNode> items) {
        Map<String, ObjectNode> byName = new LinkedHashMap<>();
        items.forEach(i -> byName.put(i.path("name").asText(), i));
        byType.put(type.name(), byName);
    }

    /** PUT replaces or creates by type and name, DELETE removes; an edit of the Mesh itself changes mTLS. */
    void apply(MeshEdit edit) {
        if (edit.type().equals(MeshResourceType.MESH)) {
            if (edit.name().equals(mesh)) {
                switch (edit.kind()) {
                    case PUT -> meshResource = edit.resource().orElseThrow().deepCopy();
                    // Kuma deletes a mesh with everything in it.
                    case DELETE -> byType.values().forEach(Map::clear);
                }
            }
            return;
        }
        Map<String, ObjectNode> items = byType.get(edit.type().name());
        if (items == null || !mesh.equals(edit.mesh())) {
            return; // another mesh, or a type that decides no permission
        }
        switch (edit.kind()) {
            case PUT -> {
                ObjectNode resource = edit.resource().orElseThrow().deepCopy();
                // Kuma keeps the creation time on update; a new policy is the latest (legacy ties go to it).
                ObjectNode previous = items.get(edit.name());
                if (previous != null && previous.has("creationTime")) {
                    resource.set("creationTime", previous.get("creationTime"));
                } else if (!resource.has("creationTime")) {
                    resource.put("creationTime", Instant.now().toString());
                }
                items.put(edit.name(), resource);
            }
            case DELETE -> items.remove(edit.name());
        }
    }

    ServicePermissions permissions() {
        return ServicePermissions.fromRest(
                meshResource,
                List.copyOf(byType.get(MeshResourceType.DATAPLANE.name()).values()),
                List.copyOf(
                        byType.get(MeshResourceType.TRAFFIC_PERMISSION.name()).values()),
                List.copyOf(byType.get(MeshResourceType.MESH_TRAFFIC_PERMISSION.name())
                        .values()));
    }
}
