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

/** acl with key-auth ({@code kong/plugins/acl/handler.lua}, Kong's {@code spec/03-plugins/18-acl/02-access_spec.lua}). */
class AclProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();
    private final AdminClient admin = GW.admin();

    private String member(String host, String name, String... groups) {
        String c = setup.consumer(name + "-" + UUID.randomUUID());
        setup.key(c, name + "-" + host);
        for (String g : groups) {
            assertThat(admin.post("/consumers/" + c + "/acls", Map.of("group", g))
                            .status())
                    .isEqualTo(201);
        }
        GW.synced();
        return c;
    }

    @Test
    void allowList() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        setup.plugin("/routes/" + route + "/plugins", "acl", Map.of("allow", List.of("gold", "platinum")));
        member(host, "goldie", "gold", "early");
        member(host, "silvie", "silver");
        member(host, "nobody");
        HttpResponse<String> ok = proxy.get("/", "Host", host, "apikey", "goldie-" + host);
        assertThat(ok.statusCode()).isEqualTo(200);
        // the consumer's groups joined with ", " (their order is the store's, as Kong's is the database's)
        assertThat(List.of(GW.upstream().last().header("X-Consumer-Groups").split(", ")))
                .containsExactlyInAnyOrder("gold", "early");
        HttpResponse<String> denied = proxy.get("/", "Host", host, "apikey", "silvie-" + host);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(AdminClient.parse(denied.body()).get("message").asText())
                .isEqualTo("You cannot consume this service");
        assertThat(proxy.get("/", "Host", host, "apikey", "nobody-" + host).statusCode())
                .isEqualTo(403);
    }

    @Test
    void denyListAndHiddenHeader() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        setup.plugin(
                "/routes/" + route + "/plugins", "acl", Map.of("deny", List.of("banned"), "hide_groups_header", true));
        member(host, "bad", "banned");
        member(host, "fine", "users");
        member(host, "groupless");
        assertThat(proxy.get("/", "Host", host, "apikey", "bad-" + host).statusCode())
                .isEqualTo(403);
        assertThat(proxy.get("/", "Host", host, "apikey", "fine-" + host).statusCode())
                .isEqualTo(200);
        assertThat(GW.upstream().last().header("X-Consumer-Groups")).isNull();
        assertThat(proxy.get("/", "Host", host, "apikey", "groupless-" + host).statusCode())
                .isEqualTo(200);
    }

    @Test
    void withoutAuthenticationIs401() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "acl", Map.of("allow", List.of("gold")));
        HttpResponse<String> r = proxy.get("/", "Host", host);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(AdminClient.parse(r.body()).get("message").asText()).isEqualTo("Unauthorized");
    }

    @Test
    void schemaNeedsExactlyOneList() {
        AdminClient.Resp both = admin.post(
                "/plugins", Map.of("name", "acl", "config", Map.of("allow", List.of("a"), "deny", List.of("b"))));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.text())
                .contains("exactly one of these fields must be non-empty: 'config.allow', 'config.deny'");
        assertThat(admin.post("/plugins", Map.of("name", "acl", "config", Map.of()))
                        .status())
                .isEqualTo(400);
    }
}
