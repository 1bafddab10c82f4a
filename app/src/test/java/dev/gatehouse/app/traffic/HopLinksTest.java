package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Gateway requests linked to their mesh hops: exactly by request id, else by services and time. */
class HopLinksTest {

    private static final long T0 = TimeUnit.SECONDS.toMicros(1_800_000_000L);

    private static Instant at(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
    }

    private static TrafficEvent request(long startMicros, double latencyMillis, String id, long receivedNanos) {
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.GATEWAY,
                at(startMicros),
                "",
                "alice",
                "demo",
                "demo-rt",
                "alice",
                "GET",
                "/",
                200,
                Outcome.SUCCESS,
                latencyMillis,
                id,
                "demo-app.mesh",
                "",
                "",
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    private static TrafficEvent hop(
            String source, String destination, long startMicros, double millis, String id, long receivedNanos) {
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.MESH,
                at(startMicros),
                "default",
                source,
                destination,
                "",
                "",
                "",
                "",
                0,
                Outcome.SUCCESS,
                millis,
                id,
                "127.0.0.1:1",
                "INBOUND",
                "-",
                "",
                DeflatedJson.of(JsonNodeFactory.instance.objectNode()));
    }

    @Test
    void aHopCarryingTheRequestIdIsLinkedExactlyWhicheverArrivesFirst() {
        HopLinks links = new HopLinks("gateway");
        TrafficEvent early = hop("gateway", "demo-app", T0 + 500_000, 1, "id-1", 1);
        assertThat(links.add(early)).isEmpty();
        TrafficEvent r1 = request(T0, 2, "id-1", 2);
        assertThat(links.add(r1)).containsExactly(new HopLinks.Link(r1, early, HopLinks.Match.EXACT));

        TrafficEvent r2 = request(T0 + 10_000, 2, "id-2", 3);
        assertThat(links.add(r2)).isEmpty();
        // far outside the window, yet the id says whose it is
        TrafficEvent late = hop("demo-app", "redis", T0 + 9_000_000, 1, "id-2", 4);
        assertThat(links.add(late)).containsExactly(new HopLinks.Link(r2, late, HopLinks.Match.EXACT));
    }

    @Test
    void tcpHopsAreLinkedByServiceAndTimeWindow() {
        HopLinks links = new HopLinks("gateway");
        TrafficEvent toApp = hop("gateway", "demo-app", T0 + 300, 4, "", 1);
        TrafficEvent toRedis = hop("demo-app", "redis", T0 + 1_000, 1, "", 2);
        TrafficEvent unrelated = hop("web", "backend", T0 + 1_200, 1, "", 3);
        TrafficEvent afterwards = hop("demo-app", "redis", T0 + 50_000, 1, "", 4);
        for (TrafficEvent h : List.of(toApp, toRedis, unrelated, afterwards)) {
            assertThat(links.add(h)).isEmpty();
        }
        TrafficEvent r = request(T0, 5, "", 5);
        assertThat(links.add(r))
                .containsExactlyInAnyOrder(
                        new HopLinks.Link(r, toApp, HopLinks.Match.BY_TIME),
                        new HopLinks.Link(r, toRedis, HopLinks.Match.BY_TIME));
        // a hop belongs to one request only: one that started after the hops gets none of them
        TrafficEvent overlapping = request(T0 + 2_000, 5, "", 6);
        assertThat(links.add(overlapping)).isEmpty();
    }

    @Test
    void aRequestThatStartedLaterButBeforeTheHopTakesItOver() {
        HopLinks links = new HopLinks("gateway");
        TrafficEvent toRedis = hop("demo-app", "redis", T0 + 3_000, 1, "", 1);
        links.add(toRedis);
        TrafficEvent longer = request(T0, 9, "", 2);
        assertThat(links.add(longer)).containsExactly(new HopLinks.Link(longer, toRedis, HopLinks.Match.BY_TIME));
        // answered after the first one although it started later: the hop opened while both ran, nearer to it
        TrafficEvent later = request(T0 + 2_500, 2, "", 3);
        assertThat(links.add(later))
                .containsExactly(
                        new HopLinks.Link(later, toRedis, HopLinks.Match.BY_TIME, java.util.Optional.of(longer)));
    }

