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

/**
 * Services, {@code /services/{s}/routes} and {@code /services/{s}/plugins}: reference checklist items 1-14,
 * from Kong's {@code spec/02-integration/04-admin_api/10-services_routes_spec.lua}.
 */
class ServicesAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void item1_postServiceGives201WithDefaults() {
        Resp r = api.post("/services", Map.of("protocol", "http", "host", "service.test"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode s = r.json();
        assertThat(s.get("id").isTextual()).isTrue();
        assertThat(s.get("created_at").isNumber()).isTrue();
        assertThat(s.get("updated_at").isNumber()).isTrue();
        assertThat(s.get("name").isNull()).isTrue();
        assertThat(s.get("port").asInt()).isEqualTo(80);
        assertThat(s.get("retries").asInt()).isEqualTo(5);
        assertThat(s.get("connect_timeout").asInt()).isEqualTo(60000);
        assertThat(s.get("write_timeout").asInt()).isEqualTo(60000);
        assertThat(s.get("read_timeout").asInt()).isEqualTo(60000);
        assertThat(s.get("enabled").asBoolean()).isTrue();
        assertThat(s.has("path") && s.get("path").isNull()).isTrue();
        assertThat(s.has("url")).isFalse();
    }

    @Test
    void item1_formAndMultipartBodiesToo() {
        Resp form = api.form("POST", "/services", "protocol", "http", "host", "service.test");
        assertThat(form.status()).isEqualTo(201);
        Resp multi = api.multipart("POST", "/services", "protocol", "http", "host", "service.test");
        assertThat(multi.status()).isEqualTo(201);
        assertThat(multi.json().get("port").asInt()).isEqualTo(80);
    }

    @Test
    void item2_urlShorthand() {
        Resp r = api.post("/services", Map.of("url", "http://service.test/"));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("protocol").asText()).isEqualTo("http");
        assertThat(r.json().get("host").asText()).isEqualTo("service.test");
        assertThat(r.json().get("path").asText()).isEqualTo("/");
        assertThat(r.json().get("port").asInt()).isEqualTo(80);
        Resp https = api.form("POST", "/services", "url", "https://service.test/");
        assertThat(https.json().get("port").asInt()).isEqualTo(443);
        assertThat(https.json().get("protocol").asText()).isEqualTo("https");
    }

