package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's plugin scope precedence ({@code lookup_cfg} in {@code kong/runloop/plugins_iterator.lua}): of one plugin,
 * the route's instance beats the service's, which beats the global one; disabled instances do not run; and plugins
 * run by priority (cors 2000 before key-auth 1250: a preflight never needs a key).
 */
class PluginScopeTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();
    private final AdminClient admin = GW.admin();

    @Test
    void routeBeatsServiceBeatsGlobal() {
        String consumer = setup.consumer("scope-" + UUID.randomUUID());
        setup.key(consumer, "scope-key");
        String svc = setup.service(GW.upstream().url());
        String hostRoute = Setup.host();
        String hostService = Setup.host();
        String hostGlobal = Setup.host();
        String r1 = setup.create("/routes", Map.of("hosts", List.of(hostRoute), "service", Map.of("id", svc)));
        setup.create("/routes", Map.of("hosts", List.of(hostService), "service", Map.of("id", svc)));
        setup.routeOnHost(hostGlobal); // its own service
        String global = setup.plugin("/plugins", "key-auth", Map.of("key_names", List.of("global-key")));
        setup.plugin("/services/" + svc + "/plugins", "key-auth", Map.of("key_names", List.of("service-key")));
        setup.plugin("/routes/" + r1 + "/plugins", "key-auth", Map.of("key_names", List.of("route-key")));
        try {
            assertThat(proxy.get("/", "Host", hostRoute, "route-key", "scope-key")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(proxy.get("/", "Host", hostRoute, "service-key", "scope-key")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(proxy.get("/", "Host", hostService, "service-key", "scope-key")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(proxy.get("/", "Host", hostService, "global-key", "scope-key")
                            .statusCode())
                    .isEqualTo(401);
            assertThat(proxy.get("/", "Host", hostGlobal, "global-key", "scope-key")
                            .statusCode())
                    .isEqualTo(200);
            // a disabled route instance falls back to the service's
            assertThat(admin.patch("/routes/" + r1 + "/plugins/" + pluginOf(r1), Map.of("enabled", false))
                            .status())
                    .isEqualTo(200);
            GW.synced();
            assertThat(proxy.get("/", "Host", hostRoute, "service-key", "scope-key")
                            .statusCode())
                    .isEqualTo(200);
            // global plugins also run for requests no route matched (log and header_filter phases only)
            assertThat(proxy.get("/", "Host", "no-route.test").statusCode()).isEqualTo(404);
        } finally {
            admin.delete("/plugins/" + global);
            GW.synced();
        }
    }

    private String pluginOf(String route) {
        return admin.get("/routes/" + route + "/plugins")
                .json()
                .at("/data/0/id")
                .asText();
    }

    @Test
    void corsRunsBeforeKeyAuth() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        setup.plugin("/routes/" + route + "/plugins", "cors", null);
        assertThat(proxy.send(
                                "OPTIONS",
                                "/",
                                null,
                                "Host",
                                host,
                                "Origin",
                                "http://a.test",
                                "Access-Control-Request-Method",
                                "GET")
                        .statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/", "Host", host).statusCode()).isEqualTo(401);
    }
}
