package dev.gatehouse.app.traffic.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.sandbox.SandboxAccessLog;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.TrafficWatch;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.dataplane.AccessLogEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's gateway requests and data-plane records reach the feed in-process, masked, only while watched. */
class EmbeddedTrafficSourceTest {

    @TempDir
    static Path dir;

    private static RunningGateway gateway;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestRuntimes.gateway(dir);
        // nothing listens on port 9: an answered request is a 502 from the gateway, the key-less one a 401
        TestRuntimes.loadConfig(gateway, SandboxDemo.keyAuth("http://127.0.0.1:9", "alice", "alice-secret-key"));
        assertThat(gateway.awaitProxyConfig(5_000)).isTrue();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    /** Collects what the source delivers. */
    private static final class Collected implements TrafficSink {
        final List<TrafficEvent> events = new CopyOnWriteArrayList<>();
        volatile long lost;

        @Override
        public void accept(TrafficEvent event) {
            events.add(event);
        }

        @Override
        public void lost(long count) {
            lost += count;
        }
    }

    private static int send(String path, String apikey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.proxyUrl() + path));
        if (apikey != null) {
            request.header("apikey", apikey).header("Authorization", "Bearer top-secret-token");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    @Test
    void everyProxiedRequestArrivesAsAGatewayEventWithItsCredentialsMasked() throws Exception {
        Collected sink = new Collected();
        TrafficWatch watch = new EmbeddedTrafficSource(gateway.requestEvents(), new SandboxAccessLog()).start(sink);
        try {
            assertThat(send("/a", null)).isEqualTo(401);
            assertThat(send("/b?apikey=alice-secret-key", null)).isEqualTo(502);
            assertThat(send("/c", "alice-secret-key")).isEqualTo(502);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() == 3);
        } finally {
            watch.close();
        }
        List<TrafficEvent> events = sink.events;
        assertThat(events).extracting(TrafficEvent::origin).containsOnly(Origin.GATEWAY);
        assertThat(events).extracting(TrafficEvent::status).containsExactly(401, 502, 502);
        assertThat(events)
                .extracting(TrafficEvent::outcome)
                .containsExactly(Outcome.AUTH_DENIED, Outcome.SERVER_ERROR, Outcome.SERVER_ERROR);
        assertThat(events.get(2).consumer()).isEqualTo("alice");
        assertThat(events.get(2).route()).isEqualTo("demo-rt");
        assertThat(events.get(2).destination()).isEqualTo("demo");
        assertThat(events.get(2).requestId()).isNotEmpty();
        for (TrafficEvent e : events) {
            assertThat(e.details().toString())
                    .doesNotContain("alice-secret-key")
                    .doesNotContain("top-secret-token");
        }
        assertThat(sink.lost).isZero();
    }

    @Test
    void theGatewayCapturesNothingOnceTheWatchIsClosed() throws Exception {
        Collected sink = new Collected();
        TrafficWatch watch = new EmbeddedTrafficSource(gateway.requestEvents(), new SandboxAccessLog()).start(sink);
        assertThat(gateway.requestEvents().active()).isTrue();
        watch.close();
        assertThat(gateway.requestEvents().active()).isFalse();
        send("/after", null);
        // a request answered after the close is never captured: nothing can arrive, however long one waits
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sink.events.isEmpty());
    }

    /** A record of {@code dataplane}; {@code connection} is the caller's side of the hop's connection. */
    private static AccessLogEntry record(
            String dataplane,
            String direction,
            String source,
            String destination,
            String requestId,
            String connection) {
        boolean outbound = direction.equals("OUTBOUND");
        return new AccessLogEntry(
                Instant.parse("2026-12-03T20:00:00.123Z"),
                "default",
                dataplane,
                direction,
                source,
                "127.0.0.1:0",
                destination,
                "127.0.0.1:6379",
                outbound ? "127.0.0.1:40000" : connection,
                outbound ? "127.0.0.1:15001" : "127.0.0.1:6379", // an inbound's listener: its caller's upstream host
                outbound ? connection : "127.0.0.1:40001",
                "http",
                200,
                "-",
                3,
                10,
                20,
                true,
                "Allow",
                null,
                "",
                "GET",
                "/counter",
                requestId,
                "HTTP/1.1",
                Map.of());
    }

    @Test
    void theDataPlanesRecordsArriveAsMeshHopsWhileWatchedOnly() throws Exception {
        SandboxAccessLog tap = new SandboxAccessLog();
        assertThat(tap.active()).as("no record is built before anyone watches").isFalse();
        Collected sink = new Collected();
        TrafficWatch watch = new EmbeddedTrafficSource(gateway.requestEvents(), tap).start(sink);
        try {
            assertThat(tap.active()).isTrue();
            // the callee logs first; its record says "unknown" as Kuma's does, its caller's twin names the source
            tap.accept(record("demo-app-1", "INBOUND", "gateway", "demo-app", "kong-id-1", "127.0.0.1:5000"));
            tap.accept(record("gateway-1", "OUTBOUND", "gateway", "demo-app", "kong-id-1", "127.0.0.1:5000"));
            tap.accept(record("demo-app-1", "OUTBOUND", "demo-app", "redis", null, "127.0.0.1:5001"));
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() == 3);
        } finally {
            watch.close();
        }
        assertThat(tap.active()).isFalse();
        TrafficEvent inbound = sink.events.stream()
                .filter(e -> e.direction().equals("INBOUND"))
                .findFirst()
                .orElseThrow();
        assertThat(inbound.origin()).isEqualTo(Origin.MESH);
        assertThat(inbound.details().path("source_service").asText()).isEqualTo("unknown");
        assertThat(inbound.source()).isEqualTo("gateway");
        assertThat(inbound.connection()).isEqualTo("127.0.0.1:5000->127.0.0.1:6379");
        assertThat(inbound.destination()).isEqualTo("demo-app");
        assertThat(inbound.requestId()).isEqualTo("kong-id-1");
        assertThat(inbound.time()).isEqualTo(Instant.parse("2026-12-03T20:00:00.123Z"));
        assertThat(inbound.countsAsHop()).isTrue();
        assertThat(sink.events.stream().filter(e -> e.direction().equals("OUTBOUND")))
                .hasSize(2)
                .noneMatch(TrafficEvent::countsAsHop);
    }
}
