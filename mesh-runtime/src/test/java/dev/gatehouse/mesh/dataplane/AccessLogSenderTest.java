package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.policy.PolicyRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log is bounded and lossy: a slow or absent receiver costs records (counted), never a blocked caller. */
class AccessLogSenderTest {
    @TempDir
    Path dir;

    private static AccessLogEntry entry(int i) {
        return new AccessLogEntry(
                Instant.now(),
                "default",
                "web-1",
                "INBOUND",
                "client",
                "127.0.0.1:0",
                "web",
                "127.0.0.1:8080",
                "127.0.0.1:5000",
                "127.0.0.1:7000",
                "127.0.0.1:5001",
                "tcp",
                0,
                "-",
                3,
                100 + i,
                200,
                true,
                "Allow",
                PolicyRef.trafficPermission("allow-all-default"),
                "",
                null,
                null,
                null,
                null,
                null);
    }

    private static int freePortWithNobodyListening() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void linesReachTheReceiverAsJson() throws Exception {
        try (LogReceiver receiver = new LogReceiver();
                AccessLogSender sender = AccessLogSender.start(receiver.address(), 100)) {
            for (int i = 0; i < 5; i++) {
                assertThat(sender.offer(entry(i))).isTrue();
            }
            for (int i = 0; i < 5; i++) {
                JsonNode n = receiver.next(x -> true, Duration.ofSeconds(5));
                assertThat(n.path("bytes_sent").asLong()).isEqualTo(100 + i);
                assertThat(n.path("policy").path("name").asText()).isEqualTo("allow-all-default");
                assertThat(n.has("response_code")).isFalse();
            }
            assertThat(sender.sent()).isEqualTo(5);
            assertThat(sender.dropped()).isZero();
        }
    }

    @Test
    void absentReceiverDropsAndCountsWithoutBlocking() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", freePortWithNobodyListening());
        try (AccessLogSender sender = AccessLogSender.start(nobody, 8)) {
            for (int i = 0; i < 1000; i++) {
                sender.offer(entry(i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> sender.queued() == 0);
            assertThat(sender.sent()).isZero();
            assertThat(sender.dropped()).isEqualTo(1000);
        }
    }

    @Test
    void slowReceiverFillsTheQueueAndLaterRecordsAreDropped() throws Exception {
        try (ServerSocket stalled = new ServerSocket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
            Socket[] accepted = new Socket[1];
            Thread.ofVirtual().start(() -> {
                try {
                    accepted[0] = stalled.accept(); // accepts, never reads
                } catch (IOException ignored) {
                    // closed
                }
            });
            int offered = 50_000;
            try (AccessLogSender sender =
                    AccessLogSender.start((InetSocketAddress) stalled.getLocalSocketAddress(), 64)) {
                for (int i = 0; i < offered; i++) {
                    sender.offer(entry(i));
                }
                assertThat(sender.dropped())
                        .as("records beyond the socket buffers and the queue are dropped")
                        .isPositive();
                // The sender ends up blocked in a write with whatever the queue held then (0 to 64 records): wait
                // until it stops moving, then every record is accounted for (one may be in the blocked write).
                int[] last = {-1};
                await().atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> {
                            int now = sender.queued();
                            boolean settled = now == last[0];
                            last[0] = now;
                            return settled;
                        });
                assertThat(sender.queued()).isBetween(0, 64);
                assertThat(sender.sent() + sender.dropped() + sender.queued())
                        .isLessThanOrEqualTo(offered)
                        .isGreaterThanOrEqualTo(offered - 1);
            }
            if (accepted[0] != null) {
                accepted[0].close();
            }
        }
    }

    @Test
    void dataplaneCountsDropsWhenItsReceiverIsAbsent() throws Exception {
        try (MeshBed bed = new MeshBed(dir);
                EchoServer app = new EchoServer()) {
            bed.plainMesh("lossy");
            InetSocketAddress nobody = new InetSocketAddress("127.0.0.1", freePortWithNobodyListening());
            RunningDataplane dp = bed.start(
                    DataplaneConfig.of(bed.http.base(), MeshBed.yaml("lossy", "svc-1", "svc", app.port(), "tcp"))
                            .withAccessLog(nobody, 2));
            for (int i = 0; i < 20; i++) {
                assertThat(MeshBed.roundTrip(dp.inbounds().get(0).address(), "x\n"))
                        .isEqualTo("x\n");
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> dp.accessLogDropped() == 20);
            assertThat(dp.accessLogSent()).isZero();
        }
    }
}
