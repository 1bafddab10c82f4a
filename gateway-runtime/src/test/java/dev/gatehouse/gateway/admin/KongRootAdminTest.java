package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /}, {@code /status}, unknown paths and common headers: checklist items 43-45, from Kong's
 * {@code spec/02-integration/04-admin_api/02-kong_routes_spec.lua} and {@code 01-admin_api_spec.lua}.
 */
class KongRootAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    @Test
    void item43_root() {
        Resp r = api.get("/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("tagline").asText()).isEqualTo("Welcome to kong");
        assertThat(r.json().get("version").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(r.json().get("edition").asText()).isEqualTo("community");
        assertThat(r.json().get("node_id").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(r.header("Server")).startsWith("gatehouse/");
        assertThat(r.header("Via")).isNull();
        assertThat(r.json().get("pids").get("master").isNumber()).isTrue();
        assertThat(r.json()
                        .get("plugins")
                        .get("available_on_server")
                        .get("key-auth")
                        .get("priority")
                        .asInt())
                .isEqualTo(1250);
        assertThat(r.json().get("configuration").get("admin_listen").isArray()).isTrue();
        Resp opt = api.options("/");
        assertThat(opt.status()).isEqualTo(204);
        assertThat(opt.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
        assertThat(api.post("/", Map.of()).status()).isEqualTo(405);
        assertThat(api.delete("/").status()).isEqualTo(405);
    }

    /**
     * The listeners as Kong's conf loader parses them (kong/conf_loader/listeners.lua; spec/01-unit/03-conf_loader_spec
     * checks ip, port, ssl, http2 and listener), with the ports actually bound: Kong Manager's Overview shows them.
     */
    @Test
    void item43_rootConfigurationHasTheListenersClientsRead() {
        JsonNode conf = api.get("/").json().get("configuration");
        JsonNode admin = conf.get("admin_listeners").get(0);
        assertThat(admin.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(admin.get("port").asInt())
                .isEqualTo(java.net.URI.create(GW.process().adminUrl()).getPort());
        assertThat(admin.get("ssl").asBoolean()).isFalse();
        assertThat(admin.get("http2").asBoolean()).isFalse();
        assertThat(admin.get("proxy_protocol").asBoolean()).isFalse();
        assertThat(admin.get("listener").asText())
                .isEqualTo("127.0.0.1:" + admin.get("port").asInt());
        JsonNode proxy = conf.get("proxy_listeners").get(0);
        assertThat(proxy.get("port").asInt()).isPositive();
        assertThat(proxy.get("listener").asText())
                .isEqualTo("127.0.0.1:" + proxy.get("port").asInt());
        assertThat(conf.get("admin_gui_listeners").isArray()).isTrue();
        assertThat(conf.get("admin_gui_listeners")).isEmpty();
        assertThat(conf.get("proxy_ssl_enabled").asBoolean()).isFalse();
        assertThat(conf.get("admin_ssl_enabled").asBoolean()).isFalse();
        // Kong Manager's Overview (kong-manager src/pages/overview/Overview.vue, src/stores/info.ts) reads these.
        assertThat(conf.get("role").asText()).isEqualTo("traditional");
        assertThat(conf.get("admin_listen").get(0).asText())
                .isEqualTo(admin.get("listener").asText());
    }

    @Test
    void item43_enabledInClusterListsPluginsInUse() {
        assertThat(api.get("/").json().get("plugins").get("enabled_in_cluster").isArray())
                .isTrue();
        String pid = api.post("/plugins", Map.of("name", "key-auth", "instance_name", "root-" + UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
        assertThat(api.get("/").json().get("plugins").get("enabled_in_cluster").toString())
                .contains("key-auth");
        api.delete("/plugins/" + pid);
    }

    @Test
    void item44_status() {
        api.get("/");
        Resp r = api.get("/status");
        assertThat(r.status()).isEqualTo(200);
        for (String k : new String[] {
            "connections_accepted",
            "connections_active",
            "connections_handled",
            "connections_reading",
            "connections_waiting",
            "connections_writing",
            "total_requests"
        }) {
            assertThat(r.json().get("server").get(k).isNumber()).as(k).isTrue();
        }
        assertThat(r.json().get("server").get("total_requests").asLong()).isGreaterThan(0);
        assertThat(r.json().get("database").get("reachable").isBoolean()).isTrue();
        assertThat(r.json()
                        .get("memory")
                        .get("workers_lua_vms")
                        .get(0)
                        .get("http_allocated_gc")
                        .asText())
                .endsWith(" MiB");
    }

    @Test
    void item45_unknownPaths() {
        for (String m : new String[] {"GET", "POST", "PUT", "OPTIONS"}) {
            Resp r = m.equals("GET")
                    ? api.get("/non-existing")
                    : m.equals("OPTIONS") ? api.options("/non-existing") : api.json(m, "/non-existing", "{}");
            assertThat(r.status()).as(m).isEqualTo(404);
            assertThat(r.text()).isEqualTo("{\"message\":\"Not found\"}");
        }
        Resp head = api.head("/non-existing");
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.text()).isEmpty();
    }

    @Test
    void everyResponseHasServerAndLatencyHeaders() {
        for (Resp r : new Resp[] {api.get("/services"), api.get("/nope"), api.post("/consumers", Map.of())}) {
            assertThat(r.header("Server")).matches("gatehouse/\\S+");
            assertThat(r.header("X-Kong-Admin-Latency")).matches("\\d+");
        }
    }

    @Test
    void endpointsAndTags() {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/services", Map.of("host", "t.test", "tags", new String[] {tag}));
        api.post("/consumers", Map.of("username", "tagged-" + UUID.randomUUID(), "tags", new String[] {tag, "other"}));
        Resp tags = api.get("/tags/" + tag);
        assertThat(tags.status()).isEqualTo(200);
        assertThat(tags.json().get("data")).hasSize(2);
        assertThat(tags.json().get("data").get(0).get("tag").asText()).isEqualTo(tag);
        Resp endpoints = api.get("/endpoints");
        assertThat(endpoints.json().get("data").toString())
                .contains("\"/services/{services}/routes\"")
                .contains("\"/consumers/{consumers}/key-auth\"")
                .contains("\"/routes/{routes}/service\"");
    }
}
