package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.GatewayExtension;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HTTP/1.1 pipelining (RFC 9112 section 9.3.2): responses come back in the order the requests were sent, however
 * many arrive in one write (nginx, in front of Kong's Admin API, answers them one after the other).
 */
class PipeliningTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    /** One request to pipeline and the status it must get. */
    private record Piped(String method, String path, String body, int status) {
        byte[] bytes() {
            StringBuilder sb =
                    new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: admin\r\n");
            if (body != null) {
                sb.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n");
            }
            return sb.append("\r\n").append(body == null ? "" : body).toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        GW.client().post("/services", Map.of("name", "piped", "host", "piped.test"));
        List<Piped> batch = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            // alternate a found and a missing entity, so out-of-order answers would show in the status sequence
            batch.add(
                    i % 2 == 0
                            ? new Piped("GET", "/services/piped", null, 200)
                            : new Piped("GET", "/services/missing-" + i, null, 404));
        }
        assertThat(send(batch)).isEqualTo(expected(batch));
    }

    @Test
    void twoHundredSmallRequestsInOneWriteAreAllAnswered() throws Exception {
        GW.client().post("/services", Map.of("name", "piped-200", "host", "piped.test"));
        List<Piped> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(
                    i % 3 == 0
                            ? new Piped("GET", "/services/piped-200", null, 200)
                            : i % 3 == 1
                                    ? new Piped("GET", "/services/missing-" + i, null, 404)
                                    : new Piped("HEAD", "/services/piped-200", null, 200));
        }
        // before the fix the connection was closed after the first read's worth (about 50 requests)
        assertThat(send(batch)).isEqualTo(expected(batch));
        assertThat(GW.client().get("/services/piped-200").status()).isEqualTo(200);
    }

    @Test
    void twoHundredMixedRequestsWithLargeBodiesInOneWrite() throws Exception {
        GW.client().post("/services", Map.of("name", "piped-mixed", "host", "piped.test"));
        String tags = "\"" + "t".repeat(1000) + "\"";
        String large = "{\"host\":\"big.test\",\"tags\":[" + String.join(",", java.util.Collections.nCopies(100, tags))
                + "]}"; // about 100 KiB
        List<Piped> batch = new ArrayList<>();
        String prefix = "pipe-" + System.nanoTime() + "-";
        for (int i = 0; i < 200; i++) {
            batch.add(
                    switch (i % 5) {
                        case 0 -> new Piped("GET", "/services/piped-mixed", null, 200);
                        case 1 -> new Piped("POST", "/schemas/services/validate", large, 200);
                        case 2 -> new Piped("POST", "/consumers", "{\"username\":\"" + prefix + i + "\"}", 201);
                        case 3 -> new Piped("POST", "/services", "{\"host\":1}", 400);
                        default -> new Piped("PATCH", "/services/piped-mixed", "{\"tags\":[\"n" + i + "\"]}", 200);
                    });
        }
        assertThat(send(batch)).isEqualTo(expected(batch));
        long created = GW.client().get("/consumers?size=1000").json().get("data").findValuesAsText("username").stream()
                .filter(u -> u.startsWith(prefix))
                .count();
        assertThat(created).isEqualTo(40);
        // the last PATCH won: requests were applied in order
        assertThat(GW.client()
                        .get("/services/piped-mixed")
                        .json()
                        .get("tags")
                        .get(0)
                        .asText())
                .isEqualTo("n199");
    }

    private static List<Integer> expected(List<Piped> batch) {
        return batch.stream().map(Piped::status).toList();
    }

    /** Writes the whole batch in one write (from another thread, so a full socket buffer cannot deadlock us). */
    private static List<Integer> send(List<Piped> batch) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Piped p : batch) {
            all.writeBytes(p.bytes());
        }
        URI admin = URI.create(GW.process().adminUrl());
        try (Socket s = new Socket(admin.getHost(), admin.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
                try {
                    out.write(all.toByteArray());
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            InputStream in = new BufferedInputStream(s.getInputStream());
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Piped p : batch) {
                    String status = line(in);
                    if (status == null) {
                        break; // closed early: the assertion on the list shows how far it got
                    }
                    assertThat(status).startsWith("HTTP/1.1 ");
                    statuses.add(Integer.parseInt(status.split(" ")[1]));
                    int length = 0;
                    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                        if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                            length = Integer.parseInt(h.substring(15).trim());
                        }
                    }
                    if (!p.method().equals("HEAD")) {
                        in.readNBytes(length);
                    }
                }
            } catch (java.net.SocketException reset) {
                // closed early, as above
            }
            if (statuses.size() == batch.size()) {
                written.join();
            }
            return statuses;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.US_ASCII);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }
}
