package dev.gatehouse.gateway.plugin.prometheus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The request metrics of Kong's exporter ({@code kong/plugins/prometheus/exporter.lua}): status codes, bandwidth and
 * the three latency histograms, per label set. A series is found without locking and counted with striped counters,
 * so the proxy's log phase never waits on another request; series are created once, on their first request.
 */
public final class Metrics {

    /** Kong's {@code KONG_LATENCY_BUCKETS}. */
    static final long[] KONG_LATENCY_BUCKETS = {1, 2, 5, 7, 10, 15, 20, 30, 50, 75, 100, 200, 500, 750, 1000, 3000, 6000
    };

    /** Kong's {@code UPSTREAM_LATENCY_BUCKETS} (also those of {@code request_latency_ms}). */
    static final long[] UPSTREAM_LATENCY_BUCKETS = {
        25, 50, 80, 100, 250, 400, 700, 1000, 2000, 5000, 10000, 30000, 60000
    };

    /** Labels of {@code http_requests_total}, in Kong's order. */
    record StatusKey(String service, String route, int code, String source, String workspace, String consumer) {}

    /** Labels of {@code bandwidth_bytes}, in Kong's order. */
    record BandwidthKey(String service, String route, String direction, String workspace, String consumer) {}

    /** Labels of the latency histograms, in Kong's order. */
    record LatencyKey(String service, String route, String workspace) {}

    final Map<StatusKey, LongAdder> status = new ConcurrentHashMap<>();
    final Map<BandwidthKey, LongAdder> bandwidth = new ConcurrentHashMap<>();
    final Map<LatencyKey, Histogram> kongLatency = new ConcurrentHashMap<>();
    final Map<LatencyKey, Histogram> upstreamLatency = new ConcurrentHashMap<>();
    final Map<LatencyKey, Histogram> requestLatency = new ConcurrentHashMap<>();

    void countStatus(StatusKey key) {
        counter(status, key).increment();
    }

    void addBandwidth(BandwidthKey key, long bytes) {
        counter(bandwidth, key).add(bytes);
    }

    void observe(Map<LatencyKey, Histogram> histograms, long[] bounds, LatencyKey key, long value) {
        Histogram h = histograms.get(key);
        if (h == null) {
            h = histograms.computeIfAbsent(key, k -> new Histogram(bounds));
        }
        h.observe(value);
    }

    private static <K> LongAdder counter(Map<K, LongAdder> counters, K key) {
        LongAdder c = counters.get(key); // a plain read first: computeIfAbsent may lock the bin
        return c != null ? c : counters.computeIfAbsent(key, k -> new LongAdder());
    }
}
