package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;
import java.util.Optional;

/**
 * One directed edge between two {@link TopologyNode} ids: north-south with the routes it carries, or east-west with
 * the effective permission of the pair of mesh services (the access names the deciding policy and rule).
 */
public record TopologyEdge(
        String id,
        String source,
        String target,
        EdgeKind kind,
        List<RouteLink> routes,
        Optional<ServiceAccess> access) {

    public TopologyEdge {
        routes = List.copyOf(routes);
    }

    static TopologyEdge northSouth(String source, String target, List<RouteLink> routes) {
        return new TopologyEdge(
                "ns:" + source + "->" + target, source, target, EdgeKind.NORTH_SOUTH, routes, Optional.empty());
    }

    static TopologyEdge eastWest(String source, String target, ServiceAccess access) {
        return new TopologyEdge(
                "ew:" + source + "->" + target, source, target, EdgeKind.EAST_WEST, List.of(), Optional.of(access));
    }

    /** The east-west access, or {@code null} for north-south edges (for CSS classes and legends). */
    public ServiceAccess.Access accessOrNull() {
        return access.map(ServiceAccess::access).orElse(null);
    }
}
