package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Outcome;

/**
 * One edge's last minute in per-second buckets (a ring of 60): count, failures, mesh denials and a latency
 * histogram each. Windows of 10 s and 1 min add up their last buckets; older seconds are overwritten, so an edge
 * costs the same whatever its traffic.
 */
final class EdgeCounters {

    static final int SECONDS = 60;

    private final long[] second = new long[SECONDS];
    private final int[] count = new int[SECONDS];
    private final int[] failed = new int[SECONDS];
    private final int[] denied = new int[SECONDS];
    private final LatencyHistogram[] latency = new LatencyHistogram[SECONDS];
    private long last = Long.MIN_VALUE;

    EdgeCounters() {
        java.util.Arrays.fill(second, Long.MIN_VALUE);
        for (int i = 0; i < SECONDS; i++) {
            latency[i] = new LatencyHistogram();
        }
    }

    /** Counts one request in second {@code s} (seconds since the tracker's start). */
    void record(long s, Outcome outcome, double millis) {
        int slot = (int) Math.floorMod(s, SECONDS);
        if (second[slot] != s) {
            second[slot] = s;
            count[slot] = 0;
            failed[slot] = 0;
            denied[slot] = 0;
            latency[slot].clear();
        }
        count[slot]++;
        if (outcome.failed()) {
            failed[slot]++;
        }
        if (outcome == Outcome.MESH_DENIED) {
            denied[slot]++;
        }
        latency[slot].add(millis);
        last = Math.max(last, s);
    }

    /** The last second anything was counted in. */
    long last() {
        return last;
    }

    /**
     * The window of {@code window} seconds ending in second {@code now}; the rate divides by {@code span} seconds
     * (the caller's: the window less the unfinished part of the current second, or the time watched when shorter).
     */
    EdgeStats summary(long now, int window, double span, LatencyHistogram scratch) {
        scratch.clear();
        long requests = 0;
        long failures = 0;
        long denials = 0;
        for (long s = now - window + 1; s <= now; s++) {
            int slot = (int) Math.floorMod(s, SECONDS);
            if (second[slot] == s) {
                requests += count[slot];
                failures += failed[slot];
                denials += denied[slot];
                scratch.addAll(latency[slot]);
            }
        }
        if (requests == 0) {
            return EdgeStats.NONE;
        }
        return new EdgeStats(
                requests,
                requests / span,
                (double) failures / requests,
                scratch.percentile(0.5),
                scratch.percentile(0.99),
                denials);
    }
}
