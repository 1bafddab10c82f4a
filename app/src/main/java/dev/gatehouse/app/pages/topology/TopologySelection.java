package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.Optional;

/** What the user selected on the graph: a vertex, or an edge (for east-west edges, a pair and its access). */
public sealed interface TopologySelection {

    /** A selected vertex. */
    record NodeSelected(TopologyNode node) implements TopologySelection {}

    /**
     * A selected edge with its two ends; for an east-west edge also the mesh, the two service names and the access
     * with its deciding policy (what the editing side panel starts from).
     */
    record EdgeSelected(TopologyEdge edge, TopologyNode source, TopologyNode destination) implements TopologySelection {

        /** The permission of the pair, empty for a north-south edge. */
        public Optional<ServiceAccess> access() {
            return edge.access();
        }

        public String mesh() {
            return source.mesh();
        }
    }
}
