package dev.gatehouse.app.traffic.edges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.app.traffic.DeflatedJson;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Particles for the feed's events: a request with its linked hops as one journey, other hops on their own. */
class JourneysTest {

    private static final String GATEWAY = "svc:default/gateway";
    private static final String DEMO = "svc:default/demo-app";
    private static final String REDIS = "svc:default/redis";
    private static final long MS = 1_000_000L;
    private static final Instant T0 = Instant.parse("2026-12-04T05:00:00Z");

    private long clock = 5_000_000 * MS;
    private final EdgeTraffic traffic = new EdgeTraffic(() -> clock);
    private final Journeys journeys = new Journeys(traffic);
    private final List<Journeys.Step> steps = new ArrayList<>();
    private long sequence;

    private TrafficEvent request(String id, int startMs, int status, String host) {
        return new TrafficEvent(
                ++sequence,
                clock,
                Origin.GATEWAY,
                T0.plusMillis(startMs),
                "",
                "alice",
                "demo",
                "demo-rt",
                "alice",
                "POST",
                "/increment",
                status,
                Outcome.ofStatus(status),
                20,
                id,
                host,
                "",
                "",
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    private TrafficEvent hop(String from, String to, String id, int startMs, Outcome outcome) {
        return new TrafficEvent(
                ++sequence,
                clock,
                Origin.MESH,
                T0.plusMillis(startMs),
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
                id,
                "",
                "INBOUND",
                "-",
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    private void add(TrafficEvent event) {
        journeys.add(event, traffic.record(event), clock, steps);
    }

    private List<TrafficPath> started() {
        return steps.stream()
                .filter(s -> s instanceof Journeys.Start)
                .map(s -> ((Journeys.Start) s).path())
                .toList();
    }

    @Test
    void hopsThatArriveBeforeTheirRequestWaitAndTravelOnWithIt() {
        traffic.graph(EdgeTrafficTest.SEED);
        add(hop("demo-app", "redis", "", 3, Outcome.SUCCESS)); // TCP: linked by time
        add(hop("gateway", "demo-app", "req-1", 1, Outcome.SUCCESS)); // HTTP: linked by request id
        assertThat(steps).isEmpty();
        assertThat(journeys.waiting()).isEqualTo(2);
        clock += 5 * MS;
        add(request("req-1", 0, 200, "demo-app.mesh"));
        assertThat(started()).hasSize(1);
        assertThat(started().getFirst().edges())
                .extracting(TrafficEdge::id)
                .containsExactly(
                        "ns:client:c-alice->" + GATEWAY, "ew:" + GATEWAY + "->" + DEMO, "ew:" + DEMO + "->" + REDIS);
        assertThat(journeys.waiting()).isZero();
        clock += Journeys.HOLD_NANOS;
        steps.clear();
        journeys.due(clock, steps);
        assertThat(steps).isEmpty(); // nothing left to draw on its own
    }

    @Test
    void hopsNoRequestClaimsAreDrawnOnTheirOwnOnceTheirWaitEnds() {
        traffic.graph(EdgeTrafficTest.SEED);
        add(hop("demo-app", "redis", "", 3, Outcome.SUCCESS));
        journeys.due(clock + Journeys.HOLD_NANOS - 1, steps);
        assertThat(steps).isEmpty();
        journeys.due(clock + Journeys.HOLD_NANOS, steps);
        assertThat(started()).extracting(p -> p.edges().getFirst().id()).containsExactly("ew:" + DEMO + "->" + REDIS);
        // a request with nothing linked keeps its own path
        steps.clear();
        add(request("req-2", 1_000, 401, ""));
        assertThat(started())
                .extracting(TrafficPath::edges)
                .containsExactly(List.of(TrafficEdge.northSouth("client:c-alice", GATEWAY)));
    }

    @Test
    void aHopArrivingAfterItsRequestContinuesItsParticle() {
        traffic.graph(EdgeTrafficTest.SEED);
        TrafficEvent request = request("req-3", 0, 503, "demo-app.mesh");
        add(request);
        assertThat(started()).hasSize(1);
        steps.clear();
        add(hop("gateway", "demo-app", "req-3", 1, Outcome.MESH_DENIED));
        assertThat(steps).hasSize(1);
        Journeys.Continue next = (Journeys.Continue) steps.getFirst();
        assertThat(next.request()).isEqualTo(request.sequence());
        assertThat(next.hop().outcome()).isEqualTo(Outcome.MESH_DENIED);
        assertThat(journeys.waiting()).isZero();
    }

    @Test
    void whatTheJourneysAddPerEventStaysSmallAtTheBenchsRate() {
        traffic.graph(EdgeTrafficTest.SEED);
        // 30 s at 5,000 events/s in the seed's mix: each request with its HTTP hop (by id) and its TCP hop (by
        // time), the hops logged first, a request starting every 0.6 ms
        int requests = 50_000;
        List<TrafficEvent> events = new ArrayList<>(3 * requests);
        for (int i = 0; i < requests; i++) {
            events.add(hop("gateway", "demo-app", "r" + i, i * 3 / 5 + 1, Outcome.SUCCESS));
            clock += 200_000;
            events.add(hop("demo-app", "redis", "", i * 3 / 5 + 2, Outcome.SUCCESS));
            clock += 200_000;
            events.add(request("r" + i, i * 3 / 5, 200, "demo-app.mesh"));
            clock += 200_000;
        }
        long withJourneys = run(events, true);
        long recordOnly = run(events, false);
        double perEvent = (double) (withJourneys - recordOnly) / events.size();
        System.out.printf(
                "journeys: %.2f us/event on top of the edges' %.2f us/event (%d events)%n",
                perEvent / 1e3, (double) recordOnly / events.size() / 1e3, events.size());
        // far below a frame's share of 5,000 events/s (200 us an event would take the whole second)
        assertThat(perEvent).isLessThan(20_000);
    }

    private long run(List<TrafficEvent> events, boolean journeysToo) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            EdgeTraffic edges = new EdgeTraffic(() -> clock);
            edges.graph(EdgeTrafficTest.SEED);
            Journeys j = new Journeys(edges);
            List<Journeys.Step> out = new ArrayList<>();
            long start = System.nanoTime();
            int n = 0;
            for (TrafficEvent e : events) {
                TrafficPath path = edges.record(e);
                if (journeysToo) {
                    j.add(e, path, e.receivedNanos(), out);
                    if (++n % 100 == 0) {
                        j.due(e.receivedNanos(), out);
                        out.clear();
                    }
                }
            }
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
