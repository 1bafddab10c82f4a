package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.mesh.Http;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process tap of the embedded sandbox: records while active, and no access-log work at all while not. */
class AccessLogTapTest {
    @TempDir
    Path dir;

    /** What the console's side does: a flag and a queue. */
    static final class RecordingTap implements AccessLogTap {
        final AtomicBoolean on = new AtomicBoolean();
        final List<AccessLogEntry> entries = new CopyOnWriteArrayList<>();

        @Override
        public boolean active() {
            return on.get();
        }

        @Override
        public void accept(AccessLogEntry entry) {
            entries.add(entry);
        }
    }

    @Test
    void inactiveTapBuildsNoRecordActiveTapGetsEveryRecordWithoutAnyPolicy() throws Exception {
        RecordingTap tap = new RecordingTap();
        try (EchoServer app = new EchoServer();
                MeshBed bed = new MeshBed(dir)) {
            bed.mtlsMesh("shop");
            RunningDataplane redis = bed.start(
                    DataplaneConfig.of(bed.http.base(), MeshBed.yaml("shop", "redis-1", "redis", app.port(), "tcp"))
                            .withAccessLogTap(tap));
            RunningDataplane front = bed.sidecar("shop", "front-1", "front", 1, "tcp", "redis");
            InetSocketAddress toRedis = front.outbound("redis").orElseThrow();

            for (int i = 0; i < 3; i++) {
                assertThat(MeshBed.roundTrip(toRedis, "ping\n")).isEqualTo("ping\n");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> app.accepted.get() == 3);

            tap.on.set(true);
            assertThat(MeshBed.roundTrip(toRedis, "ping\n")).isEqualTo("ping\n");
            await().atMost(Duration.ofSeconds(5))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> !tap.entries.isEmpty());
            AccessLogEntry e = tap.entries.get(0);
            assertThat(e.direction()).isEqualTo("INBOUND");
            assertThat(e.sourceService()).isEqualTo("front");
            assertThat(e.destinationService()).isEqualTo("redis");
            assertThat(e.requestId()).isNull();
            assertThat(Http.JSON.readTree(e.toJson()).has("request_id")).isFalse();
            // The three connections made while the tap was off never built a record (and never will).
            assertThat(tap.entries).hasSize(1);
            assertThat(redis.accessLogRecordsBuilt()).isEqualTo(1);
            assertThat(front.accessLogRecordsBuilt())
                    .as("no tap, no policy, no address")
                    .isZero();

            tap.on.set(false);
            assertThat(MeshBed.roundTrip(toRedis, "ping\n")).isEqualTo("ping\n");
            await().atMost(Duration.ofSeconds(5)).until(() -> app.accepted.get() == 5);
            assertThat(redis.accessLogRecordsBuilt()).isEqualTo(1);
            assertThat(tap.entries).hasSize(1);
        }
    }

    @Test
    void httpRecordsCarryKongsRequestIdElseXRequestId() throws Exception {
        RecordingTap tap = new RecordingTap();
        tap.on.set(true);
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        app.createContext("/", ex -> {
            ex.sendResponseHeaders(200, 2);
            try (OutputStream o = ex.getResponseBody()) {
                o.write("ok".getBytes());
            }
        });
        app.start();
        try (MeshBed bed = new MeshBed(dir);
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build()) {
            bed.mtlsMesh("shop");
            bed.start(DataplaneConfig.of(
                            bed.http.base(),
                            MeshBed.yaml(
                                    "shop", "web-1", "web", app.getAddress().getPort(), "http"))
                    .withAccessLogTap(tap));
            RunningDataplane front = bed.sidecar("shop", "front-1", "front", 1, "tcp", "web");
            URI uri = URI.create(
                    "http://127.0.0.1:" + front.outbound("web").orElseThrow().getPort() + "/a");
            client.send(
                    HttpRequest.newBuilder(uri)
                            .header("X-Kong-Request-Id", "kong-1")
                            .header("X-Request-Id", "plain-1")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            client.send(
                    HttpRequest.newBuilder(uri)
                            .header("X-Request-Id", "plain-2")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            await().atMost(Duration.ofSeconds(5)).until(() -> tap.entries.size() == 2);
            assertThat(tap.entries).extracting(AccessLogEntry::requestId).containsExactly("kong-1", "plain-2");
            JsonNode json = Http.JSON.readTree(tap.entries.get(0).toJson());
            assertThat(json.path("request_id").asText()).isEqualTo("kong-1");
            assertThat(json.path("method").asText()).isEqualTo("GET");
            assertThat(tap.entries.get(0).httpVersion()).isEqualTo("HTTP/1.1");
        } finally {
            app.stop(0);
        }
    }
}
