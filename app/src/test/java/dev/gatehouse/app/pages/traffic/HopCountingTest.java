package dev.gatehouse.app.pages.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.HopTwins;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.edges.EdgeStats;
import dev.gatehouse.app.traffic.edges.EdgeTraffic;
import dev.gatehouse.app.traffic.edges.StatsWindow;
import dev.gatehouse.app.traffic.edges.TrafficGraph;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hop, logged by both of its sidecars as Kuma logs it (the caller's OUTBOUND record names both ends; the callee's
 * INBOUND one names its source {@code unknown}, with mTLS or without, and carries the permission decision), counts
 * once on its graph edge and is one row in the request log, with mTLS on and off, allowed and denied, once
 * {@link HopTwins} has named the inbound's source from its twin by their connection (inbound logged first, as Envoy
 * usually does).
 */
class HopCountingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-04T05:00:00Z");
    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final String EDGE = TrafficGraph.eastWest(DEMO, REDIS);

    @TempDir
    Path dir;

    private static TrafficGraph graph(boolean mtls) {
        return new TrafficGraph(
                "client:anonymous",
                "svc:default/gateway",
                Map.of(),
                Map.of("default/gateway", "svc:default/gateway", "default/demo-app", DEMO, "default/redis", REDIS),
                Map.of(),
                mtls ? Set.of() : Set.of("default"));
    }

    /** A record as Kuma's MeshAccessLog JSON lines carry it, in the console's format. */
    private TrafficEvent record(String direction, String source, boolean denied) throws Exception {
        return MeshAccessLogLines.parse(
                JSON.readTree("""
                        {"start_time":"%s","mesh":"default","traffic_direction":"%s",
                         "source_service":"%s","destination_service":"redis","protocol":"tcp",
                         "response_flags":"-","duration":1,"%s":"10.0.0.3:40112"%s}
                        """.formatted(
                                T0,
                                direction,
                                source,
                                direction.equals("OUTBOUND") ? "upstream_local_address" : "downstream_remote_address",
                                denied ? ",\"details\":\"rbac_access_denied_matched_policy[none]\"" : "")),
                System.nanoTime());
    }

    /**
     * The hop demo-app → redis as both sidecars log it, through {@link HopTwins}: the inbound (first, named only by
     * its twin) and the outbound. The mode shows on neither record.
     */
    private TrafficEvent[] bothRecords(boolean denied) throws Exception {
        List<TrafficEvent> out = new ArrayList<>();
        TrafficSink collect = new TrafficSink() {
            @Override
            public void accept(TrafficEvent event) {
                out.add(event);
            }

            @Override
            public void lost(long count) {}
        };
        try (HopTwins twins = new HopTwins(collect)) {
            TrafficEvent inbound = record("INBOUND", "unknown", denied);
            assertThat(inbound.source()).as("Kuma names no inbound source").isEmpty();
            twins.accept(inbound);
            twins.accept(record("OUTBOUND", "demo-app", false)); // the caller's side sees no permission decision
        }
        assertThat(out).hasSize(2);
        assertThat(out.get(0).source()).as("named by its twin").isEqualTo("demo-app");
        return out.toArray(TrafficEvent[]::new);
    }

    private EdgeStats onTheGraph(boolean mtls, TrafficEvent... records) {
        EdgeTraffic traffic = new EdgeTraffic(System::nanoTime);
        traffic.graph(graph(mtls));
        for (TrafficEvent e : records) {
            traffic.record(e);
        }
        return traffic.stats(EDGE, StatsWindow.TEN_SECONDS);
    }

    private TrafficViewModel inTheLog(TrafficEvent... records) {
        TrafficFeed feed = new TrafficFeed(100);
        LiveTraffic live = new LiveTraffic(feed, FramePulse.MANUAL, new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        ActiveConnection connection = new ActiveConnection(
                ConnectionProfile.embedded(),
                TestConnections.resolver(new FileSecretStore(dir.resolve("config")), TestConnections.sandbox(dir)),
                UiExecutor.DIRECT);
        TrafficViewModel log = new TrafficViewModel(new Messages(Locale.ROOT), connection, id -> {}, live);
        for (TrafficEvent e : records) {
            feed.sink().accept(e);
        }
        feed.pulse();
        return log;
    }

    @Test
    void withMtlsTheInboundRecordIsTheHopOnTheGraphAndInTheLog() throws Exception {
        TrafficEvent[] records = bothRecords(false);
        assertThat(records[0].direction()).isEqualTo("INBOUND");
        assertThat(records[0].countsAsHop(true)).isTrue();
        assertThat(records[1].countsAsHop(true)).isFalse();
        assertThat(onTheGraph(true, records).requests()).isEqualTo(1);
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
        assertThat(log.rows().getFirst().event().direction()).isEqualTo("INBOUND");
        assertThat(log.rows().getFirst().event().source()).isEqualTo("demo-app");
    }

    @Test
    void withMtlsADeniedHopCountsOnceAsDenied() throws Exception {
        TrafficEvent[] records = bothRecords(true);
        EdgeStats stats = onTheGraph(true, records);
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.denied()).isEqualTo(1);
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
        assertThat(log.rows().getFirst().event().outcome()).isEqualTo(Outcome.MESH_DENIED);
    }

    @Test
    void withoutMtlsTheOutboundRecordIsTheHopOnTheGraphAndTheLogStillShowsOneRow() throws Exception {
        TrafficEvent[] records = bothRecords(false);
        assertThat(records[0].countsAsHop(false)).isFalse();
        assertThat(records[1].countsAsHop(false)).isTrue();
        assertThat(onTheGraph(false, records).requests()).isEqualTo(1);
        // the log is handed no mesh state: it counts the hop once too, on the inbound record (see countsAsHop())
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
        assertThat(log.rows().getFirst().event().direction()).isEqualTo("INBOUND");
        assertThat(log.rows().getFirst().event().source()).isEqualTo("demo-app");
    }

    /** Its twin never came (NAT between the sidecars, an unlogged caller): no edge from nowhere, still one row. */
    @Test
    void anInboundLeftUnnamedIsOffTheMtlsGraphAndOneRowInTheLog() throws Exception {
        TrafficEvent lonely = record("INBOUND", "unknown", false);
        assertThat(lonely.countsAsHop(true)).isFalse();
        assertThat(onTheGraph(true, lonely).requests()).isZero();
        assertThat(inTheLog(lonely).rows()).hasSize(1);
    }

    @Test
    void aHopThatNeverReachedAnInboundIsItsOutboundRecordInBothModes() throws Exception {
        TrafficEvent failed = MeshAccessLogLines.parse(JSON.readTree("""
                        {"start_time":"%s","mesh":"default","traffic_direction":"OUTBOUND",
                         "source_service":"demo-app","destination_service":"redis","protocol":"tcp",
                         "response_flags":"UH","duration":0}
                        """.formatted(T0)), System.nanoTime());
        for (boolean mtls : new boolean[] {true, false}) {
            assertThat(failed.countsAsHop(mtls)).isTrue();
            EdgeStats stats = onTheGraph(mtls, failed);
            assertThat(stats.requests()).isEqualTo(1);
            assertThat(stats.errorRate()).isEqualTo(1.0);
        }
        assertThat(inTheLog(failed).rows()).hasSize(1);
    }
}
