package dev.gatehouse.app.pages.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The whole platform as a graph: vertices, edges, and what the page says about each mesh. */
public record TopologyGraph(List<TopologyNode> nodes, List<TopologyEdge> edges, List<MeshSummary> meshes) {

    public static final TopologyGraph EMPTY = new TopologyGraph(List.of(), List.of(), List.of());

    public TopologyGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        meshes = List.copyOf(meshes);
    }

    public Optional<TopologyNode> node(String id) {
        return Optional.ofNullable(byId().get(id));
    }

    public Map<String, TopologyNode> byId() {
        return nodes.stream().collect(Collectors.toMap(TopologyNode::id, Function.identity(), (a, b) -> a));
    }

    public Optional<TopologyEdge> edge(String id) {
        return edges.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