    /**
     * Kong's started_at is in whole milliseconds, so a quick next request can start (as logged) within the clock slack
     * after a hop of the one before it: TrafficPageUiTest's demo requests on a fast machine, where /counter?n=14's
     * Redis hop went to /counter?n=16 (2026-12-05). Whichever order the three events arrive in, the hop stays with the
     * request that started before it.
     */
    @Test
    void aHopStaysWithTheRequestThatStartedBeforeItNotTheNextOneWithinTheSlack() {
        long first = T0; // logged start of the first request, 1 ms long
        long hopStart = first + 600;
        long next = first + 2_000; // the next one, logged 2 ms later: within SLACK_MICROS of the hop
        List<List<Integer>> orders = List.of(List.of(0, 1, 2), List.of(2, 0, 1), List.of(2, 1, 0), List.of(1, 2, 0));
        for (List<Integer> order : orders) {
            HopLinks links = new HopLinks("gateway");
            TrafficEvent r1 = request(first, 1, "", 1);
            TrafficEvent r2 = request(next, 1, "", 2);
            TrafficEvent toRedis = hop("demo-app", "redis", hopStart, 0.4, "", 3);
            List<TrafficEvent> events = List.of(r1, r2, toRedis);
            Map<TrafficEvent, TrafficEvent> owner = new IdentityHashMap<>();
            for (int i : order) {
                for (HopLinks.Link link : links.add(events.get(i))) {
                    owner.put(link.hop(), link.request());
                }
            }
            assertThat(owner.get(toRedis)).as("arrival order %s", order).isSameAs(r1);
        }
    }

    @Test
    void aHopThatStartedJustBeforeItsRequestAsLoggedIsStillLinked() {
        // a remote gateway's clock a little ahead of the mesh's: the slack lets the only candidate have it
        HopLinks links = new HopLinks("gateway");
        TrafficEvent r = request(T0 + 1_500, 3, "", 1);
        links.add(r);
        TrafficEvent early = hop("gateway", "demo-app", T0, 3, "", 2);
        assertThat(links.add(early)).containsExactly(new HopLinks.Link(r, early, HopLinks.Match.BY_TIME));
    }

    @Test
    void anInboundWithoutMtlsNamesNoSourceAndIsStillLinked() {
        HopLinks links = new HopLinks("gateway");
        TrafficEvent r = request(T0, 5, "", 1);
        links.add(r);
        TrafficEvent anonymous = hop("", "demo-app", T0 + 400, 3, "", 2);
        assertThat(links.add(anonymous)).containsExactly(new HopLinks.Link(r, anonymous, HopLinks.Match.BY_TIME));
    }

    @Test
    void whatIsOlderThanTheHorizonIsForgotten() {
        HopLinks links = new HopLinks("gateway", TimeUnit.SECONDS.toNanos(1));
        links.add(request(T0, 5, "", 0));
        links.add(hop("x", "y", T0, 1, "", 0));
        assertThat(links.waiting()).isEqualTo(2);
        TrafficEvent later = hop("gateway", "demo-app", T0 + 1_000, 1, "", TimeUnit.SECONDS.toNanos(2));
        assertThat(links.add(later)).isEmpty();
        assertThat(links.waiting()).isEqualTo(1);
    }

    /** One simulated request: its hops and the events as they arrive. */
    private record Simulated(TrafficEvent request, List<TrafficEvent> hops) {}

