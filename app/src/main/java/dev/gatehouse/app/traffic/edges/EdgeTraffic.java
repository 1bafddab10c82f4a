package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Maps traffic events onto the graph's edges and keeps each edge's last minute (rps, error rate, p50/p99 over 10 s
 * and 1 min). Pure (no JavaFX), owned by one thread (the UI's).
 *
 * <p>A gateway request crosses {@code client → gateway} and, when Kong sent it upstream (its upstream host is
 * known: {@code ""} when Kong answered itself), {@code gateway → upstream} (north-south, as Kong saw it). Its mesh hop {@code gateway → service} (east-west) is counted only from the data
 * planes' records: the two edges are distinct, so a request is never counted twice on one edge, and an east-west edge
 * shows what the mesh reported, nothing inferred. A mesh record counts when it stands for the hop (see
 * {@link #countsAsHop}), denied hops included (on the pair's edge, drawn or not).
 *
 * <p>Windows run on the console's receive clock ({@link TrafficEvent#receivedNanos()}), not on the products' clocks,
 * so a remote clock off by minutes still lands in the current second.
 */
public final class EdgeTraffic {

    private final LongSupplier nanoClock;
    private final long origin;
    private final Map<String, EdgeCounters> counters = new HashMap<>();
    private final Map<String, TrafficEdge> edges = new LinkedHashMap<>();
    private final LatencyHistogram scratch = new LatencyHistogram();
    private TrafficGraph graph = TrafficGraph.EMPTY;
    private long unmapped;

    /** Counts on {@code nanoClock} ({@link System#nanoTime()} in the app; a hand-moved clock in tests). */
    public EdgeTraffic(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.origin = nanoClock.getAsLong();
    }

    /** The graph events are mapped onto from now on (figures already counted stay). */
    public void graph(TrafficGraph now) {
        graph = now;
    }

    /** The edges {@code event} crosses, without counting it. */
    public TrafficPath map(TrafficEvent event) {
        List<TrafficEdge> path = new ArrayList<>(2);
        if (event.origin() == Origin.GATEWAY) {
            if (!graph.gateway().isEmpty()) {
                path.add(TrafficEdge.northSouth(graph.client(event.consumer()), graph.gateway()));
                String upstream = graph.upstream(event.upstreamHost());
                if (!upstream.isEmpty() && !event.destination().isEmpty()) {
                    path.add(TrafficEdge.northSouth(graph.gateway(), upstream));
                }
            }
        } else if (countsAsHop(event)
                && !event.source().isEmpty()
                && !event.destination().isEmpty()) {
            path.add(TrafficEdge.eastWest(
                    TrafficGraph.serviceNode(event.mesh(), event.source()),
                    TrafficGraph.serviceNode(event.mesh(), event.destination())));
        }
        return new TrafficPath(event.sequence(), event.receivedNanos(), event.outcome(), path);
    }

    /**
     * Whether a mesh record is the one counted for its hop: {@link TrafficEvent#countsAsHop(boolean)}, the one rule,
     * with the mesh's mode as the control plane says (the graph's {@link TrafficGraph#plainMeshes()}).
     */
    public boolean countsAsHop(TrafficEvent event) {
        return event.countsAsHop(!graph.plainMeshes().contains(event.mesh()));
    }

    /** The gateway's mesh service when the gateway is a data plane of a mesh ({@code gateway}), else "". */
    public String gatewayService() {
        String gateway = graph.gateway();
        int slash = gateway.indexOf('/');
        return gateway.startsWith("svc:") && slash > 0 ? gateway.substring(slash + 1) : "";
    }

    /** Counts {@code event} on its edges and returns them. */
    public TrafficPath record(TrafficEvent event) {
        TrafficPath path = map(event);
        if (path.empty()) {
            unmapped++;
            return path;
        }
        long second = second(event.receivedNanos());
        if (second <= (long) Math.floor(seconds(nanoClock.getAsLong())) - EdgeCounters.SECONDS) {
            return path; // older than any window: shown, not counted (it would overwrite a current second)
        }
        for (TrafficEdge edge : path.edges()) {
            edges.putIfAbsent(edge.id(), edge);
            counters.computeIfAbsent(edge.id(), id -> new EdgeCounters())
                    .record(second, event.outcome(), event.latencyMillis());
        }
        return path;
    }

    /** Events that crossed no edge (counted, so the page can say so). */
    public long unmapped() {
        return unmapped;
    }

    /** The edge with id {@code id} once traffic crossed it. */
    public Optional<TrafficEdge> edge(String id) {
        return Optional.ofNullable(edges.get(id));
    }

    /** Every edge with traffic in the window and its figures; edges quiet for a minute are forgotten. */
    public Map<String, EdgeStats> edges(StatsWindow window) {
        double t = seconds(nanoClock.getAsLong());
        long now = (long) Math.floor(t);
        double span = Math.max(1, Math.min(window.seconds() - 1 + (t - now), t));
        Map<String, EdgeStats> out = new LinkedHashMap<>();
        var it = counters.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, EdgeCounters> e = it.next();
            if (e.getValue().last() <= now - EdgeCounters.SECONDS) {
                it.remove();
                edges.remove(e.getKey());
                continue;
            }
            EdgeStats stats = e.getValue().summary(now, window.seconds(), span, scratch);
            if (stats.active()) {
                out.put(e.getKey(), stats);
            }
        }
        return out;
    }

    /** One edge's figures over the window ({@link EdgeStats#NONE} when quiet). */
    public EdgeStats stats(String edgeId, StatsWindow window) {
        EdgeCounters c = counters.get(edgeId);
        if (c == null) {
            return EdgeStats.NONE;
        }
        double t = seconds(nanoClock.getAsLong());
        long now = (long) Math.floor(t);
        double span = Math.max(1, Math.min(window.seconds() - 1 + (t - now), t));
        return c.summary(now, window.seconds(), span, scratch);
    }

    /**
     * Each node's badge figures from the edges' {@code stats}: what came in (for a node nothing enters, a caller,
     * what went out). A mesh service reached both by a route (north-south, as Kong counted it) and by the mesh hop
     * behind it (east-west, as the data planes counted it) counts its east-west edges only: the same requests must
     * not count twice. The latencies are the busiest edge's, as percentiles do not add up.
     */
    public Map<String, EdgeStats> nodes(Map<String, EdgeStats> stats) {
        Map<String, EdgeStats> inEastWest = new HashMap<>();
        Map<String, EdgeStats> inNorthSouth = new HashMap<>();
        Map<String, EdgeStats> out = new HashMap<>();
        stats.forEach((id, s) -> {
            TrafficEdge edge = edges.get(id);
            if (edge != null) {
                (edge.eastWest() ? inEastWest : inNorthSouth).merge(edge.target(), s, EdgeTraffic::sum);
                out.merge(edge.source(), s, EdgeTraffic::sum);
            }
        });
        Map<String, EdgeStats> nodes = new HashMap<>(inNorthSouth);
        nodes.putAll(inEastWest);
        out.forEach(nodes::putIfAbsent);
        return nodes;
    }

    private static EdgeStats sum(EdgeStats a, EdgeStats b) {
        long requests = a.requests() + b.requests();
        EdgeStats busier = a.requests() >= b.requests() ? a : b;
        return new EdgeStats(
                requests,
                a.rps() + b.rps(),
                requests == 0 ? 0 : (a.errorRate() * a.requests() + b.errorRate() * b.requests()) / requests,
                busier.p50(),
                busier.p99(),
                a.denied() + b.denied());
    }

    private long second(long receivedNanos) {
        long now = (long) Math.floor(seconds(nanoClock.getAsLong()));
        // a receive time ahead of the clock (it was read on another core a moment later) is this second
        return Math.min(now, (long) Math.floor(seconds(receivedNanos)));
    }

    private double seconds(long nanos) {
        return (nanos - origin) / 1e9;
    }
}
