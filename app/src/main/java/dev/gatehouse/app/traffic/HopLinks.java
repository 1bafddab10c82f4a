package dev.gatehouse.app.traffic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Links each gateway request to the mesh hops behind it, as events arrive (either may come first: a TCP hop is
 * logged when its connection closes, a request when it is answered).
 *
 * <ul>
 *   <li><b>Exact</b>: the hop carries the request's {@code X-Kong-Request-Id} (HTTP hops: the gateway forwards the
 *       header upstream and MeshAccessLog logs {@code %REQ(X-KONG-REQUEST-ID)%}).
 *   <li><b>By time</b> (probable): TCP hops carry no header. A hop from the gateway's mesh service to the service
 *       behind the request's upstream host ({@code demo-app.mesh} → {@code demo-app}), or a hop from that service
 *       onwards (demo-app → redis), that starts within the request's [start, start + latency]. When several
 *       requests' windows hold the hop's start, the one that started last before it wins; one that started after
 *       it (within the clock slack) only gets it when none started before it. A TCP connection that is reused is
 *       logged once, when it closes, so only the request that opened it gets that hop.
 * </ul>
 *
 * A hop belongs to one request at most. Events older than {@link #HORIZON_NANOS} (by arrival) are forgotten. Not
 * thread-safe: the Live traffic page calls it on the UI thread, batch by batch.
 */
public final class HopLinks {

    /** How long a request waits for its hops, and a hop for its request, after arriving. */
    public static final long HORIZON_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Clock tolerance on both ends of a request's window: Kong's {@code started_at} is in whole milliseconds. */
    static final long SLACK_MICROS = 2_000;

    /** How a hop was linked to its request. */
    public enum Match {
        /** Same request id: certain. */
        EXACT,
        /** Same services, starting within the request's time window: probable. */
        BY_TIME
    }

    /**
     * One hop linked to one gateway request.
     *
     * @param movedFrom the request this hop was linked to by time until a request that fits it better arrived (it
     *     started later, yet before the hop); empty for a first link
     */
    public record Link(TrafficEvent request, TrafficEvent hop, Match match, Optional<TrafficEvent> movedFrom) {

        public Link(TrafficEvent request, TrafficEvent hop, Match match) {
            this(request, hop, match, Optional.empty());
        }
    }

    /** A request still waiting for hops. */
    private record Request(TrafficEvent event, long startMicros, long endMicros, String upstreamService) {}

    private final String gatewayService;
    private final long horizonNanos;
    private final java.util.function.Predicate<TrafficEvent> hops;
    private final ArrayDeque<Request> requestsByArrival = new ArrayDeque<>();
    private final NavigableMap<Long, List<Request>> requestsByStart = new TreeMap<>();
    private final Map<String, Request> requestsById = new HashMap<>();
    private final ArrayDeque<TrafficEvent> hopsByArrival = new ArrayDeque<>();
    private final NavigableMap<Long, List<TrafficEvent>> hopsByStart = new TreeMap<>();
    private final Map<String, List<TrafficEvent>> hopsById = new HashMap<>();
    /** Hops linked by time, with their request: a later-arriving request may fit them better. */
    private final Map<TrafficEvent, Request> ownerByTime = new IdentityHashMap<>();

    private long longestWindowMicros;

    /** {@code gatewayService}: the gateway's own mesh service ({@code gateway} in the sandbox); "" when unknown. */
    public HopLinks(String gatewayService) {
        this(gatewayService, TrafficEvent::countsAsHop);
    }

    /** Links the mesh records {@code hops} accepts as hops (the graph's rule, which knows each mesh's mTLS). */
    public HopLinks(String gatewayService, java.util.function.Predicate<TrafficEvent> hops) {
        this(gatewayService, HORIZON_NANOS, hops);
    }

    HopLinks(String gatewayService, long horizonNanos) {
        this(gatewayService, horizonNanos, TrafficEvent::countsAsHop);
    }

    private HopLinks(String gatewayService, long horizonNanos, java.util.function.Predicate<TrafficEvent> hops) {
        this.gatewayService = gatewayService;
        this.horizonNanos = horizonNanos;
        this.hops = hops;
    }

    /** The mesh service a gateway upstream host stands for: {@code demo-app.mesh} → {@code demo-app}. */
    public static String serviceOfHost(String upstreamHost) {
        String host = upstreamHost.toLowerCase(Locale.ROOT);
        return host.endsWith(".mesh") ? host.substring(0, host.length() - ".mesh".length()) : host;
    }

    /**
     * Takes one event (a gateway request, or a mesh record that counts as a hop: {@link TrafficEvent#countsAsHop()}
     * unless told otherwise; others are ignored) and returns the links it completes, if any.
     */
    public List<Link> add(TrafficEvent event) {
        forget(event.receivedNanos());
        if (event.origin() == Origin.GATEWAY) {
            return addRequest(event);
        }
        if (event.origin() == Origin.MESH && hops.test(event)) {
            return addHop(event);
        }
        return List.of();
    }

    private List<Link> addRequest(TrafficEvent event) {
        long start = micros(event);
        long end = start + Math.max(0, Math.round(event.latencyMillis() * 1000));
        Request request = new Request(event, start, end, serviceOfHost(event.upstreamHost()));
        List<Link> links = new ArrayList<>();
        if (!event.requestId().isEmpty()) {
            List<TrafficEvent> exact = hopsById.remove(event.requestId());
            if (exact != null) {
                for (TrafficEvent hop : exact) {
                    removeHop(hop);
                    links.add(new Link(event, hop, Match.EXACT));
                }
            }
        }
        for (List<TrafficEvent> sameStart : hopsByStart
                .subMap(start - SLACK_MICROS, true, end + SLACK_MICROS, true)
                .values()) {
            for (TrafficEvent hop : sameStart) {
                if (!hop.requestId().isEmpty() || !belongs(hop, request)) {
                    continue;
                }
                Request owner = ownerByTime.get(hop);
                if (owner == null) {
                    links.add(new Link(event, hop, Match.BY_TIME));
                } else if (fitsBetter(request, owner, micros(hop))) {
                    links.add(new Link(event, hop, Match.BY_TIME, Optional.of(owner.event())));
                }
            }
        }
        for (Link link : links) {
            if (link.match() == Match.BY_TIME) {
                ownerByTime.put(link.hop(), request);
            }
        }
        requestsByArrival.addLast(request);
        requestsByStart.computeIfAbsent(start, k -> new ArrayList<>(1)).add(request);
        if (!event.requestId().isEmpty()) {
            requestsById.put(event.requestId(), request);
        }
        longestWindowMicros = Math.max(longestWindowMicros, end - start);
        return links;
    }

    private List<Link> addHop(TrafficEvent hop) {
        if (!hop.requestId().isEmpty()) {
            Request request = requestsById.get(hop.requestId());
            if (request != null) {
                return List.of(new Link(request.event(), hop, Match.EXACT));
            }
            hopsById.computeIfAbsent(hop.requestId(), k -> new ArrayList<>(2)).add(hop);
        } else {
            long start = micros(hop);
            long from = start - longestWindowMicros - 2 * SLACK_MICROS;
            // of the requests whose window holds the hop, the one that fits it best (the last added among equals)
            Request owner = null;
            for (List<Request> sameStart : requestsByStart
                    .subMap(from, true, start + SLACK_MICROS, true)
                    .values()) {
                for (int i = sameStart.size() - 1; i >= 0; i--) {
                    Request request = sameStart.get(i);
                    if (start <= request.endMicros() + SLACK_MICROS
                            && belongs(hop, request)
                            && (owner == null || fitsBetter(request, owner, start))) {
                        owner = request;
                    }
                }
            }
            if (owner != null) {
                ownerByTime.put(hop, owner);
                keep(hop);
                return List.of(new Link(owner.event(), hop, Match.BY_TIME));
            }
        }
        keep(hop);
        return List.of();
    }

    /**
     * Whether request {@code a} explains a hop that started at {@code hopStart} better than {@code b}. One that started
     * before the hop beats one that started after it: Kong's {@code started_at} is cut to the millisecond, so on one
     * clock a hop's own request never starts after it, and only a clock apart (a remote gateway) puts it there, within
     * {@link #SLACK_MICROS}. Among those before the hop the latest start wins, among those after it the earliest.
     */
    private static boolean fitsBetter(Request a, Request b, long hopStart) {
        boolean aBefore = a.startMicros() <= hopStart;
        boolean bBefore = b.startMicros() <= hopStart;
        if (aBefore != bBefore) {
            return aBefore;
        }
        return aBefore ? a.startMicros() > b.startMicros() : a.startMicros() < b.startMicros();
    }

    /** Keeps a hop until the horizon: waiting for its request, or linked by time and open to a better fit. */
    private void keep(TrafficEvent hop) {
        hopsByArrival.addLast(hop);
        hopsByStart.computeIfAbsent(micros(hop), k -> new ArrayList<>(1)).add(hop);
    }

    /**
     * Whether a hop is one the request could have caused: gateway → the upstream's service, or the upstream's
     * service onwards. An inbound record without mTLS cannot name its source (""): it then only has to lead to the
     * upstream's service, or away from it to another one.
     */
    private boolean belongs(TrafficEvent hop, Request request) {
        String upstream = request.upstreamService();
        if (upstream.isEmpty()) {
            return false;
        }
        String source = hop.source();
        String destination = hop.destination();
        if (destination.equals(upstream)) {
            return source.isEmpty() || source.equals(gatewayService) || gatewayService.isEmpty();
        }
        if (source.equals(upstream)) {
            return true;
        }
        return source.isEmpty() && !destination.isEmpty() && !destination.equals(gatewayService);
    }

    private void removeHop(TrafficEvent hop) {
        long start = micros(hop);
        List<TrafficEvent> same = hopsByStart.get(start);
        if (same != null) {
            removeSame(same, hop);
            if (same.isEmpty()) {
                hopsByStart.remove(start);
            }
        }
        ownerByTime.remove(hop);
        // the arrival queue lets go of it when it ages out
    }

    /** Drops what arrived longer than the horizon before {@code nowNanos}. */
    private void forget(long nowNanos) {
        while (!requestsByArrival.isEmpty()
                && nowNanos - requestsByArrival.peekFirst().event().receivedNanos() > horizonNanos) {
            Request old = requestsByArrival.pollFirst();
            List<Request> same = requestsByStart.get(old.startMicros());
            if (same != null) {
                removeSame(same, old);
                if (same.isEmpty()) {
                    requestsByStart.remove(old.startMicros());
                }
            }
            if (!old.event().requestId().isEmpty()) {
                if (requestsById.get(old.event().requestId()) == old) {
                    requestsById.remove(old.event().requestId());
                }
            }
        }
        if (requestsByArrival.isEmpty()) {
            longestWindowMicros = 0;
        }
        while (!hopsByArrival.isEmpty() && nowNanos - hopsByArrival.peekFirst().receivedNanos() > horizonNanos) {
            TrafficEvent old = hopsByArrival.pollFirst();
            removeHop(old);
            ownerByTime.remove(old);
            if (!old.requestId().isEmpty()) {
                List<TrafficEvent> same = hopsById.get(old.requestId());
                if (same != null) {
                    removeSame(same, old);
                    if (same.isEmpty()) {
                        hopsById.remove(old.requestId());
                    }
                }
            }
        }
    }

    /** Removes {@code item} itself (events compare by value, and deep: their details are JSON trees). */
    private static <T> void removeSame(List<T> list, T item) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) == item) {
                list.remove(i);
                return;
            }
        }
    }

    private static long micros(TrafficEvent event) {
        return TimeUnit.SECONDS.toMicros(event.time().getEpochSecond())
                + event.time().getNano() / 1_000;
    }

    /** Requests and hops still waiting (tests: the horizon bounds them). */
    int waiting() {
        return requestsByArrival.size() + hopsByArrival.size();
    }
}
