package dev.gatehouse.app.repository.mesh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** One committed change: what happened to which resource, at which store revision, and the resource unless deleted. */
public record MeshChange(
        Operation operation, String type, String mesh, String name, long revision, Optional<ObjectNode> resource) {

    /** What happened. */
    public enum Operation {
        CREATE,
        UPDATE,
        DELETE
    }
}
