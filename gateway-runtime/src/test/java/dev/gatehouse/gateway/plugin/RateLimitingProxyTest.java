package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * rate-limiting with the local policy ({@code kong/plugins/rate-limiting/handler.lua}, Kong's
 * {@code spec/03-plugins/23-rate-limiting/04-access_spec.lua}): headers, 429 with Retry-After, identifiers, custom
 * errors, and Kong's plugin scope precedence (a consumer-scoped instance beats a global one).
 */
class RateLimitingProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();

    @Test
    void limitsWithHeadersThen429() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "rate-limiting", Map.of("hour", 3, "day", 10));
        for (int i = 1; i <= 3; i++) {
            HttpResponse<String> r = proxy.get("/", "Host", host);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(ProxyClient.header(r, "X-RateLimit-Limit-Hour")).isEqualTo("3");
            assertThat(ProxyClient.header(r, "X-RateLimit-Remaining-Hour")).isEqualTo(String.valueOf(3 - i));
            assertThat(ProxyClient.header(r, "X-RateLimit-Limit-Day")).isEqualTo("10");
            assertThat(ProxyClient.header(r, "X-RateLimit-Remaining-Day")).isEqualTo(String.valueOf(10 - i));
            assertThat(ProxyClient.header(r, "RateLimit-Limit")).isEqualTo("3");
            assertThat(ProxyClient.header(r, "RateLimit-Remaining")).isEqualTo(String.valueOf(3 - i));
            assertThat(Integer.parseInt(ProxyClient.header(r, "RateLimit-Reset")))
                    .isBetween(1, 3600);
        }
        HttpResponse<String> limited = proxy.get("/", "Host", host);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(AdminClient.parse(limited.body()).get("message").asText()).isEqualTo("API rate limit exceeded");
        assertThat(ProxyClient.header(limited, "X-RateLimit-Remaining-Hour")).isEqualTo("0");
        assertThat(ProxyClient.header(limited, "X-RateLimit-Remaining-Day"))
                .isEqualTo("7"); // blocked calls do not count
        assertThat(Integer.parseInt(ProxyClient.header(limited, "Retry-After"))).isBetween(1, 3600);
        assertThat(ProxyClient.header(limited, "Retry-After"))
                .isEqualTo(ProxyClient.header(limited, "RateLimit-Reset"));
    }

    @Test
    void limitByHeaderCountsEachValueAndCustomError() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins",
                "rate-limiting",
                Map.of(
                        "hour",
                        1,
                        "limit_by",
                        "header",
                        "header_name",
                        "x-tenant",
                        "error_code",
                        403,
                        "error_message",
                        "quota",
                        "hide_client_headers",
                        true));
        assertThat(proxy.get("/", "Host", host, "X-Tenant", "a").statusCode()).isEqualTo(200);
        assertThat(proxy.get("/", "Host", host, "X-Tenant", "b").statusCode()).isEqualTo(200);
        HttpResponse<String> r = proxy.get("/", "Host", host, "X-Tenant", "a");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(AdminClient.parse(r.body()).get("message").asText()).isEqualTo("quota");
        assertThat(ProxyClient.header(r, "X-RateLimit-Limit-Hour")).isNull();
        assertThat(ProxyClient.header(r, "Retry-After")).isNull();
    }

    @Test
    void consumerScopedInstanceBeatsTheRouteOne() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        setup.plugin("/routes/" + route + "/plugins", "rate-limiting", Map.of("hour", 100));
        String vip = setup.consumer("vip-" + UUID.randomUUID());
        String basic = setup.consumer("basic-" + UUID.randomUUID());
        setup.key(vip, "vip-" + host);
        setup.key(basic, "basic-" + host);
        setup.plugin("/consumers/" + basic + "/plugins", "rate-limiting", Map.of("hour", 1));
        assertThat(proxy.get("/", "Host", host, "apikey", "basic-" + host).statusCode())
                .isEqualTo(200);
        HttpResponse<String> second = proxy.get("/", "Host", host, "apikey", "basic-" + host);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(ProxyClient.header(second, "X-RateLimit-Limit-Hour")).isEqualTo("1");
        HttpResponse<String> other = proxy.get("/", "Host", host, "apikey", "vip-" + host);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.header(other, "X-RateLimit-Limit-Hour")).isEqualTo("100");
        // the consumer identifier separates counters: vip is at 99 left, not 98
        assertThat(ProxyClient.header(other, "X-RateLimit-Remaining-Hour")).isEqualTo("99");
    }

    @Test
    void schemaRejectsWhatTheLocalPolicyCannotDo() {
        AdminClient admin = GW.admin();
        AdminClient.Resp redis = admin.post(
                "/plugins", Map.of("name", "rate-limiting", "config", Map.of("minute", 5, "policy", "redis")));
        assertThat(redis.status()).isEqualTo(400);
        assertThat(redis.json().at("/fields/config/policy").asText()).isEqualTo("expected one of: local");
        AdminClient.Resp order =
                admin.post("/plugins", Map.of("name", "rate-limiting", "config", Map.of("minute", 10, "hour", 5)));
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.text()).contains("The limit for hour(5.0) cannot be lower than the limit for minute(10.0)");
        AdminClient.Resp none = admin.post("/plugins", Map.of("name", "rate-limiting", "config", Map.of()));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/fields/@entity").toString())
                .contains(
                        "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour',"
                                + " 'config.day', 'config.month', 'config.year'");
        AdminClient.Resp header = admin.post(
                "/plugins", Map.of("name", "rate-limiting", "config", Map.of("minute", 1, "limit_by", "header")));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().at("/fields/config/header_name").asText()).isEqualTo("required field missing");
        assertThat(admin.get("/schemas/plugins/rate-limiting").status()).isEqualTo(200);
        assertThat(List.of(admin.get("/plugins/enabled")
                                .json()
                                .get("enabled_plugins")
                                .toString())
                        .get(0))
                .contains("rate-limiting", "acl", "cors", "http-log", "key-auth");
    }
}
