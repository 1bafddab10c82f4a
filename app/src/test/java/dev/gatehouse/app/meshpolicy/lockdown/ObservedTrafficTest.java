package dev.gatehouse.app.meshpolicy.lockdown;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairs of a window of live traffic: each hop once, by its standing record, and nothing that names no pair. */
class ObservedTrafficTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();
    private static final long NOW = 100 * MINUTE;

    private static TrafficEvent hop(
            long receivedNanos, String mesh, String source, String destination, String direction, Outcome outcome) {
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.MESH,
                Instant.EPOCH,
                mesh,
                source,
                destination,
                "",
                "",
                "",
                "",
                0,
                outcome,
                1,
                "",
                "",
                direction,
                "-",
                "127.0.0.1:40000",
                null);
    }

    private static TrafficEvent gatewayRequest(long receivedNanos) {
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.GATEWAY,
                Instant.EPOCH,
                "",
                "alice",
                "demo",
                "demo-rt",
                "alice",
                "GET",
                "/",
                200,
                Outcome.SUCCESS,
                3,
                "r1",
                "demo-app.mesh",
                "",
                "",
                "",
                null);
    }

    @Test
    void countsEachHopOnceWithinTheWindow() {
        List<TrafficEvent> events = List.of(
                // Too old for a five-minute window.
                hop(NOW - 6 * MINUTE, "default", "web", "demo-app", "INBOUND", Outcome.SUCCESS),
                // One hop, logged by both sidecars: the inbound record (named from its twin) stands for it.
                hop(NOW - MINUTE, "default", "gateway", "demo-app", "OUTBOUND", Outcome.SUCCESS),
                hop(NOW - MINUTE, "default", "gateway", "demo-app", "INBOUND", Outcome.SUCCESS),
                hop(NOW - MINUTE, "default", "demo-app", "redis", "INBOUND", Outcome.SUCCESS),
                hop(NOW - 2 * MINUTE, "default", "demo-app", "redis", "INBOUND", Outcome.SUCCESS),
                hop(NOW - MINUTE, "default", "redis", "demo-app", "INBOUND", Outcome.MESH_DENIED),
                // An inbound whose caller stayed unknown names no pair.
                hop(NOW - MINUTE, "default", "unknown", "demo-app", "INBOUND", Outcome.SUCCESS),
                hop(NOW - MINUTE, "other", "a", "b", "INBOUND", Outcome.SUCCESS),
                gatewayRequest(NOW - MINUTE));

        List<ObservedPair> pairs = ObservedTraffic.pairs(events, "default", Duration.ofMinutes(5), NOW);

        assertThat(pairs)
                .containsExactly(
                        new ObservedPair("default", "gateway", "demo-app", 1, 0),
                        new ObservedPair("default", "demo-app", "redis", 2, 0),
                        new ObservedPair("default", "redis", "demo-app", 1, 1));
        assertThat(pairs.get(2).passedOnce()).isFalse();
        assertThat(ObservedTraffic.pairs(events, "default", Duration.ofSeconds(90), NOW))
                .extracting(p -> p.source() + "->" + p.destination() + " " + p.hops())
                .containsExactly("gateway->demo-app 1", "demo-app->redis 1", "redis->demo-app 1");
    }
}
