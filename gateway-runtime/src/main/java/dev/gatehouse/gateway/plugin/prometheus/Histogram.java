package dev.gatehouse.gateway.plugin.prometheus;

import java.util.concurrent.atomic.LongAdder;

/**
 * One histogram series: a striped counter per bucket (the observations that fall in it and in no lower one, plus one
 * past the last bound for {@code +Inf}) and the sum. Observing never locks; the exposition adds the buckets up.
 */
final class Histogram {

    private final long[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder sum = new LongAdder();

    Histogram(long[] bounds) {
        this.bounds = bounds;
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void observe(long value) {
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        buckets[i].increment();
        sum.add(value);
    }

    long[] bounds() {
        return bounds;
    }

    /** Observations at or below each bound, then the total (the {@code +Inf} bucket and {@code _count}). */
    long[] cumulative() {
        long[] out = new long[buckets.length];
        long running = 0;
        for (int i = 0; i < buckets.length; i++) {
            running += buckets[i].sum();
            out[i] = running;
        }
        return out;
    }

    long sum() {
        return sum.sum();
    }
}
