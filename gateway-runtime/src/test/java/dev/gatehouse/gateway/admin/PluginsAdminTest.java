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
 * Plugins, {@code /plugins/enabled} and {@code /schemas}: checklist items 34-35, from Kong's
 * {@code spec/02-integration/04-admin_api/04-plugins_routes_spec.lua} and {@code 02-kong_routes_spec.lua}.
 */
class PluginsAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    @Test
    void item34_putByIdAndByInstanceName() {
        String id = UUID.randomUUID().toString();
        String sid =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        Resp r = api.put("/plugins/" + id, Map.of("name", "key-auth", "service", Map.of("id", sid)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        String inst = "inst-" + UUID.randomUUID();
        String sid2 =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        Resp byName = api.put("/plugins/" + inst, Map.of("name", "key-auth", "service", Map.of("id", sid2)));
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("instance_name").asText()).isEqualTo(inst);
        Resp again = api.put(
                "/plugins/" + inst,
                Map.of("name", "key-auth", "service", Map.of("id", sid2), "config", Map.of("key_names", new String[] {
                    "x-key"
                })));
        assertThat(again.json().get("id")).isEqualTo(byName.json().get("id"));
        assertThat(again.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"x-key\"]"));
    }

    @Test
    void item35_errorsAndSchemas() {
        String pid = api.post("/plugins", Map.of("name", "key-auth", "instance_name", "i-" + UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
        Resp bad = api.patch("/plugins/" + pid, Map.of("config", "bar"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("code").asInt()).isEqualTo(2);
        assertThat(bad.json().get("message").asText()).isEqualTo("schema violation (config: expected a record)");
        assertThat(api.delete("/plugins/" + UUID.randomUUID()).status()).isEqualTo(204);
        assertThat(api.get("/plugins/not-found").status()).isEqualTo(404);
        Resp foobar = api.get("/schemas/plugins/foobar");
        assertThat(foobar.status()).isEqualTo(404);
        assertThat(foobar.json().get("message").asText()).isEqualTo("No plugin named 'foobar'");
        Resp ka = api.get("/schemas/plugins/key-auth");
        assertThat(ka.status()).isEqualTo(200);
        assertThat(ka.json().get("fields").isArray()).isTrue();
        assertThat(ka.json().get("entity_checks").isArray()).isTrue();
        api.delete("/plugins/" + pid);
    }

    @Test
    void keyAuthSchemaHasEveryFieldAndDefault() {
        // kong/plugins/key-auth/schema.lua (3.9): the console builds its form from this.
        JsonNode fields = api.get("/schemas/plugins/key-auth").json().get("fields");
        assertThat(fields.get(0).get("consumer").get("type").asText()).isEqualTo("foreign");
        assertThat(fields.get(0).get("consumer").get("reference").asText()).isEqualTo("consumers");
        assertThat(fields.get(0).get("consumer").has("eq")).isTrue();
        assertThat(fields.get(1).get("protocols").get("default"))
                .isEqualTo(AdminClient.parse("[\"grpc\",\"grpcs\",\"http\",\"https\"]"));
        JsonNode config = fields.get(2).get("config");
        assertThat(config.get("type").asText()).isEqualTo("record");
        assertThat(config.get("required").asBoolean()).isTrue();
        JsonNode cf = config.get("fields");
        assertThat(cf).hasSize(8);
        assertThat(cf.get(0).get("key_names").get("default")).isEqualTo(AdminClient.parse("[\"apikey\"]"));
        assertThat(cf.get(0).get("key_names").get("elements").get("type").asText())
                .isEqualTo("string");
        assertThat(cf.get(1).get("hide_credentials").get("default").asBoolean()).isFalse();
        assertThat(cf.get(2).get("anonymous").get("type").asText()).isEqualTo("string");
        assertThat(cf.get(3).get("key_in_header").get("default").asBoolean()).isTrue();
        assertThat(cf.get(4).get("key_in_query").get("default").asBoolean()).isTrue();
        assertThat(cf.get(5).get("key_in_body").get("default").asBoolean()).isFalse();
        assertThat(cf.get(6).get("run_on_preflight").get("default").asBoolean()).isTrue();
        assertThat(cf.get(7).get("realm").get("required").asBoolean()).isFalse();
    }

    @Test
    void entitySchemasLookLikeKongs() {
        JsonNode services = api.get("/schemas/services").json();
        assertThat(services.get("fields").get(0).get("id"))
                .isEqualTo(AdminClient.parse("{\"type\":\"string\",\"uuid\":true,\"auto\":true,"
                        + "\"description\":\"A string representing a UUID (universally unique identifier).\"}"));
        assertThat(services.get("entity_checks")
                        .get(0)
                        .get("conditional")
                        .get("then_field")
                        .asText())
                .isEqualTo("path");
        JsonNode routes = api.get("/schemas/routes").json();
        JsonNode service = null;
        for (JsonNode f : routes.get("fields")) {
            if (f.has("service")) {
                service = f.get("service");
            }
        }
        assertThat(service.get("type").asText()).isEqualTo("foreign");
        assertThat(service.has("schema")).isFalse();
        assertThat(api.get("/schemas/consumers").json().get("entity_checks"))
                .isEqualTo(AdminClient.parse("[{\"at_least_one_of\":[\"custom_id\",\"username\"]}]"));
        assertThat(api.get("/schemas/keyauth_credentials").status()).isEqualTo(200);
        Resp none = api.get("/schemas/nothing");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).isEqualTo("No entity named 'nothing'");
    }

    @Test
    void schemaValidateEndpoints() {
        Resp ok = api.post("/schemas/services/validate", Map.of("host", "a.test"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("schema validation successful");
        Resp bad = api.post("/schemas/services/validate", Map.of());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("host").asText()).isEqualTo("required field missing");
        Resp plugin = api.post(
                "/schemas/plugins/validate",
                Map.of("name", "key-auth", "config", Map.of("key_names", new String[] {"bad name"})));
        assertThat(plugin.status()).isEqualTo(400);
        assertThat(plugin.json()
                        .get("fields")
                        .get("config")
                        .get("key_names")
                        .get(0)
                        .asText())
                .isEqualTo("bad header name 'bad name', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
        assertThat(api.get("/services").json().get("data")).isNotNull();
    }

    @Test
    void enabledPlugins() {
        Resp r = api.get("/plugins/enabled");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("enabled_plugins").toString()).contains("key-auth");
    }

    @Test
    void routePluginsAndProtocolMatch() {
        String rid = api.post("/routes", Map.of("paths", new String[] {"/rp"}, "protocols", new String[] {"https"}))
                .json()
                .get("id")
                .asText();
        Resp bad = api.post(
                "/routes/" + rid + "/plugins",
                Map.of("name", "key-auth", "config", Map.of("key_names", new String[] {"hello\\world"})));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json()
                        .get("fields")
                        .get("config")
                        .get("key_names")
                        .get(0)
                        .asText())
                .isEqualTo("bad header name 'hello\\world', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
        Resp mismatch =
                api.post("/routes/" + rid + "/plugins", Map.of("name", "key-auth", "protocols", new String[] {"http"}));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("fields").get("protocols").asText())
                .isEqualTo("must match the associated route's protocols");
        Resp good = api.post(
                "/routes/" + rid + "/plugins",
                Map.of("name", "key-auth", "config", Map.of("key_names", new String[] {"hello-world"})));
        assertThat(good.status()).isEqualTo(201);
        assertThat(api.get("/routes/" + rid + "/plugins").json().get("data")).hasSize(1);
        // deleting the route cascades to its plugins
        api.delete("/routes/" + rid);
        assertThat(api.get("/plugins/" + good.json().get("id").asText()).status())
                .isEqualTo(404);
    }
}
