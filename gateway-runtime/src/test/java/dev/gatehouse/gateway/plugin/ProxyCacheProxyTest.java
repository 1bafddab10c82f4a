package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * proxy-cache (strategy memory) over real sockets, after Kong's {@code kong/plugins/proxy-cache/handler.lua},
 * {@code cache_key.lua}, {@code schema.lua} and {@code api.lua}, and {@code spec/03-plugins/31-proxy-cache/}
 * ({@code 02-access_spec.lua}, {@code 03-api_spec.lua}, {@code 05-cache_key_spec.lua}): Miss, Hit, Refresh and Bypass,
 * the cache key, Cache-Control, the diagnostic headers and the Admin API.
 */
class ProxyCacheProxyTest {

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

    private record Cached(String host, String routeId, String pluginId) {}

    private Cached routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        Map<String, Object> c = new HashMap<>(config);
        c.putIfAbsent("strategy", "memory");
        String plugin = setup.plugin("/routes/" + route + "/plugins", "proxy-cache", c);
        return new Cached(host, route, plugin);
    }

    /** Counts the upstream's requests for these paths (each test uses paths of its own). */
    private long upstreamCalls(String... paths) {
        List<String> wanted = List.of(paths);
        return upstream.all().stream()
                .filter(s -> wanted.contains(s.uri().replaceAll("\\?.*", "")))
                .count();
    }

    @Test
    void missThenHitWithKongsCacheKey() throws Exception {
        Cached c = routeWith(Map.of());
        HttpResponseView first = get(c.host(), "/cache?b=2&a=1");
        assertThat(first.status()).isEqualTo("Miss");
        // cache_key.lua: sha256("route_id|GET|<request line up to '?'>|a=1:b=2|")
        assertThat(first.key()).isEqualTo(sha256(c.routeId() + "|GET|GET /cache|a=1:b=2|"));
        HttpResponseView second = get(c.host(), "/cache?a=1&b=2");
        assertThat(second.status()).isEqualTo("Hit");
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.age()).matches("\\d+");
        assertThat(second.response().get("content-type")).containsExactly("application/json");
        assertThat(upstreamCalls("/cache")).isEqualTo(1);
        // without a query the request line keeps its protocol
        assertThat(get(c.host(), "/cache").key()).isEqualTo(sha256(c.routeId() + "|GET|GET /cache HTTP/1.1||"));
    }

    @Test
    void notCacheableRequestsAndResponsesBypass() {
        Cached c = routeWith(Map.of());
        assertThat(send("POST", c.host(), "/p", "x").status()).isEqualTo("Bypass");
        // the content type must match exactly: parameters too
        upstream.behave((ex, seen) -> answer(ex, 200, "application/json; charset=utf-8", "{}", Map.of()));
        assertThat(get(c.host(), "/ct").status()).isEqualTo("Bypass");
        assertThat(get(c.host(), "/ct").status()).isEqualTo("Bypass");
        upstream.behave((ex, seen) -> answer(ex, 500, "application/json", "{}", Map.of()));
        assertThat(get(c.host(), "/500").status()).isEqualTo("Bypass");
        assertThat(upstreamCalls("/p", "/ct", "/500")).isEqualTo(4);
    }

    @Test
    void aResponseThatWillNotBeStoredStreamsThroughUnbuffered() throws Exception {
        Cached c = routeWith(Map.of());
        CountDownLatch firstPartRead = new CountDownLatch(1);
        upstream.behave((ex, seen) -> {
            ex.getResponseHeaders().set("Content-Type", "text/html"); // not in content_type: Bypass, not held
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("first-part|".getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (!firstPartRead.await(10, TimeUnit.SECONDS)) {
                    throw new java.io.IOException("client never got the first part");
                }
                out.write("rest".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        InetSocketAddress proxyAddress = GW.gateway().proxyListen();
        try (Socket socket = new Socket(proxyAddress.getAddress(), proxyAddress.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET /stream HTTP/1.1\r\nHost: " + c.host() + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = readUntil(in, "first-part|");
            assertThat(head).startsWith("HTTP/1.1 200").contains("X-Cache-Status: Bypass");
            firstPartRead.countDown();
            assertThat(readUntil(in, "0\r\n\r\n")).contains("rest");
        }
    }

    /** Reads until {@code marker} arrived (a read timeout fails the test). */
    private static String readUntil(InputStream in, String marker) throws java.io.IOException {
        StringBuilder sb = new StringBuilder();
        int ch;
        while (sb.indexOf(marker) < 0 && (ch = in.read()) >= 0) {
            sb.append((char) ch);
        }
        return sb.toString();
    }

    @Test
    void staleEntriesAreRefreshed() throws Exception {
        // kept in storage for storage_ttl, served for cache_ttl; without storage_ttl the entry leaves storage at
        // cache_ttl, so it is a Miss again, not a Refresh
        Cached kept = routeWith(Map.of("cache_ttl", 1, "storage_ttl", 30));
        Cached dropped = routeWith(Map.of("cache_ttl", 1));
        assertThat(get(kept.host(), "/ttl").status()).isEqualTo("Miss");
        assertThat(get(kept.host(), "/ttl").status()).isEqualTo("Hit");
        assertThat(get(dropped.host(), "/ttl2").status()).isEqualTo("Miss");
        assertThat(get(dropped.host(), "/ttl2").status()).isEqualTo("Hit");
        Thread.sleep(2100); // ngx.time() has whole seconds: "time() - res.timestamp > conf.cache_ttl"
        assertThat(get(kept.host(), "/ttl").status()).isEqualTo("Refresh");
        assertThat(get(kept.host(), "/ttl").status()).isEqualTo("Hit");
        assertThat(get(dropped.host(), "/ttl2").status()).isEqualTo("Miss");
        assertThat(upstreamCalls("/ttl")).isEqualTo(2);
    }

    @Test
    void cacheControlIsRespectedWhenEnabled() {
        Cached c = routeWith(Map.of("cache_control", true));
        upstream.behave((ex, seen) -> answer(ex, 200, "application/json", "{}", Map.of("Cache-Control", "max-age=60")));
        assertThat(get(c.host(), "/cc").status()).isEqualTo("Miss");
        assertThat(get(c.host(), "/cc").status()).isEqualTo("Hit");
        assertThat(get(c.host(), "/cc", "Cache-Control", "no-cache").status()).isEqualTo("Bypass");
        assertThat(get(c.host(), "/cc", "Cache-Control", "min-fresh=120").status())
                .isEqualTo("Refresh");
        // "only-if-cached" on a miss: 504
        HttpResponseView only = get(c.host(), "/nothing-here", "Cache-Control", "only-if-cached");
        assertThat(only.code()).isEqualTo(504);
        // responses: private and a zero TTL are not stored
        upstream.behave((ex, seen) ->
                answer(ex, 200, "application/json", "{}", Map.of("Cache-Control", "private, max-age=60")));
        assertThat(get(c.host(), "/private").status()).isEqualTo("Bypass");
        upstream.behave((ex, seen) -> answer(ex, 200, "application/json", "{}", Map.of("Cache-Control", "max-age=0")));
        assertThat(get(c.host(), "/zero").status()).isEqualTo("Bypass");
        assertThat(get(c.host(), "/zero").status()).isEqualTo("Bypass");
    }

    @Test
    void varyHeadersAndQueryParamsShapeTheKey() throws Exception {
        Cached c = routeWith(Map.of("vary_headers", List.of("X-Tenant"), "vary_query_params", List.of("page")));
        String a = get(c.host(), "/v?page=1&noise=1", "X-Tenant", "acme").key();
        // the uri part stops at '?' and only "page" counts: another "noise" is the same entry
        assertThat(get(c.host(), "/v?page=1&noise=2", "X-Tenant", "acme").status())
                .isEqualTo("Hit");
        assertThat(a).isEqualTo(sha256(c.routeId() + "|GET|GET /v|page=1|X-Tenant=acme"));
        assertThat(get(c.host(), "/v?page=1", "X-Tenant", "other").key()).isNotEqualTo(a);
    }

    @Test
    void theKeyNamesTheConsumerAndCanIgnoreUriCase() throws Exception {
        // cache_key.lua's prefix_uuid: "consumer_id:route_id" once key-auth (priority 1250) identified a consumer
        Cached c = routeWith(Map.of("ignore_uri_case", true));
        setup.plugin("/routes/" + c.routeId() + "/plugins", "key-auth", null);
        String consumer = setup.consumer("pc-" + Setup.host());
        setup.key(consumer, "pc-key-" + c.routeId());
        HttpResponseView r = get(c.host(), "/Mixed/Case", "apikey", "pc-key-" + c.routeId());
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.key()).isEqualTo(sha256(consumer + ":" + c.routeId() + "|GET|get /mixed/case http/1.1||"));
        assertThat(get(c.host(), "/mixed/CASE", "apikey", "pc-key-" + c.routeId())
                        .status())
                .isEqualTo("Hit");
    }

    @Test
    void diagnosticHeadersFollowResponseHeadersAndKongDebug() {
        Cached c = routeWith(
                Map.of("response_headers", Map.of("age", false, "X-Cache-Status", false, "X-Cache-Key", false)));
        assertThat(get(c.host(), "/d").response()).doesNotContainKeys("x-cache-status", "x-cache-key", "age");
        HttpResponseView hit = get(c.host(), "/d");
        assertThat(hit.response()).doesNotContainKeys("x-cache-status", "x-cache-key", "age");
        HttpResponseView debug = get(c.host(), "/d", "Kong-Debug", "1");
        assertThat(debug.status()).isEqualTo("Hit");
        assertThat(debug.key()).isNotNull();
        assertThat(debug.age()).isNotNull();
        assertThat(upstreamCalls("/d")).isEqualTo(1);
    }

    @Test
    void adminApiReadsAndPurgesEntries() {
        Cached c = routeWith(Map.of());
        String key = get(c.host(), "/admin-api").key();
        AdminClient.Resp read = admin.get("/proxy-cache/" + key);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().at("/headers/X-Cache-Key").asText()).isEqualTo(key);
        assertThat(read.json().get("status").asInt()).isEqualTo(200);
        assertThat(read.json().get("body").asText()).isEqualTo("{\"counter\":1}");
        assertThat(read.json().get("version").asInt()).isEqualTo(1);
        assertThat(admin.get("/proxy-cache/" + c.pluginId() + "/caches/" + key).status())
                .isEqualTo(200);
        assertThat(admin.delete("/proxy-cache/" + c.pluginId() + "/caches/" + key)
                        .status())
                .isEqualTo(204);
        assertThat(admin.get("/proxy-cache/" + c.pluginId() + "/caches/" + key).status())
                .isEqualTo(404);
        assertThat(get(c.host(), "/admin-api").status()).isEqualTo("Miss");
        assertThat(admin.delete("/proxy-cache/" + key).status()).isEqualTo(204);
        assertThat(admin.delete("/proxy-cache/" + key).status()).isEqualTo(404);
        assertThat(admin.get("/proxy-cache/" + key).status()).isEqualTo(404);
        assertThat(get(c.host(), "/admin-api").status()).isEqualTo("Miss");
        assertThat(admin.delete("/proxy-cache").status()).isEqualTo(204);
        assertThat(get(c.host(), "/admin-api").status()).isEqualTo("Miss");
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created = admin.post(
                "/plugins",
                Map.of(
                        "name", "proxy-cache",
                        "route", Map.of("id", setup.routeOnHost(Setup.host())),
                        "config", Map.of("strategy", "memory")));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode c = created.json().get("config");
        assertThat(c.get("response_code").toString()).isEqualTo("[200,301,404]");
        assertThat(c.get("request_method").toString()).isEqualTo("[\"GET\",\"HEAD\"]");
        assertThat(c.get("content_type").toString()).isEqualTo("[\"text/plain\",\"application/json\"]");
        assertThat(c.get("cache_ttl").asInt()).isEqualTo(300);
        assertThat(c.get("cache_control").asBoolean()).isFalse();
        assertThat(c.get("ignore_uri_case").asBoolean()).isFalse();
        assertThat(c.at("/memory/dictionary_name").asText()).isEqualTo("kong_db_cache");
        assertThat(c.get("response_headers").toString())
                .isEqualTo("{\"age\":true,\"X-Cache-Status\":true,\"X-Cache-Key\":true}");
        assertThat(c.get("storage_ttl").isNull()).isTrue();
        assertThat(PluginRegistry.discover().get("proxy-cache").priority()).isEqualTo(100);

        AdminClient.Resp noStrategy = admin.post("/plugins", Map.of("name", "proxy-cache"));
        assertThat(noStrategy.status()).isEqualTo(400);
        assertThat(noStrategy.json().at("/fields/config/strategy").asText()).isEqualTo("required field missing");
        AdminClient.Resp redis =
                admin.post("/plugins", Map.of("name", "proxy-cache", "config", Map.of("strategy", "redis")));
        assertThat(redis.json().at("/fields/config/strategy").asText()).isEqualTo("expected one of: memory");
        AdminClient.Resp noCodes = admin.post(
                "/plugins",
                Map.of("name", "proxy-cache", "config", Map.of("strategy", "memory", "response_code", List.of())));
        assertThat(noCodes.json().at("/fields/config/response_code").asText()).isEqualTo("length must be at least 1");
        AdminClient.Resp noDict = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "proxy-cache",
                        "config",
                        Map.of("strategy", "memory", "memory", Map.of("dictionary_name", "foo"))));
        assertThat(noDict.status()).isEqualTo(400);
        assertThat(noDict.text()).contains("missing shared dict 'foo'");
    }

    @Test
    void loadsFromADeclarativeFile() {
        String host = Setup.host();
        String yaml = """
                _format_version: "3.0"
                services:
                - name: pc-deck
                  url: %s
                  routes:
                  - name: pc-deck-route
                    hosts: [%s]
                    plugins:
                    - name: proxy-cache
                      config:
                        strategy: memory
                        cache_ttl: 60
                """.formatted(upstream.url(), host);
        AdminClient.Resp r = admin.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
        assertThat(get(host, "/deck").status()).isEqualTo("Miss");
        assertThat(get(host, "/deck").status()).isEqualTo("Hit");
    }

    // ---------------------------------------------------------------- helpers

    private record HttpResponseView(int code, Map<String, List<String>> response, String body) {
        String status() {
            return first("x-cache-status");
        }

        String key() {
            return first("x-cache-key");
        }

        String age() {
            return first("age");
        }

        private String first(String name) {
            List<String> v = response.get(name);
            return v == null ? null : v.get(0);
        }
    }

    private HttpResponseView get(String host, String path, String... headers) {
        return send("GET", host, path, null, headers);
    }

    private HttpResponseView send(String method, String host, String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Host";
        all[1] = host;
        System.arraycopy(headers, 0, all, 2, headers.length);
        var r = proxy.send(method, path, body, all);
        return new HttpResponseView(r.statusCode(), ProxyClient.headers(r), r.body());
    }

    private static void answer(
            com.sun.net.httpserver.HttpExchange ex, int status, String type, String body, Map<String, String> headers)
            throws java.io.IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }
}
