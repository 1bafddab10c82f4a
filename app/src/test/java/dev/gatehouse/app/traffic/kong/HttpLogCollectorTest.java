package dev.gatehouse.app.traffic.kong;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The http-log collector on a real socket: http-log posts one JSON object when its batch size is 1, a JSON array
 * otherwise (kong/plugins/http-log/handler.lua: {@code entries[1]} or {@code json_array_concat(entries)}); whatever
 * else arrives is refused, counted, and does not stop it.
 */
class HttpLogCollectorTest {

    private static final String TOKEN = "s3cret-token";
    private static final String ENTRY = """
            {"request":{"method":"GET","uri":"/a?apikey=k","headers":{"apikey":"k"}},"response":{"status":%d},
             "service":{"name":"demo"},"route":{"name":"r"},"latencies":{"request":3},"started_at":1700000000000}
            """;

    private final HttpClient http = HttpClient.newHttpClient();
    private TrafficFeed feed;
    private HttpLogCollector collector;

    @BeforeEach
    void start() throws Exception {
        feed = new TrafficFeed(100);
        collector = HttpLogCollector.start(CollectorAddress.LOOPBACK, TOKEN, feed.sink(), 4096);
    }

    @AfterEach
    void stop() {
        collector.close();
    }

    @Test
    void aSingleObjectAndAnArrayBecomeEventsAnswered200() throws Exception {
        assertThat(post(ENTRY.formatted(200), TOKEN).statusCode()).isEqualTo(200);
        assertThat(post("[" + ENTRY.formatted(401) + "," + ENTRY.formatted(503) + "]", TOKEN)
                        .statusCode())
                .isEqualTo(200);

        feed.pulse();
        assertThat(feed.snapshot()).extracting(TrafficEvent::status).containsExactly(200, 401, 503);
        assertThat(feed.snapshot().get(0).destination()).isEqualTo("demo");
        assertThat(feed.snapshot().get(0).path()).doesNotContain("apikey=k");
        assertThat(collector.entries()).isEqualTo(3);
        assertThat(collector.rejected()).isZero();
        assertThat(collector.endpoint().toString())
                .startsWith("http://127.0.0.1:")
                .endsWith("/gatehouse/http-log");
    }

    @Test
    void badJsonIsA400CountedAndTheNextPostStillWorks() throws Exception {
        assertThat(post("{\"request\": ", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post("\"just a string\"", TOKEN).statusCode()).isEqualTo(400);
        // an array with one entry that is no object: the good ones are taken, the bad one counted
        assertThat(post("[" + ENTRY.formatted(200) + ",42]", TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(post(ENTRY.formatted(201), TOKEN).statusCode()).isEqualTo(200);

        feed.pulse();
        assertThat(feed.snapshot()).extracting(TrafficEvent::status).containsExactly(200, 201);
        assertThat(collector.rejected()).isEqualTo(3);
    }

    @Test
    void anOversizedBodyIsRefusedWith413AndCounted() throws Exception {
        String big = "[" + String.join(",", java.util.Collections.nCopies(40, ENTRY.formatted(200))) + "]";
        assertThat(big.length()).isGreaterThan(4096);

        assertThat(post(big, TOKEN).statusCode()).isEqualTo(413);
        assertThat(post(ENTRY.formatted(200), TOKEN).statusCode()).isEqualTo(200);

        feed.pulse();
        assertThat(feed.size()).isEqualTo(1);
        assertThat(collector.rejected()).isEqualTo(1);
    }

    @Test
    void aPostWithoutTheTokenIsRefused() throws Exception {
        assertThat(post(ENTRY.formatted(200), null).statusCode()).isEqualTo(401);
        assertThat(post(ENTRY.formatted(200), "guess").statusCode()).isEqualTo(401);
        HttpResponse<String> get = http.send(
                HttpRequest.newBuilder(collector.endpoint())
                        .header(HttpLogCollector.TOKEN_HEADER, TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);

        assertThat(feed.pulse()).isZero();
        assertThat(collector.rejected()).isEqualTo(3);
    }

    @Test
    void anAddressInUseIsASentence() throws Exception {
        int port = collector.endpoint().getPort();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> HttpLogCollector.start(new CollectorAddress("127.0.0.1", port), TOKEN, feed.sink(), 4096))
                .hasMessageStartingWith("Cannot listen for Kong's logs at 127.0.0.1:" + port);
    }

    private HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(collector.endpoint().toString()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header(HttpLogCollector.TOKEN_HEADER, token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
