package dev.gatehouse.app.meshpolicy.lockdown;

import java.time.Duration;

/**
 * How a lock-down waits for the data planes: the inspection is asked every {@code interval} until {@code timeout};
 * a control plane without inspection is given {@code settle} instead.
 */
public record Pacing(Duration interval, Duration timeout, Duration settle) {

    /**
     * Half a second between inspections, a minute at most. Without inspection, five seconds: Kuma regenerates every
     * data plane's configuration once a second by default (KUMA_XDS_SERVER_DATAPLANE_CONFIGURATION_REFRESH_INTERVAL),
     * so five cover a few rounds and the push, without making the user wait long.
     */
    public static final Pacing DEFAULT =
            new Pacing(Duration.ofMillis(500), Duration.ofMinutes(1), Duration.ofSeconds(5));
}