    @Test
    void item3_badUrls() {
        assertThat(api.post("/services", Map.of("url", "")).status()).isEqualTo(400);
        assertThat(api.post("/services", Map.of("url", " ")).status()).isEqualTo(400);
        Resp r = api.post("/services", Map.of("url", "invalid url"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json())
                .isEqualTo(AdminClient.parse("{\"code\":2,\"name\":\"schema violation\",\"message\":"
                        + "\"2 schema violations (host: required field missing; path: should start with: /)\","
                        + "\"fields\":{\"host\":\"required field missing\",\"path\":\"should start with: /\"}}"));
    }

    @Test
    void item4_requiredHostAndProtocolEnum() {
        Resp r = api.post("/services", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("fields")).isEqualTo(AdminClient.parse("{\"host\":\"required field missing\"}"));
        Resp p = api.post("/services", Map.of("host", "example.test", "protocol", "foo"));
        assertThat(p.json().get("fields"))
                .isEqualTo(
                        AdminClient.parse(
                                "{\"protocol\":\"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp\"}"));
    }

    @Test
    void item5_malformedJson() {
        Resp r = api.post("/services", "{\"hello\": \"world\"");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    }

    @Test
    void item8_getByIdAndNameAnd404() {
        String name = unique("svc");
        Resp created = api.post("/services", Map.of("name", name, "host", "example.test"));
        String id = created.json().get("id").asText();
        assertThat(api.get("/services/" + id).json()).isEqualTo(created.json());
        assertThat(api.get("/services/" + name).json()).isEqualTo(created.json());
        assertThat(api.get("/services/" + UUID.randomUUID()).status()).isEqualTo(404);
        Resp nf = api.get("/services/not-found");
        assertThat(nf.status()).isEqualTo(404);
        assertThat(nf.text()).isEqualTo("{\"message\":\"Not found\"}");
    }

    @Test
    void item8_utf8NamesInTheUrl() {
        Resp created = api.post("/services", Map.of("name", "円" + unique(""), "host", "example.test"));
        assertThat(created.status()).isEqualTo(201);
        String name = created.json().get("name").asText();
        Resp got = api.get("/services/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("id")).isEqualTo(created.json().get("id"));
    }

    @Test
    void item9_patch() {
        String name = unique("svc");
        String id = api.post("/services", Map.of("name", name, "host", "example.test"))
                .json()
                .get("id")
                .asText();
        Resp r = api.patch("/services/" + id, "{\"name\":null,\"protocol\":\"https\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("name").isNull()).isTrue();
        assertThat(r.json().get("protocol").asText()).isEqualTo("https");
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        Resp u = api.patch("/services/" + id, Map.of("url", "http://example.test:443"));
        assertThat(u.json().get("protocol").asText()).isEqualTo("http");
        assertThat(u.json().get("port").asInt()).isEqualTo(443);
        assertThat(u.json().get("path").isNull()).isTrue();
        Resp u2 = api.patch("/services/" + id, Map.of("url", "https://example2.test:80/"));
        assertThat(u2.json().get("protocol").asText()).isEqualTo("https");
        assertThat(u2.json().get("port").asInt()).isEqualTo(80);
        assertThat(u2.json().get("path").asText()).isEqualTo("/");
    }

    @Test
    void patchOfAMissingServiceIsKongsNotFoundError() {
        // kong/db/dao/init.lua check_update: code 6 with the primary key, not the plain "Not found".
        String id = UUID.randomUUID().toString();
        Resp r = api.patch("/services/" + id, Map.of("host", "x.test"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asInt()).isEqualTo(6);
        assertThat(r.json().get("message").asText())
                .isEqualTo("could not find the entity with primary key '{id=\"" + id + "\"}'");
    }

    @Test
    void putByNameWithAnotherServicesIdIsAPrimaryKeyViolation() {
        // Kong's upsert_by_name is INSERT ... ON CONFLICT (name) (kong/db/strategies/postgres/init.lua): an id that
        // another row holds fails on the primary key (code 3, 400) and that row is left alone.
        String bar = unique("pk-bar");
        String barId = api.post("/services", Map.of("name", bar, "host", "bar.test"))
                .json()
                .get("id")
                .asText();
        String foo = unique("pk-foo");
        Resp r = api.put("/services/" + foo, Map.of("id", barId, "host", "foo.test"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(3);
        assertThat(r.json().get("name").asText()).isEqualTo("primary key violation");
        assertThat(r.json().get("message").asText()).isEqualTo("primary key violation on key '{id=\"" + barId + "\"}'");
        assertThat(api.get("/services/" + barId).json().get("name").asText()).isEqualTo(bar);
        assertThat(api.get("/services/" + foo).status()).isEqualTo(404);
    }

    @Test
    void item10_deleteIs204EvenWhenAbsent() {
        String name = unique("svc");
        String id = api.post("/services", Map.of("name", name, "host", "example.test"))
                .json()
                .get("id")
                .asText();
        Resp r = api.delete("/services/" + id);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.text()).isEmpty();
        assertThat(api.get("/services/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/services/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/services/" + unique("nope")).status()).isEqualTo(204);
        String n2 = unique("svc");
        api.post("/services", Map.of("name", n2, "host", "example.test"));
        assertThat(api.delete("/services/" + n2).status()).isEqualTo(204);
    }

    @Test
    void deletingAServiceWithRoutesFails() {
        // spec/02-integration/03-db/02-db_core_entities_spec.lua: restrict, code 4, @referenced_by.
        String sid = api.post("/services", Map.of("host", "example.test"))
                .json()
                .get("id")
                .asText();
        assertThat(api.post("/routes", Map.of("paths", new String[] {"/x"}, "service", Map.of("id", sid)))
                        .status())
                .isEqualTo(201);
        Resp r = api.delete("/services/" + sid);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json())
                .isEqualTo(AdminClient.parse("{\"code\":4,\"name\":\"foreign key violation\","
                        + "\"message\":\"an existing 'routes' entity references this 'services' entity\","
                        + "\"fields\":{\"@referenced_by\":\"routes\"}}"));
        assertThat(api.get("/services/" + sid).status()).isEqualTo(200);
    }

    @Test
    void item11_nestedRoutesOnlyThatService() {
        String a =
                api.post("/services", Map.of("host", "a.test")).json().get("id").asText();
        String b =
                api.post("/services", Map.of("host", "b.test")).json().get("id").asText();
        Resp ra = api.post("/services/" + a + "/routes", Map.of("paths", new String[] {"/a"}));
        assertThat(ra.status()).isEqualTo(201);
        assertThat(ra.json().get("service").get("id").asText()).isEqualTo(a);
        api.post("/services/" + b + "/routes", Map.of("paths", new String[] {"/b"}));
        Resp list = api.get("/services/" + a + "/routes");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("data")).hasSize(1);
        assertThat(list.json().get("data").get(0)).isEqualTo(ra.json());
        assertThat(list.json().get("next").isNull()).isTrue();
        assertThat(api.get("/services/" + UUID.randomUUID() + "/routes").status())
                .isEqualTo(404);
        assertThat(api.get("/services/" + b + "/routes/" + ra.json().get("id").asText())
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/services/" + a + "/routes/" + ra.json().get("id").asText())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void item12_servicePluginsFormAndJsonAndErrors() {
        String sid =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        Resp form = api.form(
                "POST",
                "/services/" + sid + "/plugins",
                "name",
                "key-auth",
                "config.key_names[1]",
                "apikey",
                "config.key_names[2]",
                "key");
        assertThat(form.status()).isEqualTo(201);
        assertThat(form.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"apikey\",\"key\"]"));
        assertThat(form.json().get("service").get("id").asText()).isEqualTo(sid);
        String sid2 =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        Resp json = api.post(
                "/services/" + sid2 + "/plugins",
                Map.of("name", "key-auth", "config", Map.of("key_names", new String[] {"apikey", "key"})));
        assertThat(json.status()).isEqualTo(201);
        assertThat(json.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"apikey\",\"key\"]"));
        Resp empty = api.post("/services/" + sid2 + "/plugins", Map.of());
        assertThat(empty.json())
                .isEqualTo(AdminClient.parse("{\"code\":2,\"name\":\"schema violation\","
                        + "\"message\":\"schema violation (name: required field missing)\","
                        + "\"fields\":{\"name\":\"required field missing\"}}"));
        Resp dup = api.post("/services/" + sid2 + "/plugins", Map.of("name", "key-auth"));
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.json().get("code").asInt()).isEqualTo(5);
        assertThat(dup.json().get("message").asText())
                .isEqualTo("UNIQUE violation detected on '{consumer=null,name=\"key-auth\",route=null,service={id=\""
                        + sid2 + "\"}}'");
        assertThat(dup.json().get("fields"))
                .isEqualTo(AdminClient.parse(
                        "{\"consumer\":null,\"name\":\"key-auth\",\"route\":null,\"service\":{\"id\":\"" + sid2
                                + "\"}}"));
    }

    @Test
    void item13_patchServicePlugin() {
        String sid =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        JsonNode plugin = api.post("/services/" + sid + "/plugins", Map.of("name", "key-auth"))
                .json();
        String pid = plugin.get("id").asText();
        Resp disabled = api.patch("/services/" + sid + "/plugins/" + pid, Map.of("enabled", false));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        Resp unknown = api.patch("/services/" + sid + "/plugins/" + pid, Map.of("foo", "bar"));
        assertThat(unknown.json())
                .isEqualTo(
                        AdminClient.parse(
                                "{\"code\":2,\"name\":\"schema violation\","
                                        + "\"message\":\"schema violation (foo: unknown field)\",\"fields\":{\"foo\":\"unknown field\"}}"));
        assertThat(api.get("/plugins/" + pid).json().get("enabled").asBoolean()).isFalse();
        assertThat(api.patch("/services/" + sid + "/plugins/" + UUID.randomUUID(), Map.of("enabled", true))
                        .status())
                .isEqualTo(404);
        Resp detached = api.patch("/services/" + sid + "/plugins/" + pid, "{\"service\":null}");
        assertThat(detached.status()).isEqualTo(200);
        assertThat(detached.json().get("service").isNull()).isTrue();
    }

    @Test
    void item14_getAndDeleteServicePluginByIdOrInstanceName() {
        String sid =
                api.post("/services", Map.of("host", "p.test")).json().get("id").asText();
        String inst = unique("inst");
        JsonNode plugin = api.post("/services/" + sid + "/plugins", Map.of("name", "key-auth", "instance_name", inst))
                .json();
        assertThat(api.get("/services/" + sid + "/plugins/" + plugin.get("id").asText())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/services/" + sid + "/plugins/" + inst).json()).isEqualTo(plugin);
        assertThat(api.delete("/services/" + sid + "/plugins/" + inst).status()).isEqualTo(204);
        assertThat(api.get("/plugins/" + plugin.get("id").asText()).status()).isEqualTo(404);
    }

    @Test
    void putUpsertsByNameAndKeepsId() {
        String name = unique("svc");
        Resp created = api.put("/services/" + name, Map.of("host", "one.test"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.json().get("name").asText()).isEqualTo(name);
        Resp replaced = api.put("/services/" + name, Map.of("host", "two.test"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("id")).isEqualTo(created.json().get("id"));
        assertThat(replaced.json().get("host").asText()).isEqualTo("two.test");
    }
}
