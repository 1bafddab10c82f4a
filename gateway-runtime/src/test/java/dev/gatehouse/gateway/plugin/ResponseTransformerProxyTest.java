package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * response-transformer over real sockets, after Kong's {@code kong/plugins/response-transformer/handler.lua},
 * {@code header_transformer.lua}, {@code body_transformer.lua} and {@code schema.lua}, and
 * {@code spec/03-plugins/15-response-transformer/} ({@code 01-header_transformer_spec.lua},
 * {@code 02-body_transformer_spec.lua}, {@code 04-filter_spec.lua}, {@code 05-big_response_body_spec.lua}).
 */
class ResponseTransformerProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    @AfterEach
    void plainUpstream() {
        upstream.behave(UpstreamServer::ok);
    }

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "response-transformer", config);
        return host;
    }

    /** The upstream answers {@code body} with the given headers (name, value pairs; repeated names add). */
    private void upstreamAnswers(String body, String... headers) {
        upstream.behave((ex, seen) -> {
            for (int i = 0; i < headers.length; i += 2) {
                ex.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
    }

    @Test
    void headersAreRemovedRenamedReplacedAddedAndAppended() {
        String host = routeWith(Map.of(
                "remove", Map.of("headers", List.of("x-to-remove")),
                "rename", Map.of("headers", List.of("x-old:x-new")),
                "replace", Map.of("headers", List.of("x-to-replace:replaced", "x-absent:never")),
                "add", Map.of("headers", List.of("x-added:a1", "x-existing:not-added", "x-to-remove:added")),
                "append", Map.of("headers", List.of("x-existing:appended"))));
        upstreamAnswers(
                "hello",
                "Content-Type",
                "text/plain",
                "X-To-Remove",
                "gone",
                "X-Old",
                "o1",
                "X-Old",
                "o2",
                "X-To-Replace",
                "original",
                "X-Existing",
                "kept");
        HttpResponse<String> r = proxy.get("/", "Host", host);
        Map<String, List<String>> h = ProxyClient.headers(r);
        // add looks at the headers as they were before remove ran, so x-to-remove is not added back
        assertThat(h)
                .doesNotContainKey("x-to-remove")
                .doesNotContainKey("x-old")
                .doesNotContainKey("x-absent");
        assertThat(h.get("x-new")).containsExactly("o1", "o2");
        assertThat(h.get("x-to-replace")).containsExactly("replaced");
        assertThat(h.get("x-added")).containsExactly("a1");
        assertThat(h.get("x-existing")).containsExactly("kept", "appended");
        assertThat(r.body()).isEqualTo("hello");
        assertThat(h.get("content-length")).containsExactly("5");
    }

    @Test
    void jsonBodyIsTransformedWithJsonTypes() throws Exception {
        String host = routeWith(Map.of(
                "remove",
                Map.of("json", List.of("secret")),
                "rename",
                Map.of("json", List.of("user:username")),
                "replace",
                Map.of("json", List.of("count:7", "off:on"), "json_types", List.of("number")),
                "add",
                Map.of(
                        "json",
                        List.of("flag:true", "ratio:0.5", "path:/a \"b\"", "off:added", "nothing:"),
                        "json_types",
                        List.of("boolean", "number", "string")),
                "append",
                Map.of(
                        "json",
                        List.of("tags:b", "one:two", "num:3"),
                        "json_types",
                        List.of("string", "string", "number"))));
        upstreamAnswers(
                "{\"user\":\"ann\",\"secret\":1,\"count\":1,\"off\":false,\"tags\":[\"a\"],\"one\":\"first\",\"num\":5}",
                "Content-Type",
                "application/json; charset=utf-8");
        HttpResponse<String> r = proxy.get("/", "Host", host);
        JsonNode b = Json.MAPPER.readTree(r.body());
        assertThat(b.has("secret")).isFalse();
        assertThat(b.get("username").asText()).isEqualTo("ann");
        assertThat(b.get("count").isIntegralNumber()).isTrue();
        assertThat(b.get("count").asInt()).isEqualTo(7);
        assertThat(b.get("off").asText()).isEqualTo("added"); // false is not replaced but is added over
        assertThat(b.get("flag").isBoolean()).isTrue();
        assertThat(b.get("ratio").asDouble()).isEqualTo(0.5);
        assertThat(b.get("path").asText()).isEqualTo("/a \"b\"");
        assertThat(b.get("nothing").asText()).isEqualTo("null"); // json_value(nil) is cjson's "null" text
        assertThat(b.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(b.get("one").toString()).isEqualTo("[\"first\",\"two\"]");
        assertThat(b.get("num").toString()).isEqualTo("[3]");
        // header_filter removed the upstream's Content-Length: the new body goes out chunked
        assertThat(ProxyClient.header(r, "Content-Length")).isNull();
    }

    @Test
    void plusJsonTypesAreTransformedAndInvalidJsonIsLeftAlone() {
        String host = routeWith(Map.of("add", Map.of("json", List.of("added:yes"))));
        upstreamAnswers("{\"a\":1}", "Content-Type", "application/problem+json");
        assertThat(proxy.get("/", "Host", host).body()).isEqualTo("{\"a\":1,\"added\":\"yes\"}");
        upstreamAnswers("{not json", "Content-Type", "application/json");
        assertThat(proxy.get("/", "Host", host).body()).isEqualTo("{not json");
        upstreamAnswers("{\"a\":1}", "Content-Type", "text/plain");
        HttpResponse<String> text = proxy.get("/", "Host", host);
        assertThat(text.body()).isEqualTo("{\"a\":1}");
        assertThat(ProxyClient.header(text, "Content-Length")).isEqualTo("7");
    }

    @Test
    void aNonJsonResponseStreamsThroughUnbuffered() throws Exception {
        String host = routeWith(Map.of("add", Map.of("json", List.of("added:yes"))));
        CountDownLatch firstPartRead = new CountDownLatch(1);
        upstream.behave((HttpExchange ex, UpstreamServer.Seen seen) -> {
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                out.write("first-part|".getBytes(StandardCharsets.UTF_8));
                out.flush();
                // the rest only once the client has the first part: a buffering proxy would never deliver it
                if (!firstPartRead.await(10, TimeUnit.SECONDS)) {
                    throw new IOException("client never got the first part");
                }
                out.write("rest".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (Socket socket = new Socket(
                GW.gateway().proxyListen().getAddress(),
                GW.gateway().proxyListen().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "first-part|");
            assertThat(head).startsWith("HTTP/1.1 200");
            firstPartRead.countDown();
            assertThat(readUntil(in, "0\r\n\r\n")).contains("rest");
        }
    }

    @Test
    void kongsOwnResponsesGoThroughTheBodyFilterToo() throws Exception {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins", "request-termination", Map.of("status_code", 403, "message", "no"));
        setup.plugin(
                "/routes/" + route + "/plugins",
                "response-transformer",
                Map.of("add", Map.of("json", List.of("extra:1"), "headers", List.of("x-t:1"))));
        HttpResponse<String> r = proxy.get("/", "Host", host);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Json.MAPPER.readTree(r.body()).toString()).isEqualTo("{\"message\":\"no\",\"extra\":\"1\"}");
        assertThat(ProxyClient.header(r, "x-t")).isEqualTo("1");
        assertThat(ProxyClient.header(r, "Content-Length"))
                .isEqualTo(Integer.toString(r.body().length()));
    }

    @Test
    void aOneMegabyteJsonBodyIsTransformed() throws Exception {
        // 05-big_response_body_spec.lua: a 1 MiB field, then remove and add on it
        String host = routeWith(
                Map.of("add", Map.of("json", List.of("added:yes")), "remove", Map.of("json", List.of("drop"))));
        String big = "*".repeat(1024 * 1024);
        upstreamAnswers("{\"big_field\":\"" + big + "\",\"drop\":1}", "Content-Type", "application/json");
        JsonNode b = Json.MAPPER.readTree(proxy.get("/", "Host", host).body());
        assertThat(b.get("big_field").asText()).hasSize(1024 * 1024);
        assertThat(b.get("added").asText()).isEqualTo("yes");
        assertThat(b.has("drop")).isFalse();
    }

    @Test
    void aBodyBeyondTheHoldLimitStreamsOnUntransformed() throws Exception {
        // the held body is bounded (16 MiB): a larger JSON body is sent as it came, whole, chunked
        String host = routeWith(Map.of("add", Map.of("json", List.of("added:yes"))));
        String big = "{\"big_field\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        upstreamAnswers(big, "Content-Type", "application/json");
        HttpResponse<String> r = proxy.get("/", "Host", host);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).hasSize(big.length()).isEqualTo(big);
        assertThat(ProxyClient.header(r, "Content-Length")).isNull();
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created = admin.post(
                "/plugins",
                Map.of("name", "response-transformer", "route", Map.of("id", setup.routeOnHost(Setup.host()))));
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json().get("config");
        assertThat(c.get("remove").toString()).isEqualTo("{\"json\":[],\"headers\":[]}");
        assertThat(c.get("rename").toString()).isEqualTo("{\"json\":[],\"headers\":[]}");
        assertThat(c.get("add").toString()).isEqualTo("{\"json\":[],\"json_types\":[],\"headers\":[]}");
        assertThat(created.json().get("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        assertThat(PluginRegistry.discover().get("response-transformer").priority())
                .isEqualTo(800);

        AdminClient.Resp badType = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "response-transformer",
                        "config",
                        Map.of("add", Map.of("json_types", List.of("table")))));
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().at("/fields/config/add/json_types").toString())
                .contains("expected one of: boolean, number, string");
        AdminClient.Resp badRename = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "response-transformer",
                        "config",
                        Map.of("rename", Map.of("headers", List.of("a:b c")))));
        assertThat(badRename.status()).isEqualTo(400);
        assertThat(badRename.json().at("/fields/config/rename/headers").toString())
                .contains("'b c' is not a valid header");
        AdminClient.Resp noColon = admin.post(
                "/plugins",
                Map.of("name", "response-transformer", "config", Map.of("add", Map.of("headers", List.of("novalue")))));
        assertThat(noColon.status()).isEqualTo(400);
        assertThat(noColon.json().at("/fields/config/add/headers").toString()).contains("invalid value: novalue");
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
                    - name: response-transformer
                      config:
                        add:
                          headers: ["x-from-deck:yes"]
                """.formatted(upstream.url(), host);
        AdminClient.Resp r = admin.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
        assertThat(ProxyClient.header(proxy.get("/", "Host", host), "x-from-deck"))
                .isEqualTo("yes");
    }

    /** Reads until {@code marker} arrived (a read timeout fails the test). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while (sb.indexOf(marker) < 0 && (c = in.read()) >= 0) {
            sb.append((char) c);
        }
        return sb.toString();
    }
}
