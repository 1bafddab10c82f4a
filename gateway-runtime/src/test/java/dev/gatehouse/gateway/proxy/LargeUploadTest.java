package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB upload streams through a gateway whose heap is capped at 256 MB (a child JVM started through
 * {@code GatewayMain} with {@code -Xmx256m}; direct memory defaults to the same cap): the body is never buffered
 * whole, and arrives intact.
 */
class LargeUploadTest {

    private static final long SIZE = 1L << 30;

    @Test
    void oneGibUploadWithBoundedMemory(@TempDir Path dir) throws Exception {
        try (UpstreamServer up = UpstreamServer.start();
                GatewayProcess gw = GatewayProcess.start(dir.resolve("data"))) {
            AdminClient admin = gw.client();
            assertThat(admin.post("/services", Map.of("name", "sink", "url", up.url()))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/services/sink/routes", Map.of("paths", List.of("/upload")))
                            .status())
                    .isEqualTo(201);
            String proxy = gw.proxyUrl();
            // the route is live within milliseconds of the 201 (a child process: no in-process sync to wait on)
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> status(proxy + "/upload"), s -> s != 404);
            HttpURLConnection c =
                    (HttpURLConnection) URI.create(proxy + "/upload").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(SIZE);
            c.setRequestProperty("Content-Type", "application/octet-stream");
            CRC32 sent = new CRC32();
            byte[] chunk = new byte[1 << 16];
            long start = System.nanoTime();
            try (OutputStream out = c.getOutputStream()) {
                for (long written = 0; written < SIZE; written += chunk.length) {
                    for (int i = 0; i < chunk.length; i += 4096) {
                        chunk[i] = (byte) (written >>> 16); // vary the content so reordering would show in the checksum
                    }
                    sent.update(chunk);
                    out.write(chunk);
                }
            }
            assertThat(c.getResponseCode()).isEqualTo(200);
            double seconds = (System.nanoTime() - start) / 1e9;
            UpstreamServer.Seen seen = up.last();
            assertThat(seen.bodyBytes()).isEqualTo(SIZE);
            assertThat(seen.crc32()).isEqualTo(sent.getValue());
            long peakKb = peakRssKb(gw.pid());
            System.out.printf(
                    "1 GiB upload through the gateway: %.1f s (%.0f MB/s), gateway peak RSS %d MB%n",
                    seconds, SIZE / 1e6 / seconds, peakKb / 1024);
            assertThat(peakKb / 1024).as("gateway peak RSS (MB)").isLessThan(600);
        }
    }

    private static int status(String url) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    private static long peakRssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
