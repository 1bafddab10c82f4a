package dev.gatehouse.app.traffic.edges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.traffic.DeflatedJson;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EdgeTrafficTest {

    private static final String ANON = "client:anonymous";
    private static final String ALICE = "client:c-alice";
    private static final String GATEWAY = "svc:default/gateway";
    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final long SECOND = 1_000_000_000L;

    /** The seed's graph: the gateway is the mesh's delegated gateway data plane. */
    static final TrafficGraph SEED = new TrafficGraph(
            ANON,
            GATEWAY,
            Map.of("alice", ALICE, "c-alice", ALICE),
            Map.of("default/gateway", GATEWAY, "default/demo-app", DEMO, "default/redis", REDIS),
            Map.of("status.example.com", "ext:status.example.com"),
            java.util.Set.of());

    private final AtomicLong clock = new AtomicLong(5_000 * SECOND);
    private final EdgeTraffic traffic = new EdgeTraffic(clock::get);

    static TrafficEvent request(String consumer, String host, int status, double millis, long received) {
        ObjectNode details = JsonNodeFactory.instance.objectNode();
        // as KongLogEntries reads it: no upstream host when Kong answered itself (key-auth's 401)
        return new TrafficEvent(
                1,
                received,
                Origin.GATEWAY,
                Instant.now(),
                "",
                consumer,
                "demo",
                "demo-rt",
                consumer,
                "GET",
                "/",
                status,
                Outcome.ofStatus(status),
                millis,
                "",
                status == 401 ? "" : host,
                "",
                "",
                "",
                DeflatedJson.of(details));
    }

    static TrafficEvent hop(String from, String to, String direction, String flags, Outcome outcome, long received) {
        return new TrafficEvent(
                1,
                received,
                Origin.MESH,
                Instant.now(),
                "default",
                from,
                to,
                "",
                "",
                "",
                "",
                0,
                outcome,
                2,
                "",
                "",
                direction,
                flags,
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void aGatewayRequestCrossesClientToGatewayAndGatewayToItsUpstream() {
        traffic.graph(SEED);
        TrafficPath path = traffic.record(request("alice", "demo-app.mesh", 200, 12, clock.get()));
        assertThat(path.edges())
                .extracting(TrafficEdge::id)
                .containsExactly("ns:" + ALICE + "->" + GATEWAY, "ns:" + GATEWAY + "->" + DEMO);
        assertThat(traffic.record(request("", "status.example.com", 200, 3, clock.get()))
                        .edges())
                .extracting(TrafficEdge::id)
                .containsExactly("ns:" + ANON + "->" + GATEWAY, "ns:" + GATEWAY + "->ext:status.example.com");
    }

    @Test
    void aRequestKongAnsweredItselfStopsAtTheGateway() {
        traffic.graph(SEED);
        TrafficPath path = traffic.record(request("", "demo-app.mesh", 401, 1, clock.get()));
        assertThat(path.outcome()).isEqualTo(Outcome.AUTH_DENIED);
        assertThat(path.edges()).extracting(TrafficEdge::id).containsExactly("ns:" + ANON + "->" + GATEWAY);
    }

    @Test
    void onlyTheRecordThatStandsForTheHopCountsOnTheEastWestEdge() {
        traffic.graph(SEED);
        // both sidecars log the connection: the outbound one is not the hop, the inbound one is
        assertThat(traffic.record(hop("demo-app", "redis", "OUTBOUND", "-", Outcome.SUCCESS, clock.get()))
                        .empty())
                .isTrue();
        assertThat(traffic.record(hop("demo-app", "redis", "INBOUND", "-", Outcome.SUCCESS, clock.get()))
                        .edges())
                .extracting(TrafficEdge::id)
                .containsExactly("ew:" + DEMO + "->" + REDIS);
        // an outbound record that never reached an inbound (no endpoint) is the hop
        assertThat(traffic.record(hop("gateway", "demo-app", "OUTBOUND", "UH", Outcome.SERVER_ERROR, clock.get()))
                        .edges())
                .extracting(TrafficEdge::id)
                .containsExactly("ew:" + GATEWAY + "->" + DEMO);
        assertThat(traffic.unmapped()).isEqualTo(1);
        assertThat(traffic.stats("ew:" + DEMO + "->" + REDIS, StatsWindow.TEN_SECONDS)
                        .requests())
                .isEqualTo(1);
    }

    @Test
    void inAMeshWithoutMtlsTheOutboundRecordIsTheHop() {
        // mTLS off: the inbound side has no client certificate, so it cannot name the source service
        traffic.graph(new TrafficGraph(
                ANON, GATEWAY, SEED.consumers(), SEED.services(), SEED.externals(), java.util.Set.of("default")));
        assertThat(traffic.record(hop("", "redis", "INBOUND", "-", Outcome.SUCCESS, clock.get()))
                        .empty())
                .isTrue();
        assertThat(traffic.record(hop("demo-app", "redis", "OUTBOUND", "-", Outcome.SUCCESS, clock.get()))
                        .edges())
                .extracting(TrafficEdge::id)
                .containsExactly("ew:" + DEMO + "->" + REDIS);
        assertThat(traffic.stats("ew:" + DEMO + "->" + REDIS, StatsWindow.TEN_SECONDS)
                        .requests())
                .isEqualTo(1);
    }

    @Test
    void aDeniedHopCountsOnItsPairsEdgeAndSaysSo() {
        traffic.graph(SEED);
        TrafficPath path = traffic.record(hop("demo-app", "redis", "INBOUND", "-", Outcome.MESH_DENIED, clock.get()));
        assertThat(path.edges()).containsExactly(new TrafficEdge("ew:" + DEMO + "->" + REDIS, DEMO, REDIS, true));
        EdgeStats stats = traffic.stats("ew:" + DEMO + "->" + REDIS, StatsWindow.TEN_SECONDS);
        assertThat(stats.denied()).isEqualTo(1);
        assertThat(stats.errorRate()).isEqualTo(1.0);
        assertThat(stats.worst()).isEqualTo(Outcome.MESH_DENIED);
        assertThat(traffic.edge("ew:" + DEMO + "->" + REDIS)).isPresent();
    }

    @Test
    void windowsSlideOnTheReceiveClock() {
        traffic.graph(SEED);
        String edge = "ew:" + DEMO + "->" + REDIS;
        // 20 s of 10 hops a second, one in ten failing
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 10; i++) {
                traffic.record(hop(
                        "demo-app",
                        "redis",
                        "INBOUND",
                        "-",
                        i == 0 ? Outcome.SERVER_ERROR : Outcome.SUCCESS,
                        clock.get()));
            }
            clock.addAndGet(SECOND);
        }
        EdgeStats ten = traffic.stats(edge, StatsWindow.TEN_SECONDS);
        EdgeStats minute = traffic.stats(edge, StatsWindow.ONE_MINUTE);
        assertThat(ten.requests()).isEqualTo(90); // the current second has nothing yet
        assertThat(ten.rps()).isCloseTo(10, within(0.01));
        assertThat(ten.errorRate()).isCloseTo(0.1, within(1e-9));
        assertThat(minute.requests()).isEqualTo(200);
        assertThat(minute.rps()).isCloseTo(10, within(0.01)); // watched 20 s, not diluted over 60
        clock.addAndGet(10 * SECOND);
        assertThat(traffic.stats(edge, StatsWindow.TEN_SECONDS).active()).isFalse();
        assertThat(traffic.stats(edge, StatsWindow.ONE_MINUTE).requests()).isEqualTo(200);
        clock.addAndGet(60 * SECOND);
        assertThat(traffic.edges(StatsWindow.ONE_MINUTE)).isEmpty();
        assertThat(traffic.edge(edge)).isEmpty(); // forgotten once quiet for a minute
    }

    @Test
    void aReceiveTimeOutsideTheMinuteDoesNotOverwriteTheCurrentSecond() {
        traffic.graph(SEED);
        String edge = "ew:" + DEMO + "->" + REDIS;
        clock.addAndGet(120 * SECOND);
        traffic.record(hop("demo-app", "redis", "INBOUND", "-", Outcome.SUCCESS, clock.get()));
        traffic.record(hop("demo-app", "redis", "INBOUND", "-", Outcome.SUCCESS, clock.get() - 60 * SECOND));
        assertThat(traffic.stats(edge, StatsWindow.ONE_MINUTE).requests()).isEqualTo(1);
    }

    @Test
    void percentilesComeFromTheWindowsLatencies() {
        traffic.graph(SEED);
        for (int i = 1; i <= 100; i++) {
            traffic.record(request("alice", "demo-app.mesh", 200, i, clock.get()));
        }
        EdgeStats stats = traffic.stats("ns:" + GATEWAY + "->" + DEMO, StatsWindow.TEN_SECONDS);
        assertThat(stats.p50()).isCloseTo(50, within(50 * 0.13));
        assertThat(stats.p99()).isCloseTo(99, within(99 * 0.13));
    }

    @Test
    void nodeBadgesAddUpWhatComesIn() {
        traffic.graph(SEED);
        traffic.record(request("alice", "demo-app.mesh", 200, 5, clock.get()));
        traffic.record(request("", "demo-app.mesh", 500, 5, clock.get()));
        Map<String, EdgeStats> nodes = traffic.nodes(traffic.edges(StatsWindow.TEN_SECONDS));
        assertThat(nodes.get(GATEWAY).requests()).isEqualTo(2);
        assertThat(nodes.get(GATEWAY).errorRate()).isEqualTo(0.5);
        assertThat(nodes.get(ALICE).requests()).isEqualTo(1); // a caller shows what it sent
        assertThat(nodes.get(DEMO).requests()).isEqualTo(2);
        // the mesh's record of the same requests' hop: demo-app counts them once, from the mesh
        traffic.record(hop("gateway", "demo-app", "INBOUND", "-", Outcome.SUCCESS, clock.get()));
        traffic.record(hop("gateway", "demo-app", "INBOUND", "-", Outcome.SUCCESS, clock.get()));
        nodes = traffic.nodes(traffic.edges(StatsWindow.TEN_SECONDS));
        assertThat(nodes.get(DEMO).requests()).isEqualTo(2);
        assertThat(nodes.get(DEMO).errorRate()).isZero();
    }
}
