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
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.edges.EdgeStats;
import dev.gatehouse.app.traffic.edges.EdgeTraffic;
import dev.gatehouse.app.traffic.edges.StatsWindow;
import dev.gatehouse.app.traffic.edges.TrafficGraph;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One hop, logged by both of its sidecars (the caller's OUTBOUND record, the callee's INBOUND one), counts once on
 * its graph edge and is one row in the request log, with mTLS on (the inbound record names the source and carries
 * the permission decision) and off (it names none: {@code unknown}, as Kuma writes it), allowed and denied.
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

    /** A record as the data planes' MeshAccessLog JSON lines carry it. */
    private TrafficEvent record(String direction, String source, boolean denied) throws Exception {
        return MeshAccessLogLines.parse(
                JSON.readTree("""
                        {"start_time":"%s","mesh":"default","traffic_direction":"%s",
                         "source_service":"%s","destination_service":"redis","protocol":"tcp",
                         "response_flags":"-","duration":1%s}
                        """.formatted(
                                T0,
                                direction,
                                source,
                                denied ? ",\"details\":\"rbac_access_denied_matched_policy[none]\"" : "")),
                System.nanoTime());
    }

    /** The hop demo-app → redis as both sidecars log it. */
    private TrafficEvent[] bothRecords(boolean mtls, boolean denied) throws Exception {
        return new TrafficEvent[] {
            record("OUTBOUND", "demo-app", false), // the caller's side sees no permission decision
            record("INBOUND", mtls ? "demo-app" : "unknown", denied)
        };
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
        TrafficEvent[] records = bothRecords(true, false);
        assertThat(records[0].countsAsHop(true)).isFalse();
        assertThat(records[1].countsAsHop(true)).isTrue();
        assertThat(onTheGraph(true, records).requests()).isEqualTo(1);
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
        assertThat(log.rows().getFirst().event().direction()).isEqualTo("INBOUND");
        assertThat(log.rows().getFirst().event().source()).isEqualTo("demo-app");
    }

    @Test
    void withMtlsADeniedHopCountsOnceAsDenied() throws Exception {
        TrafficEvent[] records = bothRecords(true, true);
        EdgeStats stats = onTheGraph(true, records);
        assertThat(stats.requests()).isEqualTo(1);
        assertThat(stats.denied()).isEqualTo(1);
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
        assertThat(log.rows().getFirst().event().outcome()).isEqualTo(Outcome.MESH_DENIED);
    }

    @Test
    void withoutMtlsTheOutboundRecordIsTheHopOnTheGraphAndTheLogStillShowsOneRow() throws Exception {
        TrafficEvent[] records = bothRecords(false, false);
        assertThat(records[0].countsAsHop(false)).isTrue();
        assertThat(records[1].countsAsHop(false)).isFalse();
        assertThat(onTheGraph(false, records).requests()).isEqualTo(1);
        // the log is handed no mesh state: it counts the hop once too, on the inbound record (see countsAsHop())
        TrafficViewModel log = inTheLog(records);
        assertThat(log.rows()).hasSize(1);
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
