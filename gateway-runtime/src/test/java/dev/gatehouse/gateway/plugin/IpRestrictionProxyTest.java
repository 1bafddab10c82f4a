package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ip-restriction over real sockets, after Kong's {@code kong/plugins/ip-restriction/handler.lua} (403
 * {@code IP address not allowed: <remote_addr>}, or the configured {@code status} and {@code message}; deny checked
 * before allow), {@code schema.lua}, {@code spec/03-plugins/17-ip-restriction/01-schema_spec.lua} and
 * {@code 02-access_spec.lua}. The test client connects from 127.0.0.1.
 */
class IpRestrictionProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "ip-restriction", config);
        return host;
    }

    private static JsonNode json(HttpResponse<String> r) {
        return AdminClient.parse(r.body());
    }

    @Test
    void aDeniedAddressGets403WithItsAddress() {
        String host = routeWith(Map.of("deny", List.of("127.0.0.0/24")));
        HttpResponse<String> r = proxy.get("/", "Host", host);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("message").asText()).isEqualTo("IP address not allowed: 127.0.0.1");
        assertThat(json(r).get("request_id").asText()).matches("[0-9a-f]{32}");
        assertThat(ProxyClient.header(r, "Server")).isEqualTo("kong/3.9.1");
        // a deny list that does not hold the client lets it through
        assertThat(proxy.get("/", "Host", routeWith(Map.of("deny", List.of("10.0.0.1", "192.168.0.0/16"))))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void anAllowListLetsOnlyItsRangesThrough() {
        assertThat(proxy.get("/", "Host", routeWith(Map.of("allow", List.of("127.0.0.1"))))
                        .statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/", "Host", routeWith(Map.of("allow", List.of("10.0.0.0/8", "127.0.0.0/31"))))
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = proxy.get("/", "Host", routeWith(Map.of("allow", List.of("127.0.0.2/32", "::1"))));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).get("message").asText()).isEqualTo("IP address not allowed: 127.0.0.1");
    }

    @Test
    void denyIsCheckedBeforeAllow() {
        // 02-access_spec.lua: "blocks a request when the IP is denied" with both lists set
        HttpResponse<String> r = proxy.get(
                "/", "Host", routeWith(Map.of("allow", List.of("127.0.0.0/8"), "deny", List.of("127.0.0.1"))));
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void statusAndMessageAreConfigurable() {
        // 02-access_spec.lua: "blocks a request when the IP is denied with status/message"
        HttpResponse<String> r = proxy.get(
                "/",
                "Host",
                routeWith(Map.of("deny", List.of("127.0.0.1"), "status", 401, "message", "Forbidden")),
                "Accept",
                "text/plain");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).startsWith("Forbidden");
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created =
                admin.post("/plugins", Map.of("name", "ip-restriction", "config", Map.of("allow", List.of("1.2.3.4"))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode got =
                admin.get("/plugins/" + created.json().get("id").asText()).json();
        assertThat(got.get("protocols").toString())
                .isEqualTo("[\"http\",\"https\",\"tcp\",\"tls\",\"grpc\",\"grpcs\"]");
        assertThat(got.get("config").toString())
                .isEqualTo("{\"allow\":[\"1.2.3.4\"],\"deny\":null,\"status\":null,\"message\":null}");
        admin.delete("/plugins/" + created.json().get("id").asText());

        AdminClient.Resp bad = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "ip-restriction",
                        "config",
                        Map.of("allow", List.of("127.0.0.1/32", "127.0.0.2/32", "hello"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(bad.json().at("/fields/config/allow/2").asText()).isEqualTo("invalid ip or cidr range: 'hello'");

        AdminClient.Resp type = admin.post("/plugins", Map.of("name", "ip-restriction", "config", Map.of("deny", 12)));
        assertThat(type.json().at("/fields/config/deny").asText()).isEqualTo("expected an array");

        AdminClient.Resp none = admin.post(
                "/plugins", Map.of("name", "ip-restriction", "config", Map.of("allow", List.of(), "deny", List.of())));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().at("/fields/@entity/0").asText())
                .isEqualTo("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
    }
}
