package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import java.util.List;
import java.util.Optional;

/**
 * What the topology reads from one mesh: the Mesh resource, its data plane overviews, and its permission matrix,
 * or why the matrix could not be had (the mesh is still drawn, without east-west edges).
 */
public record MeshSnapshot(
        ObjectNode mesh, List<ObjectNode> dataplanes, Optional<PermissionMatrix> matrix, Optional<String> problem) {

    public MeshSnapshot {
        dataplanes = List.copyOf(dataplanes);
    }

    public String name() {
        return mesh.path("name").asText();
    }
}
