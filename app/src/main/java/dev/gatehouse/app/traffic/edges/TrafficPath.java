package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Outcome;
import java.util.List;

/**
 * The edges one request or hop crossed, in order (a particle follows them), and how it ended.
 *
 * @param sequence      the feed's number of the event
 * @param receivedNanos when the console received it
 */
public record TrafficPath(long sequence, long receivedNanos, Outcome outcome, List<TrafficEdge> edges) {

    public TrafficPath {
        edges = List.copyOf(edges);
    }

    /** True when the event maps to no edge (a hop from an unknown source, a request that matched no route). */
    public boolean empty() {
        return edges.isEmpty();
    }
}
