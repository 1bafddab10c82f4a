package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** key-auth credentials: checklist items 36-42, from Kong's {@code spec/03-plugins/09-key-auth/01-api_spec.lua}. */
class KeyAuthAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    private String consumer() {
        return api.post("/consumers", Map.of("username", "bob-" + UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
    }

    private static String key() {
        return "k" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void item36_createWithKeyGeneratedKeyTagsAndTtl() {
        String bob = consumer();
        String k = key();
        Resp r = api.post("/consumers/" + bob + "/key-auth", Map.of("key", k));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("consumer").get("id").asText()).isEqualTo(bob);
        assertThat(r.json().get("key").asText()).isEqualTo(k);
        Set<String> generated = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            Resp g = api.post("/consumers/" + bob + "/key-auth", Map.of());
            assertThat(g.status()).isEqualTo(201);
            String key = g.json().get("key").asText();
            assertThat(key).hasSize(32).matches("[A-Za-z0-9]+"); // kong/tools/rand.lua random_string
            generated.add(key);
        }
        assertThat(generated).hasSize(3);
        Resp tagged = api.post(
                "/consumers/" + bob + "/key-auth", Map.of("key", key(), "tags", new String[] {"tag1", "tag2"}));
        assertThat(tagged.json().get("tags")).isEqualTo(AdminClient.parse("[\"tag1\",\"tag2\"]"));
        Resp ttl = api.post("/consumers/" + bob + "/key-auth", Map.of("key", key(), "ttl", 1));
        assertThat(ttl.status()).isEqualTo(201);
        assertThat(ttl.json().get("ttl").asInt()).isBetween(0, 1);
        String id = ttl.json().get("id").asText();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> api.get("/consumers/" + bob + "/key-auth/" + id).status() == 404);
        assertThat(api.post("/consumers/" + UUID.randomUUID() + "/key-auth", Map.of())
                        .status())
                .isEqualTo(404);
    }

    /**
     * A ttl of 1e999 is a whole number as a double but past DAO_MAX_TTL: Kong's DAO refuses it
     * ({@code kong/db/dao/init.lua} validate_options). It was read as 0: a credential that never expires.
     */
    @Test
    void hugeTtlIsRefused() {
        String bob = consumer();
        for (String ttl : new String[] {"1e999", "1e999999999", "100000001"}) {
            Resp r = api.post("/consumers/" + bob + "/key-auth", "{\"ttl\":" + ttl + "}");
            assertThat(r.status()).as(ttl).isEqualTo(400);
            assertThat(r.json().get("message").asText())
                    .isEqualTo("invalid option (ttl: must be an integer between 0 and 100000000)");
        }
        assertThat(api.get("/consumers/" + bob + "/key-auth").json().get("data"))
                .isEmpty();
    }

    @Test
    void item37_getByIdOrKeyOnlyOwnConsumer() {
        String bob = consumer();
        String other = consumer();
        String k = key();
        JsonNode cred =
                api.post("/consumers/" + bob + "/key-auth", Map.of("key", k)).json();
        String id = cred.get("id").asText();
        assertThat(api.get("/consumers/" + bob + "/key-auth/" + id).json()).isEqualTo(cred);
        assertThat(api.get("/consumers/" + bob + "/key-auth/" + k).json()).isEqualTo(cred);
        assertThat(api.get("/consumers/" + other + "/key-auth/" + id).status()).isEqualTo(404);
        Resp withTtl = api.post("/consumers/" + bob + "/key-auth", Map.of("key", key(), "ttl", 100));
        Resp got = api.get(
                "/consumers/" + bob + "/key-auth/" + withTtl.json().get("id").asText());
        assertThat(got.json().get("ttl").asInt()).isBetween(98, 100);
    }

    @Test
    void item38_putAndPatch() {
        String bob = consumer();
        String k = key();
        Resp put = api.put("/consumers/" + bob + "/key-auth/" + k, Map.of());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("key").asText()).isEqualTo(k);
        String id = put.json().get("id").asText();
        String k2 = key();
        Resp patch = api.patch("/consumers/" + bob + "/key-auth/" + id, Map.of("key", k2));
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().get("key").asText()).isEqualTo(k2);
        // keyauth_credentials has no updated_at (kong/plugins/key-auth/daos.lua): a PATCH must not add one
        assertThat(patch.json().has("updated_at")).isFalse();
        assertThat(api.get("/key-auths/" + id).json().has("updated_at")).isFalse();
        Resp number = api.patch("/consumers/" + bob + "/key-auth/" + id, "{\"key\":123}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().get("fields")).isEqualTo(AdminClient.parse("{\"key\":\"expected a string\"}"));
    }

    @Test
    void item39_nestedDelete() {
        String bob = consumer();
        String id = api.post("/consumers/" + bob + "/key-auth", Map.of("key", key()))
                .json()
                .get("id")
                .asText();
        assertThat(api.delete("/consumers/" + bob + "/key-auth/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/consumers/" + bob + "/key-auth/blah").status()).isEqualTo(404);
    }

    @Test
    void item40_topLevelKeyAuths() {
        String bob = consumer();
        for (int i = 0; i < 7; i++) {
            api.post("/consumers/" + bob + "/key-auth", Map.of("key", key()));
        }
        Resp all = api.get("/key-auths");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("data").size()).isGreaterThanOrEqualTo(7);
        assertThat(api.get("/key-auths/").json().get("data").size())
                .isEqualTo(all.json().get("data").size());
        int total = 0;
        String next = "/key-auths?size=3";
        JsonNode page = null;
        while (next != null) {
            page = api.get(next).json();
            total += page.get("data").size();
            next = page.get("next").isNull() ? null : page.get("next").asText();
            if (next != null) {
                assertThat(page.get("data")).hasSize(3);
                assertThat(page.has("offset")).isTrue();
            }
        }
        assertThat(page.has("offset")).isFalse();
        assertThat(total).isEqualTo(all.json().get("data").size());
        Resp noConsumer = api.post("/key-auths", Map.of("key", key()));
        assertThat(noConsumer.status()).isEqualTo(400);
        assertThat(noConsumer.json().get("message").asText())
                .isEqualTo("schema violation (consumer: required field missing)");
        Resp ok = api.post("/key-auths", Map.of("key", key(), "consumer", Map.of("id", bob)));
        assertThat(ok.status()).isEqualTo(201);
        String k = key();
        Resp put = api.put("/key-auths/" + k, Map.of("consumer", Map.of("id", bob)));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("key").asText()).isEqualTo(k);
        String existing = api.get("/key-auths/" + k).json().get("key").asText();
        Resp dup = api.post("/key-auths", Map.of("key", existing, "consumer", Map.of("id", bob)));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("message").asText()).isEqualTo("UNIQUE violation detected on '{key=\"" + k + "\"}'");
    }

    @Test
    void item41_consumerOfAKey() {
        String bob = consumer();
        String k = key();
        String id = api.post("/consumers/" + bob + "/key-auth", Map.of("key", k))
                .json()
                .get("id")
                .asText();
        Resp byId = api.get("/key-auths/" + id + "/consumer");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("id").asText()).isEqualTo(bob);
        assertThat(api.get("/key-auths/" + k + "/consumer").json().get("id").asText())
                .isEqualTo(bob);
        assertThat(api.get("/key-auths/" + UUID.randomUUID() + "/consumer").status())
                .isEqualTo(404);
        assertThat(api.get("/key-auths/nope/consumer").status()).isEqualTo(404);
    }

    @Test
    void seedScenarioConfiguration() {
        // DESIGN.md seed walkthrough: service -> route "/" -> key-auth(key_names=apiKey) -> consumer -> key 123test.
        String svc = api.form("POST", "/services", "name", "demo-" + UUID.randomUUID(), "url", "http://127.0.0.1:9000")
                .json()
                .get("id")
                .asText();
        String route = api.form(
                        "POST", "/services/" + svc + "/routes", "paths[]", "/", "name", "r-" + UUID.randomUUID())
                .json()
                .get("id")
                .asText();
        Resp plugin =
                api.form("POST", "/routes/" + route + "/plugins", "name", "key-auth", "config.key_names", "apiKey");
        assertThat(plugin.status()).isEqualTo(201);
        assertThat(plugin.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"apiKey\"]"));
        String user = "seed-" + UUID.randomUUID();
        api.form("POST", "/consumers", "username", user);
        Resp cred = api.form("POST", "/consumers/" + user + "/key-auth", "key", "123test-" + user);
        assertThat(cred.status()).isEqualTo(201);
    }
}
