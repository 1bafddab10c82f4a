package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.proxy.UpstreamTarget;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Idle keep-alive upstream connections of one event loop, per target (Kong's {@code upstream_keepalive_pool_size}
 * 512, {@code upstream_keepalive_idle_timeout} 60 s, {@code upstream_keepalive_max_requests} 10000). Only touched
 * from its event loop, so it needs no locking.
 */
final class UpstreamPool {

    static final int MAX_IDLE_PER_TARGET = 512;
    static final long IDLE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    static final int MAX_REQUESTS = 10_000;

    /** Connections are interchangeable when they reach the same target with the same TLS verification. */
    /** Connections are shared by requests to the same target with the same TLS settings ({@code tlsKey}). */
    record Key(UpstreamTarget target, boolean verified, String tlsKey) {}

    private final Map<Key, ArrayDeque<UpstreamConnection>> idle = new HashMap<>();

    UpstreamPool(EventLoop loop) {
        loop.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
    }

    /** A live idle connection to {@code target} (most recently used first), or null. */
    UpstreamConnection poll(Key key) {
        ArrayDeque<UpstreamConnection> q = idle.get(key);
        if (q == null) {
            return null;
        }
        UpstreamConnection c;
        while ((c = q.pollLast()) != null) {
            if (c.channel.isActive()) {
                return c;
            }
        }
        return null;
    }

    /** Keeps a connection whose exchange completed cleanly, or closes it when the pool is full or it is worn out. */
    void release(UpstreamConnection c) {
        if (!c.channel.isActive() || c.requests >= MAX_REQUESTS) {
            c.channel.close();
            return;
        }
        ArrayDeque<UpstreamConnection> q = idle.computeIfAbsent(c.key, t -> new ArrayDeque<>());
        if (q.size() >= MAX_IDLE_PER_TARGET) {
            c.channel.close();
            return;
        }
        c.idleSince = System.nanoTime();
        q.addLast(c);
        c.channel.config().setAutoRead(true); // notice a close (or unexpected bytes) while idle
    }

    /** Forgets a connection that closed while idle. */
    void remove(UpstreamConnection c) {
        ArrayDeque<UpstreamConnection> q = idle.get(c.key);
        if (q != null) {
            q.remove(c);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Iterator<ArrayDeque<UpstreamConnection>> it = idle.values().iterator(); it.hasNext(); ) {
            ArrayDeque<UpstreamConnection> q = it.next();
            q.removeIf(c -> {
                boolean stale = !c.channel.isActive() || now - c.idleSince > IDLE_TIMEOUT_NANOS;
                if (stale) {
                    c.channel.close();
                }
                return stale;
            });
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    void closeAll() {
        idle.values().forEach(q -> q.forEach(c -> c.channel.close()));
        idle.clear();
    }
}
