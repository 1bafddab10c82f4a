package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Outcome;

/**
 * Decides which requests get a particle when more arrive than the eye can follow: at most {@code perSecond}
 * particles a second are started, one request in N (N from the last second's arrivals), and failures are always
 * given one while there is room, so a rare error is never sampled away. {@link #oneIn()} says what fraction is
 * shown ("1 in 12"), measured over the last full second.
 */
public final class ParticleSampler {

    private final double perSecond;
    private long second = Long.MIN_VALUE;
    private long arrived;
    private long shown;
    private long lastArrived;
    private long lastShown;
    private long stride = 1;
    private long counter;

    /** At most {@code perSecond} particles started a second, failures apart. */
    public ParticleSampler(double perSecond) {
        this.perSecond = perSecond;
    }

    /**
     * Whether the request ending in {@code outcome} gets a particle, at {@code nanos}; {@code room} says whether the
     * drawing has space for one more (its caps overall and on the edge).
     */
    public boolean take(Outcome outcome, boolean room, long nanos) {
        roll(nanos);
        arrived++;
        boolean take = room && (outcome.failed() || counter++ % stride == 0);
        if (take) {
            shown++;
        }
        return take;
    }

    /** Moves the clock on without an arrival (a quiet second then reads as "all shown"). */
    public void tick(long nanos) {
        roll(nanos);
    }

    /** N in "1 in N shown" over the last full second; 1 when every request got its particle. */
    public long oneIn() {
        if (lastArrived == 0 || lastShown >= lastArrived) {
            return 1;
        }
        return lastShown == 0 ? lastArrived : Math.round((double) lastArrived / lastShown);
    }

    private void roll(long nanos) {
        long s = Math.floorDiv(nanos, 1_000_000_000L);
        if (s == second) {
            return;
        }
        boolean next = s == second + 1;
        lastArrived = next ? arrived : 0;
        lastShown = next ? shown : 0;
        // the next second's stride from this one's arrivals: a steady flood settles at perSecond particles
        stride = Math.max(1, (long) Math.ceil((next ? arrived : 0) / perSecond));
        arrived = 0;
        shown = 0;
        second = s;
    }
}
