package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Consumers: checklist items 27-33, from Kong's {@code spec/02-integration/04-admin_api/03-consumers_routes_spec.lua}. */
class ConsumersAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    private static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void item27_createAndAtLeastOneOf() {
        String u = unique("bob");
        Resp r = api.post("/consumers", Map.of("username", u));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("username").asText()).isEqualTo(u);
        assertThat(r.json().get("created_at").isNumber()).isTrue();
        assertThat(r.json().get("id").isTextual()).isTrue();
        Resp e = api.post("/consumers", Map.of());
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(e.json().get("fields"))
                .isEqualTo(AdminClient.parse(
                        "{\"@entity\":[\"at least one of these fields must be non-empty: 'custom_id', 'username'\"]}"));
    }

    @Test
    void item28_uniqueViolations() {
        String u = unique("alice");
        String c = unique("cid");
        api.post("/consumers", Map.of("username", u, "custom_id", c));
        Resp dup = api.post("/consumers", Map.of("username", u));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(dup.json().get("message").asText())
                .isEqualTo("UNIQUE violation detected on '{username=\"" + u + "\"}'");
        assertThat(dup.json().get("fields")).isEqualTo(AdminClient.parse("{\"username\":\"" + u + "\"}"));
        Resp dupC = api.post("/consumers", Map.of("username", unique("x"), "custom_id", c));
        assertThat(dupC.status()).isEqualTo(409);
        assertThat(dupC.json().get("message").asText())
                .isEqualTo("UNIQUE violation detected on '{custom_id=\"" + c + "\"}'");
    }

    @Test
    void item29_contentTypeRules() {
        assertThat(api.raw("POST", "/consumers", "invalid", "username=x".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(415);
        Resp noType = api.raw("POST", "/consumers", null, "username=x".getBytes(StandardCharsets.UTF_8));
        assertThat(noType.status()).isEqualTo(415);
        assertThat(noType.text()).isEmpty();
        Resp emptyJson = api.raw("POST", "/consumers", "application/json", new byte[0]);
        assertThat(emptyJson.status()).isEqualTo(400);
        assertThat(emptyJson.text()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
        String atLeast = "at least one of these fields must be non-empty: 'custom_id', 'username'";
        Resp emptyForm = api.raw("POST", "/consumers", "application/x-www-form-urlencoded", new byte[0]);
        assertThat(emptyForm.status()).isEqualTo(400);
        assertThat(emptyForm.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo(atLeast);
        Resp emptyMulti = api.raw("POST", "/consumers", "multipart/form-data; boundary=x", new byte[0]);
        assertThat(emptyMulti.status()).isEqualTo(400);
        assertThat(emptyMulti.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo(atLeast);
        Resp nothing = api.raw("POST", "/consumers", null, null);
        assertThat(nothing.status()).isEqualTo(400);
        assertThat(nothing.json().get("fields").get("@entity").get(0).asText()).isEqualTo(atLeast);
    }

    @Test
    void item30_customIdSearch() {
        String c = unique("cid");
        JsonNode created = api.post("/consumers", Map.of("custom_id", c)).json();
        Resp r = api.get("/consumers?custom_id=" + c);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("data")).hasSize(1);
        assertThat(r.json().get("data").get(0)).isEqualTo(created);
        assertThat(r.json().get("next").isNull()).isTrue();
        Resp none = api.get("/consumers?custom_id=" + unique("nobody"));
        assertThat(none.text()).contains("\"data\":[]");
        Resp empty = api.get("/consumers?custom_id=");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText()).isEqualTo("custom_id must be an unempty string");
        Resp tags = api.get("/consumers?tags=");
        assertThat(tags.status()).isEqualTo(400);
        assertThat(tags.json().get("message").asText()).isEqualTo("invalid option (tags: cannot be null)");
    }

    @Test
    void item31_getByIdUsernameAndEncodedUsername() {
        String u = "ünïcode user " + UUID.randomUUID();
        JsonNode c = api.post("/consumers", Map.of("username", u)).json();
        assertThat(api.get("/consumers/" + c.get("id").asText()).json()).isEqualTo(c);
        assertThat(api.get("/consumers/"
                                + URLEncoder.encode(u, StandardCharsets.UTF_8).replace("+", "%20"))
                        .json())
                .isEqualTo(c);
        assertThat(api.get("/consumers/_inexistent_").status()).isEqualTo(404);
        assertThat(api.delete("/consumers").status()).isEqualTo(405);
        assertThat(api.patch("/consumers", Map.of()).status()).isEqualTo(405);
    }

    @Test
    void item32_putIsAFullReplacement() {
        String id = UUID.randomUUID().toString();
        String c = unique("cid");
        Resp r = api.put("/consumers/" + id, Map.of("custom_id", c));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        String name = unique("putname");
        Resp p = api.put("/consumers/" + name, Map.of("custom_id", unique("c")));
        assertThat(p.json().get("custom_id").isNull()).isFalse();
        Resp again = api.put("/consumers/" + name, Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("username").asText()).isEqualTo(name);
        assertThat(again.json().get("custom_id").isNull()).isTrue();
        assertThat(again.json().get("id")).isEqualTo(p.json().get("id"));
    }

    @Test
    void item33_consumerPlugins() {
        String a = api.post("/consumers", Map.of("username", unique("a")))
                .json()
                .get("id")
                .asText();
        String b = api.post("/consumers", Map.of("username", unique("b")))
                .json()
                .get("id")
                .asText();
        // key-auth forbids a consumer (no_consumer), so a consumer-scoped plugin is rejected like in Kong.
        Resp keyAuth = api.post("/consumers/" + a + "/plugins", Map.of("name", "key-auth"));
        assertThat(keyAuth.status()).isEqualTo(400);
        assertThat(keyAuth.json().get("fields").get("consumer").asText()).isEqualTo("value must be null");
        String pid = api.post("/plugins", Map.of("name", "key-auth"))
                .json()
                .get("id")
                .asText();
        assertThat(api.get("/consumers/" + b + "/plugins/" + pid).status()).isEqualTo(404);
        Resp foo = api.patch("/plugins/" + pid, Map.of("name", "foo"));
        assertThat(foo.status()).isEqualTo(400);
        assertThat(foo.json().get("fields").get("name").asText())
                .isEqualTo("plugin 'foo' not enabled; add it to the 'plugins' configuration property");
        Resp partial = api.patch("/plugins/" + pid, Map.of("config", Map.of("hide_credentials", true)));
        assertThat(partial.status()).isEqualTo(200);
        assertThat(partial.json().get("config").get("hide_credentials").asBoolean())
                .isTrue();
        assertThat(partial.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"apikey\"]"));
        api.delete("/plugins/" + pid);
    }

    @Test
    void deletingAConsumerCascadesToCredentials() {
        String a = api.post("/consumers", Map.of("username", unique("cascade")))
                .json()
                .get("id")
                .asText();
        String key = unique("k");
        String cred = api.post("/consumers/" + a + "/key-auth", Map.of("key", key))
                .json()
                .get("id")
                .asText();
        assertThat(api.delete("/consumers/" + a).status()).isEqualTo(204);
        assertThat(api.get("/key-auths/" + cred).status()).isEqualTo(404);
    }
}
