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
 * Routes and {@code /routes/{r}/service}: checklist items 15-26, from Kong's
 * {@code spec/02-integration/04-admin_api/09-routes_routes_spec.lua} and {@code 17-foreign-entity_spec.lua}.
 */
class RoutesAdminTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    private String service(String name) {
        return api.post("/services", name == null ? Map.of("host", "s.test") : Map.of("host", "s.test", "name", name))
                .json()
                .get("id")
                .asText();
    }

    @Test
    void item15_createWithHostsHeadersService() {
        String sid = service(null);
        Resp r = api.post(
                "/routes",
                AdminClient.parse("{\"protocols\":[\"http\"],\"hosts\":[\"my.route.test\"],"
                        + "\"headers\":{\"location\":[\"my-location\"]},\"service\":{\"id\":\"" + sid + "\"}}"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.get("hosts")).isEqualTo(AdminClient.parse("[\"my.route.test\"]"));
        assertThat(j.get("headers")).isEqualTo(AdminClient.parse("{\"location\":[\"my-location\"]}"));
        assertThat(j.get("regex_priority").isNumber()).isTrue();
        assertThat(j.get("name").isNull()).isTrue();
        assertThat(j.get("paths").isNull()).isTrue();
        assertThat(j.get("preserve_host").asBoolean()).isFalse();
        assertThat(j.get("strip_path").asBoolean()).isTrue();
        assertThat(j.get("https_redirect_status_code").asInt()).isEqualTo(426);
        assertThat(j.get("path_handling").asText()).isEqualTo("v0");
        assertThat(j.get("service").get("id").asText()).isEqualTo(sid);
    }

    @Test
    void item16_serviceOptionalGrpcDefaultsAndServiceByName() {
        Resp r = api.post("/routes", Map.of("paths", new String[] {"/x"}));
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("service").isNull()).isTrue();
        Resp g = api.post("/routes", Map.of("protocols", new String[] {"grpc", "grpcs"}, "paths", new String[] {"/g"}));
        assertThat(g.status()).isEqualTo(201);
        assertThat(g.json().get("strip_path").asBoolean()).isFalse();
        String name = "svc-" + UUID.randomUUID();
        String sid = service(name);
        Resp byName = api.post("/routes", Map.of("paths", new String[] {"/n"}, "service", Map.of("name", name)));
        assertThat(byName.status()).isEqualTo(201);
        assertThat(byName.json().get("service").get("id").asText()).isEqualTo(sid);
    }

    @Test
    void item17_emptyRoute() {
        Resp r = api.post("/routes", Map.of());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText())
                .isEqualTo("schema violation (must set one of 'methods', 'hosts',"
                        + " 'headers', 'paths', 'snis' when 'protocols' is 'https')");
        assertThat(r.json().get("fields"))
                .isEqualTo(AdminClient.parse("{\"@entity\":[\"must set one of 'methods',"
                        + " 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'\"]}"));
    }

    @Test
    void item18_badProtocol() {
        Resp r =
                api.post("/routes", Map.of("methods", new String[] {"GET"}, "protocols", new String[] {"foo", "http"}));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("fields"))
                .isEqualTo(
                        AdminClient.parse(
                                "{\"protocols\":[\"expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp\"]}"));
        assertThat(r.json().get("message").asText())
                .isEqualTo(
                        "schema violation (protocols.1: expected one of: grpc, grpcs, http, https, tcp, tls, tls_passthrough, udp)");
    }

    @Test
    void item19_unresolvedServiceName() {
        Resp r =
                api.post("/routes", Map.of("methods", new String[] {"GET"}, "service", Map.of("name", "non-existing")));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(13);
        assertThat(r.json().get("name").asText()).isEqualTo("foreign keys unresolved");
        assertThat(r.json().get("fields").get("service").get("name").asText())
                .isEqualTo(
                        "the foreign key cannot be resolved with '{name=\"non-existing\"}' for an existing 'services' entity");
        Resp pk = api.post("/routes", Map.of("methods", new String[] {"GET"}, "service", Map.of("protocol", "http")));
        assertThat(pk.status()).isEqualTo(400);
        assertThat(pk.json().get("message").asText()).isEqualTo("schema violation (service.id: missing primary key)");
    }

    @Test
    void missingServiceIdIsForeignKeyViolation() {
        String id = UUID.randomUUID().toString();
        Resp r = api.post("/routes", Map.of("paths", new String[] {"/x"}, "service", Map.of("id", id)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(4);
        assertThat(r.json().get("message").asText())
                .isEqualTo("the foreign key '{id=\"" + id + "\"}' does not reference an existing 'services' entity.");
    }

    @Test
    void item20_grpcRules() {
        Resp strip = api.post(
                "/routes",
                Map.of("protocols", new String[] {"grpc"}, "paths", new String[] {"/g"}, "strip_path", true));
        assertThat(strip.status()).isEqualTo(400);
        assertThat(strip.json().get("fields").get("strip_path").asText())
                .isEqualTo("cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'");
        Resp methods = api.post(
                "/routes",
                Map.of("protocols", new String[] {"grpc"}, "paths", new String[] {"/g"}, "methods", new String[] {"GET"
                }));
        assertThat(methods.json().get("fields").get("methods").asText())
                .isEqualTo("cannot set 'methods' when 'protocols' is 'grpc' or 'grpcs'");
    }

    @Test
    void item21_badSizeAndOffset() {
        Resp size = api.get("/routes?size=x");
        assertThat(size.status()).isEqualTo(400);
        assertThat(size.json())
                .isEqualTo(AdminClient.parse(
                        "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}"));
        Resp offset = api.get("/routes?offset=x");
        assertThat(offset.status()).isEqualTo(400);
        assertThat(offset.json())
                .isEqualTo(
                        AdminClient.parse(
                                "{\"code\":7,\"name\":\"invalid offset\",\"message\":\"'x' is not a valid offset: bad base64 encoding\"}"));
    }

    @Test
    void item22_methodsAndOptions() {
        for (String m : new String[] {"DELETE", "PUT", "PATCH"}) {
            Resp r = api.json(m, "/routes", "{}");
            assertThat(r.status()).as(m).isEqualTo(405);
            assertThat(r.text()).isEqualTo("{\"message\":\"Method not allowed\"}");
        }
        Resp opt = api.options("/routes");
        assertThat(opt.status()).isEqualTo(204);
        assertThat(opt.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(opt.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(opt.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        assertThat(opt.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(api.options("/routes/x").header("Allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
    }

    @Test
    void item23_putUpsertIs200() {
        String id = UUID.randomUUID().toString();
        Resp r = api.put("/routes/" + id, Map.of("paths", new String[] {"/updated-paths"}));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("id").asText()).isEqualTo(id);
        assertThat(r.json().get("hosts").isNull()).isTrue();
        assertThat(r.json().get("methods").isNull()).isTrue();
        String name = "my-route-" + UUID.randomUUID();
        Resp byName = api.put("/routes/" + name, Map.of("paths", new String[] {"/n"}));
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.json().get("name").asText()).isEqualTo(name);
        Resp bad = api.put(
                "/routes/" + UUID.randomUUID(), Map.of("paths", new String[] {"/n"}, "regex_priority", "foobar"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText())
                .isEqualTo("schema violation (regex_priority: expected an integer)");
    }

    @Test
    void item24_patch() {
        String sid = service(null);
        String id = api.post(
                        "/routes",
                        Map.of(
                                "methods",
                                new String[] {"GET"},
                                "hosts",
                                new String[] {"a.test"},
                                "service",
                                Map.of("id", sid)))
                .json()
                .get("id")
                .asText();
        Resp r = api.patch("/routes/" + id, "{\"methods\":null,\"hosts\":null,\"paths\":[\"/updated-paths\"]}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("methods").isNull()).isTrue();
        assertThat(r.json().get("hosts").isNull()).isTrue();
        assertThat(r.json().get("paths")).isEqualTo(AdminClient.parse("[\"/updated-paths\"]"));
        Resp empty = api.patch("/routes/" + id, "{\"methods\":[],\"paths\":[],\"hosts\":[\"my-updated.tld\"]}");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.text()).contains("\"paths\":[]");
        Resp detach = api.patch("/routes/" + id, "{\"service\":null}");
        assertThat(detach.json().get("service").isNull()).isTrue();
        assertThat(api.patch("/routes/" + UUID.randomUUID(), Map.of("paths", new String[] {"/z"}))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void item25_deleteAndForeignDelete() {
        String sid = service(null);
        String name = "r-" + UUID.randomUUID();
        String id = api.post(
                        "/routes", Map.of("name", name, "paths", new String[] {"/d"}, "service", Map.of("id", sid)))
                .json()
                .get("id")
                .asText();
        Resp m = api.delete("/routes/" + id + "/service");
        assertThat(m.status()).isEqualTo(405);
        assertThat(m.text()).isEqualTo("{\"message\":\"Method not allowed\"}");
        assertThat(api.delete("/routes/" + UUID.randomUUID() + "/service").status())
                .isEqualTo(404);
        Resp d = api.delete("/routes/" + name);
        assertThat(d.status()).isEqualTo(204);
        assertThat(d.text()).isEmpty();
        assertThat(api.delete("/routes/" + id).status()).isEqualTo(204);
    }

    @Test
    void item26_foreignEntityEndpoint() {
        String sid = service(null);
        String rid = api.post("/routes", Map.of("paths", new String[] {"/f"}, "service", Map.of("id", sid)))
                .json()
                .get("id")
                .asText();
        Resp get = api.get("/routes/" + rid + "/service");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.json().get("id").asText()).isEqualTo(sid);
        Resp put = api.put("/routes/" + rid + "/service", Map.of("host", "replaced.test"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("id").asText()).isEqualTo(sid);
        assertThat(put.json().get("host").asText()).isEqualTo("replaced.test");
        Resp patch = api.patch("/routes/" + rid + "/service", Map.of("port", 8080));
        assertThat(patch.json().get("port").asInt()).isEqualTo(8080);
        Resp bad = api.put("/routes/" + rid + "/service", Map.of("connect_timeout", "abc"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText())
                .isEqualTo("2 schema violations (connect_timeout: expected an integer; host: required field missing)");

        String lone = api.post("/routes", Map.of("paths", new String[] {"/lone"}))
                .json()
                .get("id")
                .asText();
        assertThat(api.get("/routes/" + lone + "/service").status()).isEqualTo(404);
        Resp created = api.put("/routes/" + lone + "/service", Map.of("host", "new.test"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(api.get("/routes/" + lone).json().get("service").get("id"))
                .isEqualTo(created.json().get("id"));
    }

    @Test
    void pathValidation() {
        Resp r = api.post("/routes", Map.of("paths", new String[] {"/a/../b"}));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("fields").get("paths").get(0).asText())
                .isEqualTo("non-normalized path, consider use '/b' instead");
        Resp regex = api.post("/routes", Map.of("paths", new String[] {"~/api/(?<version>v\\d+)"}));
        assertThat(regex.status()).isEqualTo(201);
        Resp host = api.post("/routes", Map.of("hosts", new String[] {"a.*.test"}));
        assertThat(host.status()).isEqualTo(400);
        assertThat(host.json().get("fields").get("hosts").get(0).asText())
                .isEqualTo("invalid wildcard: must be placed at leftmost or rightmost label");
        Resp hostHeader = api.post("/routes", AdminClient.parse("{\"headers\":{\"Host\":[\"x\"]}}"));
        assertThat(hostHeader.json().get("fields").get("headers").asText())
                .isEqualTo("cannot contain 'host' header, which must be specified in the 'hosts' attribute");
    }
}
