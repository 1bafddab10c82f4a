package dev.gatehouse.app.pages.topology;

import java.util.Map;

/** A graph with every vertex placed: what the view draws. */
public record TopologyDrawing(TopologyGraph graph, Map<String, Point> positions) {

    public static final TopologyDrawing EMPTY = new TopologyDrawing(TopologyGraph.EMPTY, Map.of());

    public TopologyDrawing {
        positions = Map.copyOf(positions);
    }
}
