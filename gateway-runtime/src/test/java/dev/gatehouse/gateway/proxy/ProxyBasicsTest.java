package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.RawUpstream;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The proxy path without plugins: upstream request headers and Kong's response headers
 * ({@code kong/templates/nginx_kong.lua}, {@code kong/runloop/handler.lua}), strip_path / preserve_host, keep-alive
 * pooling, and every Kong error of the proxy port (reference section 3.3).
 */
class ProxyBasicsTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    private String service(String url, Object... extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "svc-" + UUID.randomUUID(), "url", url));
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        AdminClient.Resp r = admin.post("/services", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private String route(String serviceId, Object... fields) {
        Map<String, Object> body = new java.util.HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        if (serviceId != null) {
            body.put("service", Map.of("id", serviceId));
        }
        AdminClient.Resp r = admin.post("/routes", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
        return r.json().get("id").asText();
    }

    @Test
    void proxiesWithKongUpstreamAndResponseHeaders() {
        UpstreamServer up = GW.upstream();
        String sid = service(up.url());
        route(sid, "paths", new String[] {"/basic"}, "strip_path", false);
        HttpResponse<String> r = proxy.get(
                "/basic/echo?x=1&y=a%20b",
                "X-Forwarded-For",
                "10.0.0.1",
                "Via",
                "1.0 client-proxy",
                "X-Forwarded-Proto",
                "spoofed",
                "X-Forwarded-Prefix",
                "/spoofed");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"counter\":1}");
        UpstreamServer.Seen seen = up.last();
        assertThat(seen.uri()).isEqualTo("/basic/echo?x=1&y=a%20b");
        assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + up.port());
        assertThat(seen.header("Via")).isEqualTo("1.0 client-proxy, 1.1 kong/3.9.1");
        assertThat(seen.header("X-Forwarded-For")).isEqualTo("10.0.0.1, 127.0.0.1");
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seen.header("X-Forwarded-Host")).isEqualTo("127.0.0.1");
        assertThat(seen.header("X-Forwarded-Port"))
                .isEqualTo(String.valueOf(GW.gateway().proxyListen().getPort()));
        assertThat(seen.header("X-Forwarded-Path")).isEqualTo("/basic/echo");
        assertThat(seen.header("X-Forwarded-Prefix")).isNull(); // untrusted client value removed, strip_path=false
        assertThat(seen.header("X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(seen.header("X-Kong-Request-Id"))
                .matches("^[0-9a-f]{32}$")
                .isEqualTo(ProxyClient.header(r, "X-Kong-Request-Id"));
        assertThat(seen.header("Connection")).isEqualToIgnoringCase("keep-alive");
        assertThat(ProxyClient.header(r, "Via")).isEqualTo("1.1 kong/3.9.1");
        assertThat(ProxyClient.header(r, "X-Kong-Upstream-Latency")).matches("\\d+");
        assertThat(ProxyClient.header(r, "X-Kong-Proxy-Latency")).matches("\\d+");
        assertThat(ProxyClient.header(r, "Content-Type")).isEqualTo("application/json");
    }

    @Test
    void stripPathPreserveHostAndServicePath() {
        UpstreamServer up = GW.upstream();
        String sid = service(up.url() + "/base");
        route(sid, "paths", new String[] {"/strip"}, "hosts", new String[] {"strip.test"}, "preserve_host", true);
        HttpResponse<String> r = proxy.get("/strip/path/to/resource", "Host", "strip.test");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(up.last().uri()).isEqualTo("/base/path/to/resource");
        assertThat(up.last().header("Host")).isEqualTo("strip.test");
        assertThat(up.last().header("X-Forwarded-Prefix")).isEqualTo("/strip");
        assertThat(up.last().header("X-Forwarded-Host")).isEqualTo("strip.test");
        proxy.get("/strip", "Host", "strip.test");
        assertThat(up.last().uri()).isEqualTo("/base");
    }

    @Test
    void regexRouteStripsTheWholeMatch() {
        UpstreamServer up = GW.upstream();
        String sid = service(up.url());
        route(sid, "paths", new String[] {"~/api/v\\d+/things"}, "methods", new String[] {"GET"});
        assertThat(proxy.get("/api/v2/things/7").statusCode()).isEqualTo(200);
        assertThat(up.last().uri()).isEqualTo("/7");
        assertThat(proxy.send("POST", "/api/v2/things/7", "x").statusCode()).isEqualTo(404);
    }

    @Test
    void noRouteIs404WithKongBodyByAccept() throws Exception {
        HttpResponse<String> json = proxy.get("/nothing-here-" + UUID.randomUUID());
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.header(json, "Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = AdminClient.parse(json.body());
        assertThat(body.get("message").asText()).isEqualTo("no Route matched with those values");
        assertThat(body.get("request_id").asText())
                .isEqualTo(ProxyClient.header(json, "X-Kong-Request-Id"))
                .matches("[0-9a-f]{32}");
        assertThat(ProxyClient.header(json, "Server")).isEqualTo("kong/3.9.1");
        assertThat(ProxyClient.header(json, "X-Kong-Response-Latency")).matches("\\d+");
        HttpResponse<String> html = proxy.get("/nothing", "Accept", "text/html");
        assertThat(ProxyClient.header(html, "Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.body()).contains("<p>no Route matched with those values.</p>");
        HttpResponse<String> text = proxy.get("/nothing", "Accept", "text/plain;q=0.9, application/xml;q=0.2");
        assertThat(text.body()).startsWith("no Route matched with those values\nrequest_id: ");
        HttpResponse<String> xml = proxy.get("/nothing", "Accept", "application/xml");
        assertThat(xml.body()).contains("<message>no Route matched with those values</message>");
    }

    @Test
    void routeWithoutServiceIs503() {
        route(null, "paths", new String[] {"/no-service"});
        HttpResponse<String> r = proxy.get("/no-service");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(AdminClient.parse(r.body()).get("message").asText()).isEqualTo("no Service found with those values");
    }

    @Test
    void refusedConnectionIs502AfterRetries() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String sid = service("http://127.0.0.1:" + closedPort, "retries", 2);
        route(sid, "paths", new String[] {"/refused"});
        HttpResponse<String> r = proxy.get("/refused", "Accept", "*/*");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(AdminClient.parse(r.body()).get("message").asText())
                .isEqualTo("An invalid response was received from the upstream server");
        // nginx-level errors fall back to error_default_type (text/plain) without Accept
        HttpResponse<String> plain = proxy.get("/refused");
        assertThat(ProxyClient.header(plain, "Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    /**
     * Headers the upstream's {@code Connection} names are hop-by-hop (RFC 9110 section 7.6.1) and not forwarded; the
     * usual {@code Connection: keep-alive}, in any case, names none and leaves every header in place.
     */
    @Test
    void responseHeadersTheUpstreamsConnectionNamesAreNotForwarded() throws Exception {
        for (String connection : List.of("Keep-Alive, X-Hop", "x-hop", "KEEP-ALIVE", "close")) {
            try (RawUpstream raw = RawUpstream.start(head -> "HTTP/1.1 200 OK\r\nConnection: " + connection
                    + "\r\nX-Hop: 1\r\nX-End: 2\r\nContent-Length: 2\r\n\r\nok")) {
                String sid = service("http://127.0.0.1:" + raw.port(), "retries", 0);
                String path = "/hop-" + UUID.randomUUID();
                route(sid, "paths", new String[] {path});
                GW.synced();
                RawConnection.Response r = RawConnection.exchange(
                        GW.gateway().proxyListen(), "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(r.status()).as(connection).isEqualTo(200);
                assertThat(r.header("X-End")).as(connection).isEqualTo("2");
                assertThat(r.header("X-Hop"))
                        .as(connection)
                        .isEqualTo(connection.toLowerCase(java.util.Locale.ROOT).contains("x-hop") ? null : "1");
            }
        }
    }

    @Test
    void invalidUpstreamResponseIs502() throws Exception {
        try (RawUpstream raw = RawUpstream.start(head -> "this is not HTTP\r\n\r\n")) {
            String sid = service("http://127.0.0.1:" + raw.port(), "retries", 0);
            route(sid, "paths", new String[] {"/garbage"});
            assertThat(proxy.get("/garbage", "Accept", "application/json").statusCode())
                    .isEqualTo(502);
        }
    }

    @Test
    void slowUpstreamIs504() throws Exception {
        UpstreamServer slow = UpstreamServer.start();
        try {
            slow.behave((ex, seen) -> {
                try {
                    // the behaviour under test, not synchronisation: an upstream slower than the 300 ms read_timeout,
                    // which
                    // would still answer 200 in time for the assertion to catch a timeout that never fired
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                UpstreamServer.ok(ex, seen);
            });
            String sid = service(slow.url(), "retries", 0, "read_timeout", 300);
            route(sid, "paths", new String[] {"/slow"});
            HttpResponse<String> r = proxy.get("/slow", "Accept", "application/json");
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(AdminClient.parse(r.body()).get("message").asText())
                    .isEqualTo("The upstream server is timing out");
        } finally {
            slow.close();
        }
    }

    @Test
    void unresolvableHostIs503() {
        String sid = service("http://no-such-host.invalid", "retries", 0);
        route(sid, "paths", new String[] {"/dns"});
        HttpResponse<String> r = proxy.get("/dns", "Accept", "application/json");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(AdminClient.parse(r.body()).get("message").asText()).isEqualTo("name resolution failed");
    }

    @Test
    void disabledServiceRoutesAreNotRouted() {
        UpstreamServer up = GW.upstream();
        String sid = service(up.url());
        route(sid, "paths", new String[] {"/disabled"});
        assertThat(proxy.get("/disabled").statusCode()).isEqualTo(200);
        assertThat(admin.patch("/services/" + sid, Map.of("enabled", false)).status())
                .isEqualTo(200);
        GW.synced();
        assertThat(proxy.get("/disabled").statusCode()).isEqualTo(404);
    }

    @Test
    void upstreamConnectionsAreKeptAlive() throws Exception {
        try (RawUpstream raw = RawUpstream.start(
                head -> "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok")) {
            String sid = service("http://127.0.0.1:" + raw.port());
            route(sid, "paths", new String[] {"/pooled"});
            for (int i = 0; i < 20; i++) {
                assertThat(proxy.get("/pooled").body()).isEqualTo("ok");
            }
            assertThat(raw.requests()).isEqualTo(20);
            assertThat(raw.connections()).isLessThanOrEqualTo(2); // one per event loop at most
        }
    }

    @Test
    void headResponsesEndAtTheirHeadOnAPooledUpstreamConnection() throws Exception {
        // RFC 9112 section 6.3: a response to HEAD has no body, whatever its Content-Length says. The upstream
        // connection's decoder must know which request each response answers, or it would take the next response
        // for the HEAD response's five bytes of body.
        try (RawUpstream raw = RawUpstream.start(head -> head.startsWith("HEAD ")
                        ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello");
                RawConnection client = new RawConnection(GW.gateway().proxyListen())) {
            String sid = service("http://127.0.0.1:" + raw.port());
            route(sid, "paths", new String[] {"/head-then-get"});
            for (int i = 0; i < 3; i++) {
                client.send("HEAD /head-then-get HTTP/1.1\r\nHost: h\r\n\r\n");
                RawConnection.Response head = client.readHead();
                assertThat(head.status()).isEqualTo(200);
                assertThat(head.header("Content-Length")).isEqualTo("5");
                client.send("GET /head-then-get HTTP/1.1\r\nHost: h\r\n\r\n");
                RawConnection.Response get = client.read();
                assertThat(get.status()).isEqualTo(200);
                assertThat(get.body()).isEqualTo("hello");
            }
            assertThat(raw.requests()).isEqualTo(6);
            assertThat(raw.connections()).isEqualTo(1); // one client connection stays on one event loop
        }
    }

    @Test
    void closeDelimitedAndChunkedUpstreamBodies() throws Exception {
        try (RawUpstream raw = RawUpstream.start(
                head -> "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbye" + RawUpstream.CLOSE)) {
            String sid = service("http://127.0.0.1:" + raw.port());
            route(sid, "paths", new String[] {"/close-delimited"});
            HttpResponse<String> r = proxy.get("/close-delimited");
            assertThat(r.body()).isEqualTo("bye");
            assertThat(ProxyClient.header(r, "Transfer-Encoding")).isEqualTo("chunked"); // keeps the client alive
            assertThat(proxy.get("/close-delimited").body()).isEqualTo("bye");
            assertThat(raw.connections()).isEqualTo(2); // a close-delimited upstream connection is never reused
        }
        try (RawUpstream raw = RawUpstream.start(
                head -> "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")) {
            String sid = service("http://127.0.0.1:" + raw.port());
            route(sid, "paths", new String[] {"/chunked"});
            assertThat(proxy.get("/chunked").body()).isEqualTo("hello world");
        }
    }

    @Test
    void boundProxyAddressIsExposed() {
        assertThat(GW.gateway().proxyListen().getPort()).isPositive();
        assertThat(GW.gateway().proxyUrl())
                .isEqualTo("http://127.0.0.1:" + GW.gateway().proxyListen().getPort());
        assertThat(GW.gateway().proxyListeners()).hasSize(1);
    }
}
