package dev.gatehouse.app.pages.topology;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which part of the graph is shown: one mesh or all (clients, the gateway and external hosts always stay), one
 * service with its neighbours or all, and whether vertices without a shown edge are hidden.
 */
public record GraphFilter(String mesh, String serviceId, boolean hideUnconnected) {

    public static final GraphFilter ALL = new GraphFilter("", "", false);

    /** The ids of the vertices and edges shown. */
    public record Shown(Set<String> nodes, Set<String> edges) {}

    public Shown apply(TopologyGraph graph) {
        Set<String> nodes = graph.nodes().stream()
                .filter(n -> mesh.isEmpty() || !n.inMesh() || n.mesh().equals(mesh) || n.kind() == NodeKind.GATEWAY)
                .map(TopologyNode::id)
                .collect(Collectors.toCollection(HashSet::new));
        if (!serviceId.isEmpty() && nodes.contains(serviceId)) {
            Set<String> neighbours = new HashSet<>(Set.of(serviceId));
            graph.edges().forEach(e -> {
                if (e.source().equals(serviceId)) {
                    neighbours.add(e.target());
                } else if (e.target().equals(serviceId)) {
                    neighbours.add(e.source());
                }
            });
            nodes.retainAll(neighbours);
        }
        Set<String> edges = graph.edges().stream()
                .filter(e -> nodes.contains(e.source()) && nodes.contains(e.target()))
                .filter(e -> serviceId.isEmpty()
                        || !nodes.contains(serviceId)
                        || e.source().equals(serviceId)
                        || e.target().equals(serviceId))
                .map(TopologyEdge::id)
                .collect(Collectors.toCollection(HashSet::new));
        if (hideUnconnected) {
            Set<String> connected = new HashSet<>();
            graph.edges().stream().filter(e -> edges.contains(e.id())).forEach(e -> {
                connected.add(e.source());
                connected.add(e.target());
            });
            nodes.retainAll(connected);
        }
        return new Shown(Set.copyOf(nodes), Set.copyOf(edges));
    }

    /** The vertices whose label or mesh contains {@code text}, ignoring case; none for blank text. */
    public static Set<String> matches(TopologyGraph graph, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return Set.of();
        }
        return graph.nodes().stream()
                .filter(n -> n.label().toLowerCase(Locale.ROOT).contains(needle)
                        || n.id().toLowerCase(Locale.ROOT).contains(needle))
                .map(TopologyNode::id)
                .collect(Collectors.toUnmodifiableSet());
    }
}
