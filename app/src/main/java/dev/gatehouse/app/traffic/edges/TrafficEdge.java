package dev.gatehouse.app.traffic.edges;

/**
 * An edge traffic crossed, by the topology graph's ids: it may be one the graph does not draw (a pair the mesh
 * denied, a consumer added since the graph was read), which the graph then shows while it has traffic.
 */
public record TrafficEdge(String id, String source, String target, boolean eastWest) {

    static TrafficEdge northSouth(String source, String target) {
        return new TrafficEdge(TrafficGraph.northSouth(source, target), source, target, false);
    }

    static TrafficEdge eastWest(String source, String target) {
        return new TrafficEdge(TrafficGraph.eastWest(source, target), source, target, true);
    }
}
