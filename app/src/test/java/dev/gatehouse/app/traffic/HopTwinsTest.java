package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An inbound record that names no source (Kuma's {@code unknown}) gets its caller's service from the caller's
 * outbound record of the same connection, whichever arrives first; without a twin it goes on unnamed after
 * {@link HopTwins#HOLD}, by itself.
 */
class HopTwinsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What HopTwins hands on, in order. */
    private static final class Collected implements TrafficSink {
        final List<TrafficEvent> events = new CopyOnWriteArrayList<>();
        final AtomicLong lost = new AtomicLong();

        @Override
        public void accept(TrafficEvent event) {
            events.add(event);
        }

        @Override
        public void lost(long count) {
            lost.addAndGet(count);
        }
    }

    private final Collected sink = new Collected();
    private final List<HopTwins> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(HopTwins::close);
    }

    private HopTwins twins() {
        return open(new HopTwins(sink));
    }

    private HopTwins open(HopTwins twins) {
        opened.add(twins);
        return twins;
    }

    /** The callee's INBOUND record as Kuma writes it: no source, its peer's ip:port. */
    private static TrafficEvent inbound(String destination, String peer, String path) throws Exception {
        return MeshAccessLogLines.parse(JSON.readTree("""
                {"mesh":"default","traffic_direction":"INBOUND","source_service":"unknown",
                 "source_address":"10.0.0.7:0","destination_service":"%s","response_code":200,"response_flags":"-",
                 "method":"GET","path":"%s","downstream_remote_address":"%s","upstream_local_address":"10.0.0.7:1"}
                """.formatted(destination, path, peer)), System.nanoTime());
    }

    /** The caller's OUTBOUND record of the same hop: it names itself, and its side of the connection. */
    private static TrafficEvent outbound(String source, String destination, String local) throws Exception {
        return MeshAccessLogLines.parse(JSON.readTree("""
                {"mesh":"default","traffic_direction":"OUTBOUND","source_service":"%s",
                 "source_address":"10.0.0.3:0","destination_service":"%s","response_code":200,"response_flags":"-",
                 "upstream_local_address":"%s","downstream_remote_address":"127.0.0.1:2"}
                """.formatted(source, destination, local)), System.nanoTime());
    }

    @Test
    void anInboundRecordWaitsForItsTwinAndGoesOnNamed() throws Exception {
        HopTwins twins = twins();
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/a"));
        assertThat(sink.events).as("held for its twin").isEmpty();
        assertThat(twins.waiting()).isEqualTo(1);

        twins.accept(outbound("gateway", "demo-app", "10.0.0.3:40112"));

        assertThat(sink.events).hasSize(2);
        TrafficEvent named = sink.events.get(0);
        assertThat(named.direction()).isEqualTo("INBOUND");
        assertThat(named.source()).isEqualTo("gateway");
        assertThat(named.path()).isEqualTo("/a");
        assertThat(named.details().path("source_service").asText())
                .as("the record as Kuma wrote it")
                .isEqualTo("unknown");
        assertThat(sink.events.get(1).direction()).isEqualTo("OUTBOUND");
        assertThat(twins.waiting()).isZero();
    }

    @Test
    void afterTheOutboundRecordEveryRequestOnItsConnectionIsNamedAtOnce() throws Exception {
        HopTwins twins = twins();
        twins.accept(outbound("gateway", "demo-app", "10.0.0.3:40112"));
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/a"));
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/b")); // the same kept-alive connection
        twins.accept(inbound("demo-app", "10.0.0.3:40999", "/c")); // another caller's: waits

        assertThat(sink.events).hasSize(3);
        assertThat(sink.events.subList(1, 3))
                .extracting(TrafficEvent::path, TrafficEvent::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/a", "gateway"),
                        org.assertj.core.groups.Tuple.tuple("/b", "gateway"));
        assertThat(twins.waiting()).isEqualTo(1);
    }

    /**
     * Linux hands a local port that one connection holds to a connection to another destination at once (the port is
     * picked per destination), so the gateway's kept-alive connection to demo-app and demo-app's connection to Redis
     * can both start at 10.0.0.3:40112. The callee's address tells them apart: Redis's inbound is not the gateway's.
     */
    @Test
    void theSameCallerPortToAnotherDestinationIsAnotherConnection() throws Exception {
        HopTwins twins = twins();
        twins.accept(MeshAccessLogLines.parse(JSON.readTree("""
                {"mesh":"default","traffic_direction":"OUTBOUND","source_service":"gateway",
                 "destination_service":"demo-app","upstream_host":"10.0.0.7:5000",
                 "upstream_local_address":"10.0.0.3:40112"}
                """), System.nanoTime()));
        String redisInbound = """
                {"mesh":"default","traffic_direction":"INBOUND","source_service":"unknown",
                 "destination_service":"redis","downstream_remote_address":"10.0.0.3:40112",
                 "downstream_local_address":"10.0.0.9:6379"}
                """;
        twins.accept(MeshAccessLogLines.parse(JSON.readTree(redisInbound), System.nanoTime()));
        assertThat(sink.events).as("held for its own twin").hasSize(1);

        twins.accept(MeshAccessLogLines.parse(JSON.readTree("""
                {"mesh":"default","traffic_direction":"OUTBOUND","source_service":"demo-app",
                 "destination_service":"redis","upstream_host":"10.0.0.9:6379",
                 "upstream_local_address":"10.0.0.3:40112"}
                """), System.nanoTime()));
        assertThat(sink.events)
                .filteredOn(e -> e.direction().equals("INBOUND"))
                .singleElement()
                .extracting(TrafficEvent::source)
                .isEqualTo("demo-app");
    }

    /** An inbound record from a format without {@code %DOWNSTREAM_LOCAL_ADDRESS%} is paired by the caller's side. */
    @Test
    void anInboundRecordThatDoesNotNameItsOwnEndIsPairedByTheCallersSide() throws Exception {
        HopTwins twins = twins();
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/a")); // no downstream_local_address
        twins.accept(MeshAccessLogLines.parse(JSON.readTree("""
                {"mesh":"default","traffic_direction":"OUTBOUND","source_service":"gateway",
                 "destination_service":"demo-app","upstream_host":"10.0.0.7:5000",
                 "upstream_local_address":"10.0.0.3:40112"}
                """), System.nanoTime()));
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/b"));

        assertThat(sink.events)
                .filteredOn(e -> e.direction().equals("INBOUND"))
                .extracting(TrafficEvent::path, TrafficEvent::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/a", "gateway"),
                        org.assertj.core.groups.Tuple.tuple("/b", "gateway"));
        assertThat(twins.waiting()).isZero();
    }

    @Test
    void recordsOfOneConnectionWaitingTogetherAreAllNamedInOrder() throws Exception {
        HopTwins twins = twins();
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/a"));
        twins.accept(inbound("demo-app", "10.0.0.3:40112", "/b"));
        twins.accept(outbound("gateway", "demo-app", "10.0.0.3:40112"));
        assertThat(sink.events)
                .extracting(TrafficEvent::path, TrafficEvent::source)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/a", "gateway"),
                        org.assertj.core.groups.Tuple.tuple("/b", "gateway"),
                        org.assertj.core.groups.Tuple.tuple("", "gateway"));
    }

    @Test
    void withoutATwinTheRecordGoesOnUnnamedAfterTheHoldWithoutFurtherTraffic() throws Exception {
        HopTwins twins = twins();
        long start = System.nanoTime();
        twins.accept(inbound("demo-app", "10.0.0.9:1234", "/lonely"));
        assertThat(sink.events).isEmpty();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5)).until(() -> !sink.events.isEmpty());

        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(waitedMillis).isBetween(HopTwins.HOLD.toMillis() - 5, 1_500L);
        assertThat(sink.events).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("/lonely");
            assertThat(e.source()).isEmpty();
        });
        assertThat(twins.waiting()).isZero();
        // a twin arriving late names nothing any more, and is delivered as itself
        twins.accept(outbound("gateway", "demo-app", "10.0.0.9:1234"));
        assertThat(sink.events).hasSize(2);
    }

    @Test
    void tooManyWaitingLetsTheOldestGoUnnamedInsteadOfGrowing() throws Exception {
        // held for longer than the test takes: only the bound lets records go
        HopTwins twins = open(new HopTwins(sink, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        int extra = 10;
        for (int i = 0; i < HopTwins.MAX_WAITING + extra; i++) {
            twins.accept(inbound("demo-app", "10.0.0.3:" + (10_000 + i), "/" + i));
        }
        assertThat(twins.waiting()).isEqualTo(HopTwins.MAX_WAITING);
        assertThat(sink.events)
                .extracting(TrafficEvent::path)
                .containsExactly("/0", "/1", "/2", "/3", "/4", "/5", "/6", "/7", "/8", "/9");
        assertThat(sink.events).allSatisfy(e -> assertThat(e.source()).isEmpty());
        // the ones still waiting are still paired
        twins.accept(outbound("gateway", "demo-app", "10.0.0.3:" + (10_000 + extra)));
        assertThat(sink.events.get(extra).path()).isEqualTo("/" + extra);
        assertThat(sink.events.get(extra).source()).isEqualTo("gateway");
    }

    @Test
    void connectionsAreForgottenWhenIdleOrLeastRecentlyUsedBeyondTheBound() throws Exception {
        HopTwins twins = open(new HopTwins(sink, Duration.ofMillis(30), Duration.ofMillis(50)));
        twins.accept(outbound("gateway", "demo-app", "10.0.0.3:1"));
        Thread.sleep(120);
        twins.accept(inbound("demo-app", "10.0.0.3:1", "/late"));
        assertThat(sink.events).as("the idle connection names nobody").hasSize(1);
        await().atMost(Duration.ofSeconds(2)).until(() -> sink.events.size() == 2);
        assertThat(sink.events.get(1).source()).isEmpty();

        // Held for longer than the test takes, so that only the bound decides (a 30 ms hold let the last record go
        // before the assertion on a loaded machine).
        HopTwins bounded = open(new HopTwins(sink, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        for (int i = 0; i <= HopTwins.MAX_CONNECTIONS; i++) {
            bounded.accept(outbound("gateway", "demo-app", "10.0.1.1:" + i));
        }
        sink.events.clear();
        bounded.accept(inbound("demo-app", "10.0.1.1:" + HopTwins.MAX_CONNECTIONS, "/recent"));
        bounded.accept(inbound("demo-app", "10.0.1.1:0", "/evicted"));
        assertThat(sink.events)
                .singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("gateway"));
        assertThat(bounded.waiting()).isEqualTo(1);
    }

    @Test
    void otherRecordsAndLossesPassStraightThroughAndCloseFlushes() throws Exception {
        HopTwins twins = twins();
        TrafficEvent gateway = KongLogEntries.parse(
                JSON.readTree("{\"response\":{\"status\":200},\"request\":{\"method\":\"GET\"}}"), 0);
        TrafficEvent namedInbound = MeshAccessLogLines.parse(
                JSON.readTree("{\"traffic_direction\":\"INBOUND\",\"source_service\":\"web\","
                        + "\"downstream_remote_address\":\"10.0.0.3:5\"}"),
                0);
        TrafficEvent noAddress = MeshAccessLogLines.parse(
                JSON.readTree("{\"traffic_direction\":\"INBOUND\",\"source_service\":\"unknown\"}"), 0);
        twins.accept(gateway);
        twins.accept(namedInbound);
        twins.accept(noAddress);
        twins.lost(7);
        assertThat(sink.events).containsExactly(gateway, namedInbound, noAddress);
        assertThat(sink.lost).hasValue(7);

        twins.accept(inbound("demo-app", "10.0.0.3:6", "/held"));
        twins.close();
        assertThat(sink.events).hasSize(4);
        assertThat(sink.events.get(3).path()).isEqualTo("/held");
        twins.accept(inbound("demo-app", "10.0.0.3:7", "/after"));
        assertThat(sink.events).as("after close nothing waits").hasSize(5);
    }

    @Test
    void concurrentSourcesGetEveryInboundNamedByItsOwnTwin() throws Exception {
        // a long hold: a thread descheduled between a record and its twin must not make the test flaky
        HopTwins twins = open(new HopTwins(sink, Duration.ofMinutes(1), Duration.ofMinutes(1)));
        int threads = 4;
        int hops = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < hops; i++) {
                        String connection = "10.0." + thread + ".1:" + i;
                        String caller = "caller-" + thread;
                        TrafficEvent in = inbound("svc", connection, "/" + thread + "/" + i);
                        TrafficEvent out = outbound(caller, "svc", connection);
                        if (i % 2 == 0) { // Envoy usually logs the callee's side first, not always
                            twins.accept(in);
                            twins.accept(out);
                        } else {
                            twins.accept(out);
                            twins.accept(in);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sink.events).hasSize(threads * hops * 2);
        List<TrafficEvent> inbound = sink.events.stream()
                .filter(e -> e.direction().equals("INBOUND"))
                .toList();
        assertThat(inbound).hasSize(threads * hops);
        assertThat(inbound)
                .allSatisfy(e ->
                        assertThat(e.source()).isEqualTo("caller-" + e.path().split("/")[1]));
        assertThat(twins.waiting()).isZero();
    }
}
