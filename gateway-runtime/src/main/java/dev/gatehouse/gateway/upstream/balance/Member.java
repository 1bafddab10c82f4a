package dev.gatehouse.gateway.upstream.balance;

import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.gateway.upstream.health.TargetHealth;
import java.util.concurrent.atomic.AtomicInteger;

/** A target in a balancer: its address, weight, shared health, tries in flight and latency average. */
public final class Member {

    /** EWMA weight of a new latency sample (Kong's latency balancer decays older samples likewise). */
    private static final double ALPHA = 0.3;

    final UpstreamTarget target;
    final int weight;
    final TargetHealth health;
    final AtomicInteger inFlight = new AtomicInteger();
    private double ewmaMillis = -1;

    public Member(UpstreamTarget target, int weight, TargetHealth health) {
        this.target = target;
        this.weight = weight;
        this.health = health;
    }

    synchronized void latency(long millis) {
        ewmaMillis = ewmaMillis < 0 ? millis : ALPHA * millis + (1 - ALPHA) * ewmaMillis;
    }

    /** The latency average; -1 before the first sample, so untried targets get tried first. */
    synchronized double ewma() {
        return ewmaMillis;
    }

    public UpstreamTarget target() {
        return target;
    }

    public int weight() {
        return weight;
    }

    public TargetHealth health() {
        return health;
    }
}
