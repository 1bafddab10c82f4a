package dev.gatehouse.app.traffic.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MeshAccessLog collector on a real socket, written to as a data plane's Tcp backend does: one JSON object per
 * line (kuma-dp's access-log streamer, app/kuma-dp/pkg/dataplane/accesslogs/streamer.go). Lines that are not JSON
 * objects and overlong lines are skipped and counted; the connection stays up.
 */
class AccessLogCollectorTest {

    private static final String LINE =
            "{\"start_time\":\"2026-01-01T00:00:00Z\",\"mesh\":\"default\",\"traffic_direction\":\"INBOUND\","
                    + "\"source_service\":\"gateway\",\"destination_service\":\"demo-app\",\"protocol\":\"http\","
                    + "\"response_code\":%d,\"response_flags\":\"-\",\"duration\":\"4\",\"method\":\"GET\","
                    + "\"path\":\"/\"}";

    private TrafficFeed feed;
    private AccessLogCollector collector;

    @BeforeEach
    void start() throws Exception {
        feed = new TrafficFeed(100);
        collector = AccessLogCollector.start(CollectorAddress.LOOPBACK, feed.sink(), 1024);
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void linesBecomeEventsAndBadOrOverlongLinesAreSkippedOnTheSameConnection() throws Exception {
        String[] hostPort = collector.address().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            OutputStream out = socket.getOutputStream();
            String overlong = "{\"path\":\"" + "x".repeat(2000) + "\"}";
            String stream = LINE.formatted(200) + "\n"
                    + "not json\n"
                    + "\n"
                    + overlong + "\n"
                    + "[1,2]\n"
                    + LINE.formatted(503) + "\r\n";
            // in small pieces, as TCP may deliver them
            byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += 100) {
                out.write(bytes, i, Math.min(100, bytes.length - i));
                out.flush();
            }

            await().atMost(Duration.ofSeconds(5)).until(() -> collector.lines() == 2);
        }
        feed.pulse();
        assertThat(feed.snapshot()).extracting(TrafficEvent::status).containsExactly(200, 503);
        assertThat(feed.snapshot())
                .extracting(TrafficEvent::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.SERVER_ERROR);
        assertThat(feed.snapshot().get(0).destination()).isEqualTo("demo-app");
        assertThat(collector.rejected()).isEqualTo(3);
    }
}
