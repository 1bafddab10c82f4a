package dev.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upstreams and targets on the Admin API, after Kong's {@code spec/02-integration/04-admin_api/07-upstreams_routes_spec.lua}
 * and {@code 08-targets_routes_spec.lua}.
 */
class UpstreamsAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    private static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    @Test
    void createsAnUpstreamWithKongsDefaults() {
        String name = unique("my-upstream");
        Resp r = api.post("/upstreams", Map.of("name", name));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("algorithm").asText()).isEqualTo("round-robin");
        assertThat(r.json().get("hash_on").asText()).isEqualTo("none");
        assertThat(r.json().get("hash_fallback").asText()).isEqualTo("none");
        assertThat(r.json().get("hash_on_cookie_path").asText()).isEqualTo("/");
        assertThat(r.json().get("slots").asInt()).isEqualTo(10000);
        assertThat(r.json().get("use_srv_name").asBoolean()).isFalse();
        assertThat(r.json().get("host_header").isNull()).isTrue();
        assertThat(r.json().get("healthchecks"))
                .isEqualTo(AdminClient.parse("{\"active\":{\"type\":\"http\",\"timeout\":1,\"concurrency\":10,"
                        + "\"http_path\":\"/\",\"https_sni\":null,\"https_verify_certificate\":true,\"headers\":null,"
                        + "\"healthy\":{\"interval\":0,\"http_statuses\":[200,302],\"successes\":0},"
                        + "\"unhealthy\":{\"interval\":0,\"http_statuses\":[429,404,500,501,502,503,504,505],"
                        + "\"tcp_failures\":0,\"timeouts\":0,\"http_failures\":0}},"
                        + "\"passive\":{\"type\":\"http\",\"healthy\":{\"http_statuses\":[200,201,202,203,204,205,206,"
                        + "207,208,226,300,301,302,303,304,305,306,307,308],\"successes\":0},"
                        + "\"unhealthy\":{\"http_statuses\":[429,500,503],\"tcp_failures\":0,\"timeouts\":0,"
                        + "\"http_failures\":0}},\"threshold\":0}"));
        Resp byName = api.get("/upstreams/" + name);
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("id")).isEqualTo(r.json().get("id"));
        assertThat(api.post("/upstreams", Map.of("name", name)).status()).isEqualTo(409);
    }

    @Test
    void partialHealthchecksKeepTheOtherDefaults() {
        Resp r = api.post(
                "/upstreams",
                Map.of(
                        "name",
                        unique("hc"),
                        "healthchecks",
                        Map.of("active", Map.of("http_path", "/status", "healthy", Map.of("interval", 5)))));
        assertThat(r.status()).isEqualTo(201);
        var active = r.json().get("healthchecks").get("active");
        assertThat(active.get("http_path").asText()).isEqualTo("/status");
        assertThat(active.get("healthy").get("interval").asInt()).isEqualTo(5);
        assertThat(active.get("healthy").get("successes").asInt()).isZero();
        assertThat(active.get("timeout").asInt()).isEqualTo(1);
        assertThat(r.json().get("healthchecks").get("passive").get("unhealthy").get("http_statuses"))
                .isEqualTo(AdminClient.parse("[429,500,503]"));
    }

    @Test
    void refusesInvalidNamesAsKongDoes() {
        Resp ip = api.post("/upstreams", Map.of("name", "127.0.0.1"));
        assertThat(ip.status()).isEqualTo(400);
        assertThat(ip.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(ip.json().get("fields").get("name").asText())
                .isEqualTo("Invalid name ('127.0.0.1'); no ip addresses allowed");
        Resp port = api.post("/upstreams", Map.of("name", "abc.test:80"));
        assertThat(port.json().get("fields").get("name").asText())
                .isEqualTo("Invalid name ('abc.test:80'); no port allowed");
        Resp bad = api.post("/upstreams", Map.of("name", "some invalid name"));
        assertThat(bad.json().get("fields").get("name").asText())
                .isEqualTo("Invalid name ('some invalid name'); must be a valid hostname");
        assertThat(api.post("/upstreams", Map.of())
                        .json()
                        .get("fields")
                        .get("name")
                        .asText())
                .isEqualTo("required field missing");
        Resp slots = api.post("/upstreams", Map.of("name", unique("s"), "slots", 5));
        assertThat(slots.json().get("fields").get("slots").asText()).isEqualTo("value should be between 10 and 65536");
    }

    @Test
    void hashRulesFollowTheEntityChecks() {
        Resp header = api.post("/upstreams", Map.of("name", unique("h"), "hash_on", "header"));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().get("fields").get("hash_on_header").asText()).isEqualTo("required field missing");
        Resp fallback = api.post("/upstreams", Map.of("name", unique("f"), "hash_fallback", "ip"));
        assertThat(fallback.status()).isEqualTo(400);
        assertThat(fallback.json().get("fields").get("hash_fallback").asText()).isEqualTo("expected one of: none");
        Resp same = api.post("/upstreams", Map.of("name", unique("same"), "hash_on", "ip", "hash_fallback", "ip"));
        assertThat(same.status()).isEqualTo(400);
        // hash_on other than none selects consistent-hashing (the shorthand in upstreams.lua)
        Resp cookie = api.post("/upstreams", Map.of("name", unique("c"), "hash_on", "cookie", "hash_on_cookie", "sid"));
        assertThat(cookie.status()).isEqualTo(201);
        assertThat(cookie.json().get("algorithm").asText()).isEqualTo("consistent-hashing");
        Resp lc = api.post("/upstreams", Map.of("name", unique("lc"), "algorithm", "least-connections"));
        assertThat(lc.json().get("hash_on").asText()).isEqualTo("none");
        assertThat(lc.json().get("algorithm").asText()).isEqualTo("least-connections");
    }

    @Test
    void targetsLiveUnderTheirUpstream() {
        String name = unique("t");
        api.post("/upstreams", Map.of("name", name, "slots", 10));
        // 08-targets_routes_spec.lua: "creates a target with defaults" (port 8000, weight 100)
        Resp t = api.post("/upstreams/" + name + "/targets/", Map.of("target", "konghq.test"));
        assertThat(t.status()).isEqualTo(201);
        assertThat(t.json().get("target").asText()).isEqualTo("konghq.test:8000");
        assertThat(t.json().get("weight").asInt()).isEqualTo(100);
        assertThat(t.json().get("created_at").isNumber()).isTrue();
        // "fails to create duplicated targets"
        assertThat(api.post("/upstreams/" + name + "/targets", Map.of("target", "konghq.test:8000"))
                        .status())
                .isEqualTo(409);
        Resp zero = api.post("/upstreams/" + name + "/targets", Map.of("target", "zero.weight.test:8080", "weight", 0));
        assertThat(zero.json().get("weight").asInt()).isZero();
        Resp byTarget = api.get("/upstreams/" + name + "/targets/zero.weight.test:8080");
        assertThat(byTarget.status()).isEqualTo(200);
        assertThat(byTarget.json()).isEqualTo(zero.json());
        // kong/tools/ip.lua format_host: IPv6 in brackets, expanded to eight groups of four digits
        Resp v6 = api.post("/upstreams/" + name + "/targets", Map.of("target", "::1"));
        assertThat(v6.json().get("target").asText()).isEqualTo("[0000:0000:0000:0000:0000:0000:0000:0001]:8000");
        assertThat(api.delete("/upstreams/" + name + "/targets/"
                                + v6.json().get("id").asText())
                        .status())
                .isEqualTo(204);
        Resp missing = api.post("/upstreams/" + name + "/targets", Map.of("weight", 0));
        assertThat(missing.json().get("fields"))
                .isEqualTo(AdminClient.parse("{\"target\":\"required field missing\"}"));
        Resp invalid = api.post("/upstreams/" + name + "/targets", Map.of("target", "some invalid host name"));
        assertThat(invalid.json().get("fields"))
                .isEqualTo(AdminClient.parse("{\"target\":\"Invalid target; not a valid hostname or ip address\"}"));
        Resp heavy = api.post("/upstreams/" + name + "/targets", Map.of("target", "konghq.test", "weight", 65536));
        assertThat(heavy.json().get("fields"))
                .isEqualTo(AdminClient.parse("{\"weight\":\"value should be between 0 and 65535\"}"));
        assertThat(api.get("/upstreams/" + name + "/targets").json().get("data").size())
                .isEqualTo(2);
        assertThat(api.get("/targets").status()).isEqualTo(404);
        Resp patched = api.patch("/upstreams/" + name + "/targets/konghq.test:8000", Map.of("weight", 7));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("weight").asInt()).isEqualTo(7);
        assertThat(api.put(
                                "/upstreams/" + name + "/targets/"
                                        + t.json().get("id").asText(),
                                Map.of("weight", 9))
                        .json()
                        .get("weight")
                        .asInt())
                .isEqualTo(9);
        assertThat(api.delete("/upstreams/" + name + "/targets/konghq.test:8000")
                        .status())
                .isEqualTo(204);
        assertThat(api.get("/upstreams/" + name + "/targets/konghq.test:8000").status())
                .isEqualTo(404);
        // deleting the upstream deletes its targets (on_delete = "cascade")
        String zeroId = zero.json().get("id").asText();
        assertThat(api.delete("/upstreams/" + name).status()).isEqualTo(204);
        api.post("/upstreams", Map.of("name", name));
        assertThat(api.get("/upstreams/" + name + "/targets/" + zeroId).status())
                .isEqualTo(404);
    }

    @Test
    void declarativeConfigNestsTargetsUnderUpstreams() {
        String name = unique("decl");
        String yaml = "_format_version: \"3.0\"\nupstreams:\n- name: " + name
                + "\n  algorithm: least-connections\n  targets:\n  - target: 10.0.0.1\n    weight: 5\n"
                + "  - target: \"10.0.0.2:9000\"\n";
        Resp r = api.raw("POST", "/config", "application/yaml", yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        Resp targets = api.get("/upstreams/" + name + "/targets/all");
        assertThat(targets.status()).isEqualTo(200);
        assertThat(targets.json().get("data").findValuesAsText("target"))
                .containsExactlyInAnyOrder("10.0.0.1:8000", "10.0.0.2:9000");
        assertThat(api.get("/upstreams/" + name).json().get("algorithm").asText())
                .isEqualTo("least-connections");
        String exported = api.get("/config").json().get("config").asText();
        assertThat(exported).contains("upstreams:").contains("targets:").contains("10.0.0.1:8000");
        Resp again = api.raw(
                "POST", "/config", "application/yaml", exported.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(again.status())
                .as("the export loads again: %s", again.text())
                .isEqualTo(201);
        assertThat(api.get("/upstreams/" + name + "/targets/10.0.0.2:9000").status())
                .isEqualTo(200);
        Resp health = api.get("/upstreams/" + name + "/health");
        assertThat(health.json().get("data").get(0).get("health").asText()).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(health.json().get("node_id").isTextual()).isTrue();
        Resp balancer = api.get("/upstreams/" + name + "/health?balancer_health=1");
        assertThat(balancer.json().get("data").get("health").asText()).isEqualTo("HEALTHCHECKS_OFF");
    }
}
