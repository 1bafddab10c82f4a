package dev.gatehouse.app.traffic;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Names the source of mesh INBOUND records from their callers' OUTBOUND twins, between a mesh source and its sink.
 *
 * <p>Kuma writes {@code unknown} for {@code %KUMA_SOURCE_SERVICE%} on every inbound (it fills the value in per
 * listener, and an inbound listener serves every client), but both records of a hop name its TCP connection by both
 * ends ({@link TrafficEvent#connection()}): the caller's outbound as its local address and upstream host, the callee's
 * inbound as its peer and its own local address. Both ends: Linux gives a port that one connection uses to other
 * connections to other destinations at once, so the caller's port alone named the wrong source now and then. An
 * inbound record without its own end is paired by the caller's side alone. Each outbound record remembers
 * connection → (mesh, its service) for a while
 * (keep-alive connections carry many requests); an inbound record that names no source gets it from there at once,
 * or waits up to {@link #HOLD} for its twin (the callee usually finishes, and logs, first) and then goes on unnamed.
 * Everything else passes straight through. Bounded on both sides; thread-safe (sources call from Netty and reader
 * threads); one daemon timer thread lets held records go without further traffic. Close it to flush and stop.
 */
public final class HopTwins implements TrafficSink, AutoCloseable {

    /** How long an unnamed inbound record waits for its twin. */
    public static final Duration HOLD = Duration.ofMillis(250);

    /** Connections remembered at most (least recently used forgotten first); two keys each, see outbound. */
    static final int MAX_CONNECTIONS = 8_192;

    /** A connection not used for this long is forgotten (its port may be another connection's by now). */
    static final Duration CONNECTION_IDLE = Duration.ofMinutes(1);

    /** Inbound records waiting at most; beyond, the oldest goes on unnamed rather than the queue growing. */
    static final int MAX_WAITING = 2_048;

    /** The caller behind one connection; {@code lastUsed} is updated in place (no garbage per record). */
    private static final class Caller {
        final String mesh;
        final String service;
        long lastUsed;

        Caller(String mesh, String service, long lastUsed) {
            this.mesh = mesh;
            this.service = service;
            this.lastUsed = lastUsed;
        }
    }

    /** An inbound record waiting; records of one connection are chained in arrival order. */
    private static final class Held {
        final TrafficEvent event;
        final long deadline;
        Held next;
        Held last; // on a chain's first record only
        boolean gone; // delivered named; dropped from the queue when it reaches the front

        Held(TrafficEvent event, long deadline) {
            this.event = event;
            this.deadline = deadline;
            this.last = this;
        }
    }

    private final TrafficSink next;
    private final long holdNanos;
    private final long idleNanos;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Caller> callers = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Caller> eldest) {
            return size() > MAX_CONNECTIONS;
        }
    };
    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private final HashMap<String, Held> waiting = new HashMap<>();
    private boolean sweepScheduled;
    private boolean closed;

    /** Pairs in front of {@code next}, holding unnamed inbound records for {@link #HOLD}. */
    public HopTwins(TrafficSink next) {
        this(next, HOLD, CONNECTION_IDLE);
    }

    HopTwins(TrafficSink next, Duration hold, Duration connectionIdle) {
        this.next = next;
        this.holdNanos = hold.toNanos();
        this.idleNanos = connectionIdle.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("hop-twins").factory());
    }

    @Override
    public void accept(TrafficEvent event) {
        if (event.origin() != Origin.MESH || event.connection().isEmpty()) {
            next.accept(event);
            return;
        }
        long now = System.nanoTime();
        // delivered under the lock: a named record never overtakes an older one of its connection
        synchronized (lock) {
            if (closed) {
                next.accept(event);
            } else if ("OUTBOUND".equalsIgnoreCase(event.direction())) {
                outbound(event, now);
            } else if (event.unnamedInbound()) {
                inbound(event, now);
            } else {
                next.accept(event);
            }
        }
    }

    @Override
    public void lost(long count) {
        next.lost(count);
    }

    private void outbound(TrafficEvent event, long now) {
        if (!event.source().isEmpty()) {
            String connection = event.connection();
            remember(connection, event, now);
            // an inbound record that does not name its own end (a format without %DOWNSTREAM_LOCAL_ADDRESS%) has only
            // the caller's side to go by: it is paired by that, as before both ends were logged
            String caller = event.connectionCaller();
            if (!caller.equals(connection)) {
                remember(caller, event, now);
            }
        }
        next.accept(event);
    }

    /** Remembers {@code key}'s caller and names the inbound records waiting under it. */
    private void remember(String key, TrafficEvent outbound, long now) {
        Caller known = callers.get(key);
        if (known != null && known.mesh.equals(outbound.mesh()) && known.service.equals(outbound.source())) {
            known.lastUsed = now;
        } else {
            callers.put(key, new Caller(outbound.mesh(), outbound.source(), now));
        }
        Held h = waiting.remove(key);
        for (; h != null; h = h.next) {
            h.gone = true;
            next.accept(named(h.event, outbound.mesh(), outbound.source()));
        }
    }

    private void inbound(TrafficEvent event, long now) {
        Caller caller = callers.get(event.connection());
        if (caller != null && now - caller.lastUsed > idleNanos) {
            callers.remove(event.connection());
            caller = null;
        }
        if (caller != null) {
            caller.lastUsed = now;
            next.accept(named(event, caller.mesh, caller.service));
            return;
        }
        if (queue.size() >= MAX_WAITING) {
            release(queue.poll());
        }
        Held h = new Held(event, now + holdNanos);
        queue.add(h);
        Held first = waiting.putIfAbsent(event.connection(), h);
        if (first != null) {
            first.last.next = h;
            first.last = h;
        }
        if (!sweepScheduled) {
            sweepScheduled = true;
            timer.schedule(this::sweep, holdNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The twin's service when it is of the record's mesh (a port reused across meshes names nobody). */
    private static TrafficEvent named(TrafficEvent inbound, String mesh, String service) {
        return mesh.equals(inbound.mesh()) ? inbound.withSource(service) : inbound;
    }

    /** Lets go of the records whose time is up, and wakes again for the next one. */
    private void sweep() {
        synchronized (lock) {
            sweepScheduled = false;
            if (closed) {
                return;
            }
            long now = System.nanoTime();
            Held h;
            while ((h = queue.peek()) != null && (h.gone || h.deadline - now <= 0)) {
                release(queue.poll());
            }
            if (h != null) {
                sweepScheduled = true;
                timer.schedule(this::sweep, h.deadline - now, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Delivers a record leaving the queue unnamed (unless its twin named it already). */
    private void release(Held h) {
        if (h == null || h.gone) {
            return;
        }
        // the queue is in arrival order, so the oldest waiting record is the first of its connection's chain
        String connection = h.event.connection();
        if (waiting.get(connection) == h) {
            if (h.next == null) {
                waiting.remove(connection);
            } else {
                h.next.last = h.last;
                waiting.put(connection, h.next);
            }
        }
        h.gone = true;
        next.accept(h.event);
    }

    /** Records waiting for their twins now (tests). */
    int waiting() {
        synchronized (lock) {
            return (int) queue.stream().filter(h -> !h.gone).count();
        }
    }

    /** Lets every waiting record go unnamed and stops the timer; later records pass straight through. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Held h;
            while ((h = queue.poll()) != null) {
                release(h);
            }
            closed = true;
            callers.clear();
        }
        timer.shutdownNow();
    }
}
