package dev.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.plugin.httplog.HttpLogPlugin;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.LogReceiver;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * http-log delivery with Kong's basic serializer payload ({@code kong/pdk/log.lua} {@code serialize},
 * {@code kong/plugins/http-log/handler.lua}), batching, retries and the bounded queue; and the in-process live
 * request events fed by the same serializer.
 */
class HttpLogAndEventsTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    static LogReceiver receiver;

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = LogReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversKongSerializerPayloadPerRequest() throws Exception {
        String host = Setup.host();
        String route = setup.routeOnHost(host, "name", "logged-" + host.substring(2, 10));
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        setup.plugin(
                "/routes/" + route + "/plugins",
                "http-log",
                Map.of("http_endpoint", receiver.url(), "headers", Map.of("X-Log-Source", "gatehouse")));
        String consumer = setup.consumer("logged-" + UUID.randomUUID());
        String cred = setup.key(consumer, "log-" + host);

        long sentNs = epochNanos(Instant.now());
        HttpResponse<String> r = proxy.get(
                "/items?a=1&b=x&b=y&flag", "Host", host, "apikey", "log-" + host, "Authorization", "Bearer secret");
        long answeredNs = epochNanos(Instant.now());
        assertThat(r.statusCode()).isEqualTo(200);
        LogReceiver.Delivery d = receiver.next(Duration.ofSeconds(10));
        assertThat(d).isNotNull();
        assertThat(d.method()).isEqualTo("POST");
        assertThat(d.headers().get("Content-type")).containsExactly("application/json");
        assertThat(d.headers().get("X-log-source")).containsExactly("gatehouse");
        JsonNode j = d.body();
        assertThat(j.isObject()).isTrue(); // max_batch_size 1: one object, not an array
        assertThat(j.at("/request/id").asText()).isEqualTo(ProxyClient.header(r, "X-Kong-Request-Id"));
        assertThat(j.at("/request/method").asText()).isEqualTo("GET");
        assertThat(j.at("/request/uri").asText()).isEqualTo("/items?a=1&b=x&b=y&flag");
        assertThat(j.at("/request/url").asText())
                .isEqualTo("http://" + host + ":" + GW.gateway().proxyListen().getPort() + "/items?a=1&b=x&b=y&flag");
        assertThat(j.at("/request/querystring/a").asText()).isEqualTo("1");
        assertThat(j.at("/request/querystring/b").toString()).isEqualTo("[\"x\",\"y\"]");
        assertThat(j.at("/request/querystring/flag").asBoolean()).isTrue();
        assertThat(j.at("/request/headers/authorization").asText()).isEqualTo("REDACTED");
        assertThat(j.at("/request/headers/apikey").asText()).isEqualTo("log-" + host);
        assertThat(j.at("/request/headers/x-consumer-id").asText()).isEqualTo(consumer);
        assertThat(j.at("/request/size").asLong()).isPositive();
        assertThat(j.at("/response/status").asInt()).isEqualTo(200);
        assertThat(j.at("/response/headers/via").asText()).isEqualTo("1.1 kong/3.9.1");
        assertThat(j.at("/response/size").asLong()).isGreaterThan(13);
        assertThat(j.at("/upstream_uri").asText()).isEqualTo("/items?a=1&b=x&b=y&flag");
        assertThat(j.at("/upstream_status").asText()).isEqualTo("200");
        assertThat(j.at("/latencies/proxy").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(j.at("/latencies/kong").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(j.at("/latencies/request").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(j.at("/tries/0/port").asInt()).isEqualTo(GW.upstream().port());
        assertThat(j.at("/tries/0/ip").asText()).isEqualTo("127.0.0.1");
        // Kong's try: balancer_start is now_ms (whole ms), balancer_start_ns is time_ns() (kong/runloop/balancer)
        long tryStartNs = j.at("/tries/0/balancer_start_ns").asLong();
        assertThat(j.at("/tries/0/balancer_start").asLong()).isEqualTo(Math.floorDiv(tryStartNs, 1_000_000L));
        assertThat(tryStartNs).isBetween(sentNs, answeredNs); // the try began while the request was in flight
        assertThat(tryStartNs).isGreaterThanOrEqualTo(j.at("/started_at").asLong() * 1_000_000L);
        assertThat(j.at("/authenticated_entity/id").asText()).isEqualTo(cred);
        assertThat(j.at("/authenticated_entity/consumer_id").asText()).isEqualTo(consumer);
        assertThat(j.at("/route/id").asText()).isEqualTo(route);
        assertThat(j.at("/route/paths/0").asText()).isEqualTo("/");
        assertThat(j.at("/route/ws_id").asText()).isEqualTo(j.at("/workspace").asText());
        assertThat(j.get("route").has("snis")).isFalse(); // nulls are absent, as the router's entities
        assertThat(j.at("/service/host").asText()).isEqualTo("127.0.0.1");
        assertThat(j.at("/consumer/id").asText()).isEqualTo(consumer);
        assertThat(j.at("/client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(j.at("/started_at").asLong()).isGreaterThan(1_700_000_000_000L);
        assertThat(j.at("/source").asText()).isEqualTo("upstream");
        assertThat(j.at("/workspace_name").asText()).isEqualTo("default");

        // a request the gateway itself answers is logged too, as Kong does
        HttpResponse<String> denied = proxy.get("/", "Host", host);
        assertThat(denied.statusCode()).isEqualTo(401);
        JsonNode k = receiver.next(Duration.ofSeconds(10)).body();
        assertThat(k.at("/response/status").asInt()).isEqualTo(401);
        assertThat(k.at("/source").asText()).isEqualTo("kong");
        assertThat(k.has("tries")).isFalse();
        assertThat(k.has("consumer")).isFalse();
        assertThat(k.at("/upstream_uri").asText()).isEmpty();
        assertThat(k.at("/latencies/proxy").asLong()).isEqualTo(-1);
    }

    @Test
    void batchesAndRetries() throws Exception {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        // an endpoint of its own: instances with equal endpoint parameters share one queue, as in Kong
        setup.plugin(
                "/routes/" + route + "/plugins",
                "http-log",
                Map.of(
                        "http_endpoint",
                        receiver.url() + "/batch",
                        "queue",
                        Map.of("max_batch_size", 3, "max_coalescing_delay", 0.5, "initial_retry_delay", 0.05)));
        receiver.failNext(2);
        for (int i = 0; i < 3; i++) {
            assertThat(proxy.get("/batch/" + i, "Host", host).statusCode()).isEqualTo(200);
        }
        LogReceiver.Delivery d = receiver.next(Duration.ofSeconds(10));
        assertThat(d).isNotNull();
        assertThat(d.body().isArray()).isTrue();
        List<String> uris = new ArrayList<>();
        d.body().forEach(e -> uris.add(e.at("/request/uri").asText()));
        assertThat(uris).containsExactly("/batch/0", "/batch/1", "/batch/2");
        assertThat(receiver.attempts()).isGreaterThanOrEqualTo(3); // two failures, then the delivery
    }

    @Test
    void aFullQueueDropsOldEntriesWithoutSlowingTheProxy() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins",
                "http-log",
                Map.of(
                        "http_endpoint",
                        "http://127.0.0.1:" + deadPort + "/nowhere",
                        "queue",
                        Map.of("max_entries", 5, "max_retry_time", 30)));
        long start = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            assertThat(proxy.get("/", "Host", host).statusCode()).isEqualTo(200);
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        HttpLogPlugin plugin = (HttpLogPlugin) GW.gateway().plugins().get("http-log");
        assertThat(plugin.dropped()).isGreaterThanOrEqualTo(30);
        assertThat(ms).as("40 proxied requests while the log endpoint is down").isLessThan(10_000);
    }

    @Test
    void liveEventsCarryTheSamePayloadAndCountDrops() throws Exception {
        String host = Setup.host();
        setup.routeOnHost(host);
        RequestEvents events = GW.gateway().requestEvents();
        try (RequestEventSubscription sub = events.subscribe(100);
                RequestEventSubscription slow = events.subscribe(2)) {
            for (int i = 0; i < 10; i++) {
                proxy.get("/live/" + i, "Host", host);
            }
            List<RequestEvent> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5000;
            while (got.size() < 10 && System.currentTimeMillis() < deadline) {
                RequestEvent e = sub.poll(Duration.ofMillis(200));
                if (e != null && e.json().at("/request/uri").asText().startsWith("/live/")) {
                    got.add(e);
                }
            }
            assertThat(got).hasSize(10);
            assertThat(got.get(0).json().at("/response/status").asInt()).isEqualTo(200);
            assertThat(got.get(0).json().at("/route/id").asText()).isNotEmpty();
            assertThat(got.get(9).sequence()).isGreaterThan(got.get(0).sequence());
            // its queue of 2 filled up; the proxy never waited. The dispatcher serves `sub` first, so the last event
            // may
            // reach `slow` just after `sub` has it.
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(slow.dropped()).isGreaterThanOrEqualTo(8));
            assertThat(slow.drain(10)).hasSize(2);
        }
        assertThat(events.active()).isFalse();
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
