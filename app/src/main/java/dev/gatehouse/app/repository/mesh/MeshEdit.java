package dev.gatehouse.app.repository.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One change to the control plane's state: put a resource (create or replace it, Kuma's {@code PUT}) or delete one.
 * Edits are what the console applies, previews with the permission engine, and inverts to undo.
 */
public record MeshEdit(Kind kind, MeshResourceType type, String mesh, String name, Optional<ObjectNode> resource) {

    /** What the edit does. */
    public enum Kind {
        PUT,
        DELETE
    }

    /** Creates or replaces {@code resource} (a Universal JSON object with {@code type}, {@code mesh}, {@code name}). */
    public static MeshEdit put(MeshResourceType type, ObjectNode resource) {
        return new MeshEdit(
                Kind.PUT,
                type,
                resource.path("mesh").asText(""),
                resource.path("name").asText(),
                Optional.of(resource.deepCopy()));
    }

    public static MeshEdit delete(MeshResourceType type, String mesh, String name) {
        return new MeshEdit(Kind.DELETE, type, mesh, name, Optional.empty());
    }
}
