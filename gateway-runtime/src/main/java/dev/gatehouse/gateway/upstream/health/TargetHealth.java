package dev.gatehouse.gateway.upstream.health;

/**
 * One target's health, as lua-resty-healthcheck keeps it: a healthy flag and counters of successes and of each kind
 * of failure. Active probes and proxied requests (passive) report here, each with its own thresholds; a counter that
 * reaches its threshold flips the state and the opposite counters start again. Thread-safe.
 */
public final class TargetHealth {

    private boolean healthy = true;
    private int successes;
    private int tcpFailures;
    private int timeouts;
    private int httpFailures;

    public synchronized boolean healthy() {
        return healthy;
    }

    /** Kong's {@code PUT .../healthy|unhealthy}: sets the state at once. */
    public synchronized void set(boolean value) {
        healthy = value;
        reset();
    }

    /** An HTTP status met by a probe or a proxied request, judged by that direction's lists and thresholds. */
    public synchronized void status(int status, HealthConfig.Healthy h, HealthConfig.Unhealthy u) {
        if (h.statuses().contains(status)) {
            success(h);
        } else if (u.statuses().contains(status)) {
            tcpFailures = 0;
            timeouts = 0;
            successes = 0;
            httpFailures++;
            if (u.httpFailures() > 0 && httpFailures >= u.httpFailures()) {
                down();
            }
        }
    }

    /** A probe that got through at the TCP level (type tcp). */
    public synchronized void success(HealthConfig.Healthy h) {
        tcpFailures = 0;
        timeouts = 0;
        httpFailures = 0;
        successes++;
        if (!healthy && h.successes() > 0 && successes >= h.successes()) {
            healthy = true;
            reset();
        }
    }

    public synchronized void tcpFailure(HealthConfig.Unhealthy u) {
        successes = 0;
        tcpFailures++;
        if (u.tcpFailures() > 0 && tcpFailures >= u.tcpFailures()) {
            down();
        }
    }

    public synchronized void timeout(HealthConfig.Unhealthy u) {
        successes = 0;
        timeouts++;
        if (u.timeouts() > 0 && timeouts >= u.timeouts()) {
            down();
        }
    }

    private void down() {
        healthy = false;
        reset();
    }

    private void reset() {
        successes = 0;
        tcpFailures = 0;
        timeouts = 0;
        httpFailures = 0;
    }
}
