package dev.gatehouse.gateway.plugin.ratelimiting;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code local} policy's counters (Kong's {@code kong_rate_limiting_counters} shared dict): one per
 * {@code ratelimit:<route>:<service>:<identifier>:<window start>:<period>} key, dropped once its window has passed.
 */
final class LocalCounters {

    private record Counter(AtomicLong value, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile long nextSweep;

    long usage(String key) {
        Counter c = counters.get(key);
        return c == null ? 0 : c.value().get();
    }

    void increment(String key, long expiresAtMillis, long nowMillis) {
        counters.computeIfAbsent(key, k -> new Counter(new AtomicLong(), expiresAtMillis))
                .value()
                .incrementAndGet();
        if (nowMillis >= nextSweep) {
            nextSweep = nowMillis + 1000;
            counters.values().removeIf(c -> c.expiresAtMillis() <= nowMillis);
        }
    }

    void clear() {
        counters.clear();
    }
}
