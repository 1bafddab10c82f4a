package dev.gatehouse.gateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it: TTL tests move it past an expiry instead of sleeping. */
public final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** Starts at the current second of the system clock, so timestamps still look recent. */
    public MovableClock() {
        this(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    public MovableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock forward (or back, with a negative duration). */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a test clock has one zone");
    }
}
