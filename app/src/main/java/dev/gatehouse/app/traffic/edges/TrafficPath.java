package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The edges one request or hop crossed, in order (a particle follows them), how it ended, and how each edge's part
 * ended (a request's journey on through its mesh hops takes each hop's outcome on that hop's edge).
 *
 * @param sequence      the feed's number of the event
 * @param receivedNanos when the console received it
 * @param outcomes      one per edge
 */
public record TrafficPath(
        long sequence, long receivedNanos, Outcome outcome, List<TrafficEdge> edges, List<Outcome> outcomes) {

    public TrafficPath {
        edges = List.copyOf(edges);
        outcomes = List.copyOf(outcomes);
        if (outcomes.size() != edges.size()) {
            throw new IllegalArgumentException("one outcome per edge: " + edges.size() + " edges, " + outcomes);
        }
    }

    /** A path whose every edge ends as the whole. */
    public TrafficPath(long sequence, long receivedNanos, Outcome outcome, List<TrafficEdge> edges) {
        this(sequence, receivedNanos, outcome, edges, Collections.nCopies(edges.size(), outcome));
    }

    /** True when the event maps to no edge (a hop from an unknown source, a request that matched no route). */
    public boolean empty() {
        return edges.isEmpty();
    }

    /** The node the path ends at; "" when empty. */
    public String end() {
        return edges.isEmpty() ? "" : edges.getLast().target();
    }

    /**
     * A gateway request's journey on through the mesh hops linked to it: {@code client → gateway}, then hop by hop
     * from the gateway ({@code gateway → demo-app → redis}), each hop's edge in that hop's outcome. The mesh's hop
     * {@code gateway → upstream} takes the place of the request's north-south edge to the upstream (the same hop, as
     * the mesh saw it); without it, the north-south edge leads on to the upstream's own hops. A denied hop ends the
     * journey on its edge. {@code hops} are one-edge paths in the order they started; those that do not continue the
     * journey (a second connection from the same service, a hop of another branch) are left in {@code unplaced}.
     */
    public static TrafficPath journey(TrafficPath request, List<TrafficPath> hops, List<TrafficPath> unplaced) {
        if (request.edges.isEmpty() || hops.isEmpty()) {
            unplaced.addAll(hops);
            return request;
        }
        List<TrafficEdge> edges = new ArrayList<>(request.edges.size() + hops.size());
        List<Outcome> outcomes = new ArrayList<>(edges.size());
        edges.add(request.edges.getFirst());
        outcomes.add(request.outcomes.getFirst());
        List<TrafficPath> left = new ArrayList<>(hops);
        String at = request.edges.getFirst().target();
        if (next(left, at) < 0 && request.edges.size() > 1) {
            edges.add(request.edges.get(1));
            outcomes.add(request.outcomes.get(1));
            at = request.edges.get(1).target();
        }
        for (int i = next(left, at); i >= 0; i = next(left, at)) {
            TrafficPath hop = left.remove(i);
            edges.add(hop.edges.getFirst());
            outcomes.add(hop.outcome);
            if (hop.outcome == Outcome.MESH_DENIED) {
                break; // nothing went past a denial
            }
            at = hop.edges.getFirst().target();
        }
        unplaced.addAll(left);
        return new TrafficPath(request.sequence, request.receivedNanos, request.outcome, edges, outcomes);
    }

    /** The first one-edge path in {@code hops} that leaves {@code node}; -1 when none. */
    private static int next(List<TrafficPath> hops, String node) {
        for (int i = 0; i < hops.size(); i++) {
            List<TrafficEdge> e = hops.get(i).edges;
            if (e.size() == 1 && e.getFirst().source().equals(node)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * This journey with a hop that arrived after it started, when the hop leads on from where it ends (and it did
     * not end in a denial); otherwise empty.
     */
    public java.util.Optional<TrafficPath> continuedBy(TrafficPath hop) {
        if (edges.isEmpty() || hop.edges.size() != 1 || outcomes.getLast() == Outcome.MESH_DENIED) {
            return java.util.Optional.empty();
        }
        TrafficEdge next = hop.edges.getFirst();
        List<TrafficEdge> e = new ArrayList<>(edges);
        List<Outcome> o = new ArrayList<>(outcomes);
        if (next.source().equals(end())) {
            e.add(next);
            o.add(hop.outcome);
        } else if (edges.size() == 2
                && !edges.get(1).eastWest()
                && next.source().equals(edges.get(0).target())
                && next.target().equals(end())) {
            // the mesh's own record of the hop to the upstream replaces the request's north-south edge there
            e.set(1, next);
            o.set(1, hop.outcome);
        } else {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new TrafficPath(sequence, receivedNanos, outcome, e, o));
    }
}
