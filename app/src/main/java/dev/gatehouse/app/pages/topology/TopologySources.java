package dev.gatehouse.app.pages.topology;

import java.util.List;
import java.util.Optional;

/** Everything the graph is built from: the gateway half (absent on a mesh-only connection) and each mesh. */
public record TopologySources(Optional<GatewaySnapshot> gateway, List<MeshSnapshot> meshes) {

    public static final TopologySources NONE = new TopologySources(Optional.empty(), List.of());

    public TopologySources {
        meshes = List.copyOf(meshes);
    }

    public TopologySources withGateway(Optional<GatewaySnapshot> g) {
        return new TopologySources(g, meshes);
    }

    public TopologySources withMeshes(List<MeshSnapshot> m) {
        return new TopologySources(gateway, m);
    }
}
