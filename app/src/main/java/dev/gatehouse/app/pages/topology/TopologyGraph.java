package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.traffic.edges.TrafficGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** What live traffic is mapped onto: the callers', the gateway's and the upstreams' node ids. */
    public TrafficGraph traffic() {
        Map<String, String> consumers = new HashMap<>();
        Map<String, String> services = new HashMap<>();
        Map<String, String> externals = new HashMap<>();
        for (TopologyNode node : nodes) {
            switch (node.kind()) {
                case CLIENT -> {
                    consumers.putIfAbsent(node.id().substring("client:".length()), node.id());
                    consumers.putIfAbsent(node.label(), node.id());
                }
                case EXTERNAL -> externals.put(node.label(), node.id());
                case GATEWAY, SERVICE -> {
                    if (node.inMesh()) {
                        services.put(node.mesh() + "/" + node.service(), node.id());
                    }
                }
                case ANONYMOUS -> {}
            }
        }
        // The gateway is where the callers' edges lead (the mesh's gateway data plane when there is one, else Kong).
        String gateway = edges.stream()
                .filter(e -> e.source().startsWith("client:"))
                .map(TopologyEdge::target)
                .findFirst()
                .orElseGet(() -> nodes.stream()
                        .filter(n -> n.kind() == NodeKind.GATEWAY)
                        .map(TopologyNode::id)
                        .findFirst()
                        .orElse(""));
        Set<String> plain =
                meshes.stream().filter(m -> !m.mtls()).map(MeshSummary::name).collect(Collectors.toSet());
        return new TrafficGraph(TopologyBuilder.ANONYMOUS_ID, gateway, consumers, services, externals, plain);
    }
}
