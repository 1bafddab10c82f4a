package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Services whose host names an upstream, balanced across real upstream servers, after Kong's
 * {@code spec/02-integration/05-proxy/10-balancer/01-healthchecks_spec.lua} and {@code 03-consistent-hashing_spec.lua}
 * and {@code 04-round-robin_spec.lua}.
 */
class BalancingProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private UpstreamServer a;
    private UpstreamServer b;
    /** The route {@link #balanced} made last. */
    private String lastRoute;

    @BeforeEach
    void servers() throws IOException {
        a = UpstreamServer.start();
        b = UpstreamServer.start();
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
    }

    /** An upstream with the given fields, a service on it and a route {@code /<name>}; returns the name. */
    private String balanced(Map<String, Object> upstream, Map<String, Object> service) {
        String name = "up-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Map<String, Object> u = new java.util.HashMap<>(upstream);
        u.put("name", name);
        AdminClient.Resp r = admin.post("/upstreams", u);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Map<String, Object> s = new java.util.HashMap<>(service);
        s.put("host", name);
        s.put("port", 80);
        r = admin.post("/services", s);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        r = admin.post(
                "/routes",
                Map.of(
                        "paths",
                        List.of("/" + name),
                        "service",
                        Map.of("id", r.json().get("id").asText())));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        lastRoute = r.json().get("id").asText();
        return name;
    }

    private void target(String upstream, String target, int weight) {
        AdminClient.Resp r =
                admin.post("/upstreams/" + upstream + "/targets", Map.of("target", target, "weight", weight));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
    }

    private static String at(UpstreamServer s) {
        return "127.0.0.1:" + s.port();
    }

    private int get(String upstream, String... headers) {
        return proxy.get("/" + upstream + "/x", headers).statusCode();
    }

    @Test
    void weightedRoundRobinSharesRequestsByWeight() {
        String up = balanced(Map.of(), Map.of());
        target(up, at(a), 200);
        target(up, at(b), 100);
        for (int i = 0; i < 30; i++) {
            assertThat(get(up)).isEqualTo(200);
        }
        assertThat(a.all()).hasSize(20);
        assertThat(b.all()).hasSize(10);
        // Kong's set_host_header: the target's host and port, not the upstream's name
        assertThat(a.last().header("Host")).isEqualTo(at(a));
    }

    @Test
    void consistentHashingKeepsAKeyOnOneTarget() {
        String up = balanced(Map.of("hash_on", "header", "hash_on_header", "X-User"), Map.of());
        target(up, at(a), 100);
        target(up, at(b), 100);
        Set<Integer> portsSeen = new HashSet<>();
        for (int user = 0; user < 20; user++) {
            a.clear();
            b.clear();
            for (int i = 0; i < 5; i++) {
                assertThat(get(up, "X-User", "user-" + user)).isEqualTo(200);
            }
            assertThat(a.all().size() == 5 || b.all().size() == 5)
                    .as("user-%s stuck to one target", user)
                    .isTrue();
            portsSeen.add(a.all().isEmpty() ? b.port() : a.port());
        }
        assertThat(portsSeen).as("20 keys spread over both targets").hasSize(2);
    }

    @Test
    void consumerHashingKeepsEachConsumerOnOneTarget() {
        String up = balanced(Map.of("hash_on", "consumer"), Map.of());
        target(up, at(a), 100);
        target(up, at(b), 100);
        AdminClient.Resp plugin = admin.post("/plugins", Map.of("name", "key-auth", "route", Map.of("id", lastRoute)));
        assertThat(plugin.status()).as(plugin.text()).isEqualTo(201);
        Set<Integer> used = new HashSet<>();
        for (int c = 0; c < 8; c++) {
            String user = "hash-" + UUID.randomUUID().toString().substring(0, 8);
            admin.post("/consumers", Map.of("username", user));
            admin.post("/consumers/" + user + "/key-auth", Map.of("key", "k-" + user));
            GW.synced();
            a.clear();
            b.clear();
            for (int i = 0; i < 4; i++) {
                assertThat(get(up, "apikey", "k-" + user)).isEqualTo(200);
            }
            assertThat(a.all().size() == 4 || b.all().size() == 4)
                    .as("consumer %s stuck", user)
                    .isTrue();
            used.add(a.all().isEmpty() ? b.port() : a.port());
        }
        assertThat(used).as("8 consumers spread over both targets").hasSize(2);
    }

    @Test
    void cookieHashingSetsTheCookieAndSticksToIt() {
        String up = balanced(
                Map.of("hash_on", "cookie", "hash_on_cookie", "gh-sticky", "hash_on_cookie_path", "/app"), Map.of());
        target(up, at(a), 100);
        target(up, at(b), 100);
        HttpResponse<String> first = proxy.get("/" + up + "/x");
        assertThat(first.statusCode()).isEqualTo(200);
        // kong/runloop/balancer/init.lua set_cookie: a made-up value, the configured path, Lax and HttpOnly
        String setCookie = ProxyClient.header(first, "Set-Cookie");
        assertThat(setCookie).matches("gh-sticky=[0-9a-f-]{36}; Path=/app; Same-Site=Lax; HttpOnly");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        a.clear();
        b.clear();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = proxy.get("/" + up + "/x", "Cookie", cookie);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ProxyClient.header(r, "Set-Cookie")).isNull();
        }
        assertThat(a.all().size() == 6 || b.all().size() == 6).isTrue();
    }

    @Test
    void activeHealthCheckTakesAFailingTargetOutAndBringsItBack() {
        Map<String, Object> active = Map.of(
                "http_path",
                "/status",
                "timeout",
                1,
                "healthy",
                Map.of("interval", 0.1, "successes", 1),
                "unhealthy",
                Map.of("interval", 0.1, "http_failures", 1));
        String up = balanced(Map.of("healthchecks", Map.of("active", active)), Map.of());
        b.behave((ex, seen) -> UpstreamServer.respond(ex, seen.uri().equals("/status") ? 500 : 200, "{}"));
        target(up, at(a), 100);
        target(up, at(b), 100);
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNHEALTHY".equals(health(up, at(b))));
        assertThat(health(up, at(a))).isEqualTo("HEALTHY");
        b.clear();
        for (int i = 0; i < 10; i++) {
            assertThat(get(up)).isEqualTo(200);
        }
        assertThat(b.all().stream().filter(s -> !s.uri().equals("/status"))).isEmpty();
        b.behave(UpstreamServer::ok); // recovers
        await().atMost(Duration.ofSeconds(10)).until(() -> "HEALTHY".equals(health(up, at(b))));
        b.clear();
        for (int i = 0; i < 10; i++) {
            assertThat(get(up)).isEqualTo(200);
        }
        assertThat(b.all().stream().filter(s -> !s.uri().equals("/status"))).hasSize(5);
    }

    @Test
    void passiveHealthCheckCountsProxiedFailures() {
        Map<String, Object> passive = Map.of("unhealthy", Map.of("http_failures", 2));
        String up = balanced(Map.of("healthchecks", Map.of("passive", passive)), Map.of());
        b.behave((ex, seen) -> UpstreamServer.respond(ex, 500, "{}"));
        target(up, at(a), 100);
        target(up, at(b), 100);
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            if (get(up) == 500) {
                failures++;
            }
        }
        // Kong's circuit breaker: two 500s from b, then b is out of rotation
        assertThat(failures).isEqualTo(2);
        assertThat(health(up, at(b))).isEqualTo("UNHEALTHY");
        assertThat(health(up, at(a))).isEqualTo("HEALTHY");
    }

    @Test
    void noHealthyTargetAnswers503() {
        String empty = balanced(Map.of(), Map.of());
        GW.synced();
        HttpResponse<String> r = proxy.get("/" + empty + "/x", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("failure to get a peer from the ring-balancer");

        String up = balanced(Map.of(), Map.of());
        target(up, at(a), 100);
        assertThat(health(up, at(a))).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(admin.put("/upstreams/" + up + "/targets/" + at(a) + "/unhealthy", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(get(up)).isEqualTo(503);
        assertThat(admin.put("/upstreams/" + up + "/targets/" + at(a) + "/healthy", Map.of())
                        .status())
                .isEqualTo(204);
        assertThat(get(up)).isEqualTo(200);
        assertThat(admin.put("/upstreams/" + up + "/targets/nowhere.test:1/healthy", Map.of())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aRefusedConnectionIsRetriedOnAnotherTarget() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String up = balanced(Map.of(), Map.of("retries", 1));
        target(up, "127.0.0.1:" + closed, 100);
        target(up, at(a), 100);
        for (int i = 0; i < 6; i++) {
            assertThat(get(up)).isEqualTo(200);
        }
        assertThat(a.all()).hasSize(6);
    }

    @Test
    void leastConnectionsAndLatencyBalance() {
        for (String algorithm : List.of("least-connections", "latency")) {
            a.clear();
            b.clear();
            String up = balanced(Map.of("algorithm", algorithm), Map.of());
            target(up, at(a), 100);
            target(up, at(b), 100);
            for (int i = 0; i < 10; i++) {
                assertThat(get(up)).isEqualTo(200);
            }
            assertThat(a.all().size() + b.all().size()).isEqualTo(10);
            assertThat(a.all()).as(algorithm + " used both targets").isNotEmpty();
            assertThat(b.all()).as(algorithm + " used both targets").isNotEmpty();
        }
    }

    private String health(String upstream, String target) {
        JsonNode data = admin.get("/upstreams/" + upstream + "/health").json().get("data");
        for (JsonNode t : data) {
            if (t.get("target").asText().equals(target)) {
                return t.get("health").asText();
            }
        }
        return null;
    }
}
