package dev.gatehouse.app.traffic.edges;

import java.util.Arrays;

/**
 * Latencies in milliseconds counted in 64 fixed log-scale bins (each 25 % wider than the one before, from 0.1 ms to
 * about 160 s), so a percentile costs a fixed 256 bytes per second of an edge however many requests it carried. A
 * percentile is read back as the geometric middle of its bin: within about ±12 % of the true value.
 */
public final class LatencyHistogram {

    static final int BINS = 64;
    private static final double LOWEST = 0.1;
    private static final double RATIO = 1.25;
    private static final double LOG_RATIO = Math.log(RATIO);

    private final int[] counts = new int[BINS];
    private long total;

    /** Counts one latency; negative and unknown values count as 0. */
    public void add(double millis) {
        counts[bin(millis)]++;
        total++;
    }

    /** Adds every count of {@code other} to this one. */
    public void addAll(LatencyHistogram other) {
        for (int i = 0; i < BINS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    public void clear() {
        Arrays.fill(counts, 0);
        total = 0;
    }

    public long total() {
        return total;
    }

    /** The latency below which {@code fraction} (0..1) of the counted ones lie; 0 when nothing was counted. */
    public double percentile(double fraction) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < BINS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return middle(i);
            }
        }
        return middle(BINS - 1);
    }

    static int bin(double millis) {
        if (!(millis > LOWEST)) {
            return 0;
        }
        int i = (int) (Math.log(millis / LOWEST) / LOG_RATIO) + 1;
        return Math.min(i, BINS - 1);
    }

    /** Bin 0 holds [0, 0.1 ms]; bin i ≥ 1 holds (0.1·1.25^(i-1), 0.1·1.25^i]. */
    static double middle(int bin) {
        if (bin == 0) {
            return LOWEST / 2;
        }
        return LOWEST * Math.pow(RATIO, bin - 0.5);
    }
}
