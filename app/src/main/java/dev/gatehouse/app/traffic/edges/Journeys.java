package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.HopLinks;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Turns the graph's mapped events into particle journeys: a gateway request travels on through the mesh hops
 * {@link HopLinks} links to it ({@link TrafficPath#journey}), instead of each hop setting off a particle of its own.
 * A hop usually arrives a moment before its request (the mesh logs it when it is answered, the gateway after), so a
 * hop waits up to {@link #HOLD_NANOS} for its request before it is drawn on its own; a hop linked to a request that
 * arrived first continues that request's particle. Pure (no JavaFX), owned by one thread.
 */
public final class Journeys {

    /** How long a hop waits for its request before it gets a particle of its own. */
    public static final long HOLD_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /** What to draw. */
    public sealed interface Step {}

    /** A new particle along {@code path}. */
    public record Start(TrafficPath path) implements Step {}

    /**
     * A hop of request {@code request} (its feed sequence) that arrived after the request: continue the request's
     * particle when it is still on its way, else draw the hop on its own.
     */
    public record Continue(long request, TrafficPath hop) implements Step {}

    private record Held(TrafficEvent event, TrafficPath path, long until) {}

    private final EdgeTraffic traffic;
    private final long holdNanos;
    private final Map<TrafficEvent, Held> held = new IdentityHashMap<>();
    private final ArrayDeque<Held> byTime = new ArrayDeque<>();
    private HopLinks links;
    private String gatewayService;

    /** Links by {@code traffic}'s rule of which mesh record stands for a hop, so linked hops are the mapped ones. */
    public Journeys(EdgeTraffic traffic) {
        this(traffic, HOLD_NANOS);
    }

    Journeys(EdgeTraffic traffic, long holdNanos) {
        this.traffic = traffic;
        this.holdNanos = holdNanos;
    }

    /** Takes one event with its {@code path} (as {@link EdgeTraffic#record} mapped it) and adds what to draw. */
    public void add(TrafficEvent event, TrafficPath path, long nowNanos, List<Step> out) {
        List<HopLinks.Link> linked = links().add(event);
        if (event.origin() == Origin.GATEWAY) {
            if (path.empty()) {
                return; // its hops, if any, are drawn on their own when their wait ends
            }
            List<Held> mine = new ArrayList<>(linked.size());
            for (HopLinks.Link link : linked) {
                Held h = held.remove(link.hop());
                if (h != null) {
                    mine.add(h);
                }
            }
            if (mine.isEmpty()) {
                out.add(new Start(path));
                return;
            }
            mine.sort(Comparator.comparing((Held h) -> h.event().time()));
            List<TrafficPath> unplaced = new ArrayList<>();
            out.add(new Start(
                    TrafficPath.journey(path, mine.stream().map(Held::path).toList(), unplaced)));
            unplaced.forEach(p -> out.add(new Start(p)));
        } else if (!path.empty()) {
            if (!linked.isEmpty()) {
                out.add(new Continue(linked.getFirst().request().sequence(), path));
            } else if (holdNanos <= 0) {
                out.add(new Start(path));
            } else {
                Held h = new Held(event, path, nowNanos + holdNanos);
                held.put(event, h);
                byTime.addLast(h);
            }
        }
    }

    /** Adds the hops whose wait for a request ended by {@code nowNanos}: each on its own. */
    public void due(long nowNanos, List<Step> out) {
        while (!byTime.isEmpty() && byTime.peekFirst().until() - nowNanos <= 0) {
            Held h = byTime.pollFirst();
            if (held.remove(h.event()) != null) {
                out.add(new Start(h.path()));
            }
        }
    }

    /** Forgets waiting hops (paused: nothing is drawn until resumed). */
    public void clear() {
        held.clear();
        byTime.clear();
    }

    /** Hops waiting for their request (the overlay keeps frames coming while some do). */
    public int waiting() {
        return held.size();
    }

    /** The links for the graph's gateway: its mesh service's name when it is a data plane of the mesh. */
    private HopLinks links() {
        String gateway = traffic.gatewayService();
        if (links == null || !gateway.equals(gatewayService)) {
            gatewayService = gateway;
            links = new HopLinks(gateway, traffic::countsAsHop);
        }
        return links;
    }
}
