package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway started as users start it, with a decK file that declares an upstream with active health checks: the
 * failing target leaves the rotation and comes back when it recovers (Kong's
 * {@code spec/02-integration/05-proxy/10-balancer/01-healthchecks_spec.lua}, "active health checks").
 */
class UpstreamsProcessTest {

    @TempDir
    Path dir;

    @Test
    void activeHealthChecksFromADeclarativeFile() throws Exception {
        try (UpstreamServer a = UpstreamServer.start();
                UpstreamServer b = UpstreamServer.start()) {
            b.behave((ex, seen) -> UpstreamServer.respond(ex, seen.uri().equals("/health") ? 503 : 200, "{}"));
            Path file = dir.resolve("kong.yml");
            Files.writeString(file, """
                    _format_version: "3.0"
                    upstreams:
                    - name: shop.internal
                      healthchecks:
                        active:
                          http_path: /health
                          healthy: {interval: 0.1, successes: 2}
                          unhealthy: {interval: 0.1, http_failures: 2}
                      targets:
                      - target: 127.0.0.1:%d
                      - target: 127.0.0.1:%d
                    services:
                    - name: shop
                      host: shop.internal
                      routes:
                      - name: shop
                        paths: [/shop]
                    """.formatted(a.port(), b.port()));
            try (GatewayProcess gw =
                    GatewayProcess.start(dir.resolve("data"), "--declarative-config", file.toString())) {
                ProxyClient proxy = new ProxyClient(gw.proxyUrl());
                String bTarget = "127.0.0.1:" + b.port();
                await().atMost(Duration.ofSeconds(15)).until(() -> "UNHEALTHY".equals(health(gw, bTarget)));
                b.clear();
                for (int i = 0; i < 8; i++) {
                    assertThat(proxy.get("/shop/cart").statusCode()).isEqualTo(200);
                }
                assertThat(b.all().stream().filter(s -> !s.uri().equals("/health")))
                        .isEmpty();
                b.behave(UpstreamServer::ok);
                await().atMost(Duration.ofSeconds(15)).until(() -> "HEALTHY".equals(health(gw, bTarget)));
                b.clear();
                for (int i = 0; i < 8; i++) {
                    assertThat(proxy.get("/shop/cart").statusCode()).isEqualTo(200);
                }
                assertThat(b.all().stream().filter(s -> !s.uri().equals("/health")))
                        .hasSize(4);
            }
        }
    }

    private static String health(GatewayProcess gw, String target) {
        for (JsonNode t :
                gw.client().get("/upstreams/shop.internal/health").json().get("data")) {
            if (t.get("target").asText().equals(target)) {
                return t.get("health").asText();
            }
        }
        return null;
    }
}