    /**
     * Time-linking under concurrency, measured: requests arrive at {@code rate} per second (Poisson), each taking
     * 2–10 ms, with a gateway → demo-app hop opening within its first 0.5 ms and a demo-app → redis hop (a fresh
     * connection per request, as the seed's demo-app does) somewhere inside it. Events arrive when they end (a TCP
     * hop is logged when its connection closes, a request when it is answered). Returns the share of hops linked
     * to their own request.
     */
    private static double timeLinkingAccuracy(double rate, int requests, long seed) {
        Random random = new Random(seed);
        List<Simulated> all = new ArrayList<>();
        List<TrafficEvent> arrivals = new ArrayList<>();
        Map<TrafficEvent, Long> endOf = new IdentityHashMap<>();
        double now = 0;
        for (int i = 0; i < requests; i++) {
            now += -Math.log(1 - random.nextDouble()) / rate * 1_000_000; // micros
            long start = T0 + (long) now;
            double latency = 2 + random.nextDouble() * 8;
            long end = start + (long) (latency * 1000);
            long appStart = start + (long) (random.nextDouble() * 500);
            long redisStart = appStart + (long) (random.nextDouble() * (end - appStart - 600));
            TrafficEvent toApp = hop("gateway", "demo-app", appStart, (end - appStart) / 1000.0, "", 0);
            TrafficEvent toRedis = hop("demo-app", "redis", redisStart, 0.4, "", 0);
            TrafficEvent req = request(start, latency, "", 0);
            all.add(new Simulated(req, List.of(toApp, toRedis)));
            endOf.put(toApp, end - 100);
            endOf.put(toRedis, redisStart + 400);
            endOf.put(req, end + 50);
            arrivals.addAll(List.of(toApp, toRedis, req));
        }
        arrivals.sort(Comparator.comparingLong(endOf::get));
        HopLinks links = new HopLinks("gateway");
        Map<TrafficEvent, TrafficEvent> linkedTo = new IdentityHashMap<>();
        Map<TrafficEvent, TrafficEvent> originals = new IdentityHashMap<>();
        for (TrafficEvent e : arrivals) {
            TrafficEvent arrived = new TrafficEvent(
                    e.sequence(),
                    TimeUnit.MICROSECONDS.toNanos(endOf.get(e) - T0),
                    e.origin(),
                    e.time(),
                    e.mesh(),
                    e.source(),
                    e.destination(),
                    e.route(),
                    e.consumer(),
                    e.method(),
                    e.path(),
                    e.status(),
                    e.outcome(),
                    e.latencyMillis(),
                    e.requestId(),
                    e.upstreamHost(),
                    e.direction(),
                    e.flags(),
                    "",
                    DeflatedJson.of(e.details()));
            originals.put(arrived, e);
            for (HopLinks.Link link : links.add(arrived)) {
                linkedTo.put(originals.get(link.hop()), originals.get(link.request()));
            }
        }
        long right = 0;
        long total = 0;
        for (Simulated s : all) {
            for (TrafficEvent h : s.hops()) {
                total++;
                if (linkedTo.get(h) == s.request()) {
                    right++;
                }
            }
        }
        return (double) right / total;
    }

    @Test
    void timeLinkingIsReliableWhileRequestsRarelyOverlapAndDegradesWithConcurrency() {
        double at10 = timeLinkingAccuracy(10, 1_000, 1);
        double at100 = timeLinkingAccuracy(100, 1_000, 2);
        double at1000 = timeLinkingAccuracy(1_000, 1_000, 3);
        System.out.printf(
                "time-linking accuracy (2-10 ms requests): 10 rps %.1f %%, 100 rps %.1f %%, 1000 rps %.1f %%%n",
                at10 * 100, at100 * 100, at1000 * 100);
        // measured: 98.2 %, 88.6 %, 49.5 % (seeds 1, 2, 3); 97.8 %, 84.5 %, 32.8 % before a request that started after
        // a hop stopped winning it over one that started before (2026-12-05)
        assertThat(at10).isGreaterThan(0.95);
        assertThat(at100).isGreaterThan(0.8).isLessThanOrEqualTo(at10);
        assertThat(at1000).isGreaterThan(0.25).isLessThan(at100);
    }
}
