package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * request-transformer over real sockets, after Kong's {@code kong/plugins/request-transformer/access.lua} and
 * {@code schema.lua}, and {@code spec/03-plugins/36-request-transformer/01-schema_spec.lua} and
 * {@code 02-access_spec.lua}: headers, querystring, form and JSON bodies, multipart fields, http_method and the
 * {@code replace.uri} templates, checked on what a real upstream receives.
 */
class RequestTransformerProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private String routeWith(Map<String, Object> config, Object... routeFields) {
        String host = Setup.host();
        String route = setup.routeOnHost(host, routeFields);
        setup.plugin("/routes/" + route + "/plugins", "request-transformer", config);
        return host;
    }

    @Test
    void headersAreRemovedRenamedReplacedAddedAndAppended() {
        String host = routeWith(Map.of(
                "remove", Map.of("headers", List.of("x-to-remove")),
                "rename", Map.of("headers", List.of("x-old:x-new")),
                "replace", Map.of("headers", List.of("x-to-replace:replaced", "x-absent-replace:never")),
                "add", Map.of("headers", List.of("x-added:a1", "x-existing:not-added")),
                "append", Map.of("headers", List.of("x-existing:appended", "x-fresh:one"))));
        assertThat(proxy.get(
                                "/request",
                                "Host",
                                host,
                                "X-To-Remove",
                                "gone",
                                "X-Old",
                                "moved",
                                "X-To-Replace",
                                "original",
                                "X-Existing",
                                "kept")
                        .statusCode())
                .isEqualTo(200);
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.headers()).doesNotContainKey("x-to-remove").doesNotContainKey("x-old");
        assertThat(seen.header("x-new")).isEqualTo("moved");
        assertThat(seen.header("x-to-replace")).isEqualTo("replaced");
        assertThat(seen.headers()).doesNotContainKey("x-absent-replace");
        assertThat(seen.header("x-added")).isEqualTo("a1");
        assertThat(seen.headers().get("x-existing")).containsExactly("kept", "appended");
        assertThat(seen.header("x-fresh")).isEqualTo("one");
    }

    @Test
    void replacingHostSetsTheUpstreamHost() {
        // access.lua: "if headers[name] or name == HOST" (add never adds a host)
        String host = routeWith(Map.of("replace", Map.of("headers", List.of("host:rewritten.example"))));
        proxy.get("/", "Host", host);
        assertThat(upstream.last().header("Host")).isEqualTo("rewritten.example");
    }

    @Test
    void querystringOperationsAndSortedEncoding() {
        String host = routeWith(Map.of(
                "remove", Map.of("querystring", List.of("drop")),
                "rename", Map.of("querystring", List.of("old:new")),
                "replace", Map.of("querystring", List.of("swap:after", "missing:never")),
                "add", Map.of("querystring", List.of("added:x y", "swap:not-added")),
                "append", Map.of("querystring", List.of("multi:second"))));
        proxy.get("/q?zeta=1&drop=me&old=val&swap=before&multi=first", "Host", host);
        // Kong's set_query sends the names in sorted order
        assertThat(upstream.last().uri())
                .isEqualTo("/q?added=x%20y&multi=first&multi=second&new=val&swap=after&zeta=1");
    }

    @Test
    void formBodyIsTransformed() {
        String host = routeWith(Map.of(
                "remove", Map.of("body", List.of("secret")),
                "rename", Map.of("body", List.of("user:username")),
                "replace", Map.of("body", List.of("mode:strict")),
                "add", Map.of("body", List.of("source:gateway")),
                "append", Map.of("body", List.of("tag:b"))));
        String body = "user=ann&secret=s3&mode=loose&tag=a";
        proxy.send("POST", "/form", body, "Host", host, "Content-Type", "application/x-www-form-urlencoded");
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.body()).isEqualTo("mode=strict&tag=a&tag=b&username=ann&source=gateway");
        assertThat(seen.header("Content-Length"))
                .isEqualTo(Integer.toString(seen.body().length()));
    }

    @Test
    void jsonBodyIsTransformedWithLuaTruthiness() throws Exception {
        String host = routeWith(Map.of(
                "remove", Map.of("body", List.of("secret")),
                "rename", Map.of("body", List.of("user:username")),
                "replace", Map.of("body", List.of("mode:strict", "off:on")),
                "add", Map.of("body", List.of("source:gateway", "off:added")),
                "append", Map.of("body", List.of("tags:b", "one:two", "num:x"))));
        String body = "{\"user\":\"ann\",\"secret\":1,\"mode\":\"loose\",\"off\":false,\"tags\":[\"a\"],"
                + "\"one\":\"first\",\"num\":5}";
        proxy.send("POST", "/json", body, "Host", host, "Content-Type", "application/json");
        JsonNode sent = Json.MAPPER.readTree(upstream.last().body());
        assertThat(sent.has("secret")).isFalse();
        assertThat(sent.get("username").asText()).isEqualTo("ann");
        assertThat(sent.get("mode").asText()).isEqualTo("strict");
        // false is not replaced (access.lua: "if parameters[name]"), but is added over ("if not parameters[name]")
        assertThat(sent.get("off").asText()).isEqualTo("added");
        assertThat(sent.get("source").asText()).isEqualTo("gateway");
        assertThat(sent.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(sent.get("one").toString()).isEqualTo("[\"first\",\"two\"]");
        assertThat(sent.get("num").toString()).isEqualTo("[\"x\"]"); // append_value drops a non-string scalar
        assertThat(upstream.last().header("Content-Length"))
                .isEqualTo(Integer.toString(upstream.last().body().getBytes(StandardCharsets.UTF_8).length));
        // an empty JSON body gets the added fields; an invalid one is sent as it came
        proxy.send("POST", "/json", "", "Host", host, "Content-Type", "application/json");
        assertThat(Json.MAPPER.readTree(upstream.last().body()).get("source").asText())
                .isEqualTo("gateway");
        proxy.send("POST", "/json", "{not json", "Host", host, "Content-Type", "application/json");
        assertThat(upstream.last().body()).isEqualTo("{not json");
    }

    @Test
    void multipartFieldsAreAddedAndRemoved() {
        String host = routeWith(
                Map.of("remove", Map.of("body", List.of("drop")), "add", Map.of("body", List.of("added:yes"))));
        String body = "--XYZ\r\nContent-Disposition: form-data; name=\"keep\"\r\n\r\nk\r\n"
                + "--XYZ\r\nContent-Disposition: form-data; name=\"drop\"\r\n\r\nd\r\n--XYZ--\r\n";
        proxy.send("POST", "/mp", body, "Host", host, "Content-Type", "multipart/form-data; boundary=XYZ");
        String sent = upstream.last().body();
        assertThat(sent).contains("name=\"keep\"\r\n\r\nk\r\n").contains("name=\"added\"\r\n\r\nyes\r\n");
        assertThat(sent).doesNotContain("name=\"drop\"");
    }

    @Test
    void httpMethodGetMovesAFormBodyIntoTheQuery() {
        String host = routeWith(Map.of("http_method", "GET"));
        proxy.send("POST", "/m?a=1", "b=2&a=3", "Host", host, "Content-Type", "application/x-www-form-urlencoded");
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.method()).isEqualTo("GET");
        assertThat(seen.uri()).isEqualTo("/m?a=1&a=3&b=2");
        String put = routeWith(Map.of("http_method", "PUT"));
        proxy.get("/m", "Host", put);
        assertThat(upstream.last().method()).isEqualTo("PUT");
    }

    @Test
    void replaceUriRendersCapturesHeadersAndQueryParams() {
        String host = routeWith(
                Map.of(
                        "replace",
                        Map.of(
                                "uri",
                                "/requests/user2/$(uri_captures.user2)/user1/$(uri_captures[\"user1\"])"
                                        + "/$(headers['x-tenant'])/$(query_params.q or 'none')/$(uri_captures[1])"),
                        "add",
                        Map.of(
                                "querystring",
                                List.of("missing:$(uri_captures.nope or \"default1\")", "h:$(headers.x_tenant)"))),
                "paths",
                List.of("~/requests/user1/(?<user1>\\w+)/user2/(?<user2>\\S+)"));
        proxy.get("/requests/user1/foo/user2/bar?q=20", "Host", host, "X-Tenant", "acme");
        assertThat(upstream.last().uri())
                .isEqualTo("/requests/user2/bar/user1/foo/acme/20/foo?h=acme&missing=default1&q=20");
        proxy.get("/requests/user1/foo/user2/bar", "Host", host, "X-Tenant", "acme");
        assertThat(upstream.last().uri()).startsWith("/requests/user2/bar/user1/foo/acme/none/foo?");
        // a placeholder naming nothing renders empty (penlight's tostring(expr or ''))
        String empty = routeWith(Map.of("add", Map.of("headers", List.of("x-cap:[$(uri_captures.none)]"))));
        proxy.get("/", "Host", empty);
        assertThat(upstream.last().header("x-cap")).isEqualTo("[]");
    }

    @Test
    void aTemplateWeCannotEvaluateFailsTheRequestAsALuaErrorDoes() {
        // spec: "should fail when uri template is not a proper expression" answers 500
        String host = routeWith(Map.of("replace", Map.of("uri", "/requests/$(10 * uri_captures.user1)")));
        upstream.clear();
        assertThat(proxy.get("/x", "Host", host).statusCode()).isEqualTo(500);
        assertThat(upstream.all()).isEmpty();
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created = admin.post(
                "/plugins",
                Map.of("name", "request-transformer", "route", Map.of("id", setup.routeOnHost(Setup.host()))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode config = created.json().get("config");
        assertThat(config.get("http_method").isNull()).isTrue();
        for (String op : List.of("remove", "rename", "replace", "add", "append")) {
            assertThat(config.get(op).get("headers").toString()).isEqualTo("[]");
            assertThat(config.get(op).get("body").toString()).isEqualTo("[]");
            assertThat(config.get(op).get("querystring").toString()).isEqualTo("[]");
        }
        assertThat(config.get("replace").get("uri").isNull()).isTrue();
        assertThat(priorityOf("request-transformer")).isEqualTo(801);

        AdminClient.Resp noValue = admin.post(
                "/plugins",
                Map.of("name", "request-transformer", "config", Map.of("add", Map.of("body", List.of("a")))));
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.json().at("/fields/config/add/body").toString()).contains("key 'a' has no value");
        AdminClient.Resp badHeader = admin.post(
                "/plugins",
                Map.of("name", "request-transformer", "config", Map.of("remove", Map.of("headers", List.of("a b")))));
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.json().at("/fields/config/remove/headers").toString())
                .contains("'a b' is not a valid header");
        AdminClient.Resp badRename = admin.post(
                "/plugins",
                Map.of("name", "request-transformer", "config", Map.of("rename", Map.of("headers", List.of("a:b c")))));
        assertThat(badRename.json().at("/fields/config/rename/headers").toString())
                .contains("'b c' is not a valid header");
        AdminClient.Resp badMethod =
                admin.post("/plugins", Map.of("name", "request-transformer", "config", Map.of("http_method", "get")));
        assertThat(badMethod.status()).isEqualTo(400);
        assertThat(badMethod.json().at("/fields/config/http_method").asText()).isEqualTo("invalid value: get");
    }

    @Test
    void loadsFromADeclarativeFile() {
        String host = Setup.host();
        String yaml = """
                _format_version: "3.0"
                services:
                - name: rt-deck
                  url: %s
                  routes:
                  - name: rt-deck-route
                    hosts: [%s]
                    plugins:
                    - name: request-transformer
                      config:
                        add:
                          headers: ["x-from-deck:yes"]
                """.formatted(upstream.url(), host);
        AdminClient.Resp r = admin.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
        proxy.get("/", "Host", host);
        assertThat(upstream.last().header("x-from-deck")).isEqualTo("yes");
    }

    private int priorityOf(String name) {
        return PluginRegistry.discover().get(name).priority();
    }
}
