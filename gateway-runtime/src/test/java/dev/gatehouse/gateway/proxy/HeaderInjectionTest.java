package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.LenientUpstream;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.RawUpstream;
import dev.gatehouse.gateway.support.Setup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Header injection through entity fields (issue 11): no header the proxy sends holds CR, LF or NUL. Kong writes what
 * its plugins set through OpenResty, which percent-escapes the bytes a header may not hold instead of refusing them
 * (lua-nginx-module {@code src/ngx_http_lua_util.c}: {@code ngx_http_lua_copy_escaped_header} with the
 * {@code header_value} map, used by {@code ngx.req.set_header} and {@code ngx.header} since v0.10.16; Kong's
 * {@code kong/pdk/private/checks.lua} {@code validate_header} only checks types), so a consumer named
 * {@code "a\r\nX-Consumer-Groups: admin"} arrives as one {@code X-Consumer-Username} header with {@code %0D%0A}.
 * An upstream response header holding NUL or a bare CR is "upstream sent invalid header" in nginx
 * ({@code ngx_http_parse_header_line}): 502.
 */
class HeaderInjectionTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();

    private InetSocketAddress proxy() {
        return GW.gateway().proxyListen();
    }

    @Test
    void consumerFieldsAndGroupsAreEscapedNotInjected() throws Exception {
        try (LenientUpstream upstream = LenientUpstream.start()) {
            String host = Setup.host();
            String sid = setup.service(upstream.url());
            String route = setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
            setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
            setup.plugin("/routes/" + route + "/plugins", "acl", Map.of("allow", List.of("g\r\nX-Injected: 1")));
            String tag = UUID.randomUUID().toString().substring(0, 8);
            String username = "u-" + tag + "\r\nX-Consumer-Groups: admin";
            String customId = "c-" + tag + "\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: " + host;
            String consumer = setup.consumer(username, "custom_id", customId);
            setup.key(consumer, "key-" + tag);
            assertThat(admin.post("/consumers/" + consumer + "/acls", Map.of("group", "g\r\nX-Injected: 1"))
                            .status())
                    .isEqualTo(201);
            GW.synced();

            RawConnection.Response r = RawConnection.exchange(
                    proxy(), "GET /who HTTP/1.1\r\nHost: " + host + "\r\napikey: key-" + tag + "\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("/who");
            assertThat(upstream.requests()).hasSize(1);
            LenientUpstream.Request seen = upstream.requests().get(0);
            assertThat(seen.headers("X-Consumer-Username"))
                    .containsExactly("u-" + tag + "%0D%0AX-Consumer-Groups: admin");
            assertThat(seen.headers("X-Consumer-Custom-ID"))
                    .containsExactly("c-" + tag
                            + "%0D%0AContent-Length: 0%0D%0A%0D%0AGET /smuggled HTTP/1.1%0D%0AHost: " + host);
            assertThat(seen.headers("X-Consumer-Groups")).containsExactly("g%0D%0AX-Injected: 1");
            assertThat(seen.headers("X-Injected")).isEmpty();
            assertThat(seen.headers("Content-Length")).isEmpty();
            // a second request on the pooled upstream connection gets its own answer
            RawConnection.Response next = RawConnection.exchange(
                    proxy(), "GET /next HTTP/1.1\r\nHost: " + host + "\r\napikey: key-" + tag + "\r\n\r\n");
            assertThat(next.body()).isEqualTo("/next");
            assertThat(upstream.requests())
                    .extracting(LenientUpstream.Request::path)
                    .containsExactly("/who", "/next");
        }
    }

    @Test
    void responseHeadersSetByPluginsAreEscaped() throws Exception {
        try (LenientUpstream upstream = LenientUpstream.start()) {
            String host = Setup.host();
            String sid = setup.service(upstream.url());
            String route = setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
            setup.plugin(
                    "/routes/" + route + "/plugins",
                    "cors",
                    Map.of("origins", List.of("*"), "exposed_headers", List.of("X-A\r\nSet-Cookie: pwned=1")));
            RawConnection.Response r = RawConnection.exchange(
                    proxy(), "GET / HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://example.test\r\n\r\n");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Access-Control-Expose-Headers")).isEqualTo("X-A%0D%0ASet-Cookie: pwned=1");
            assertThat(r.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void upstreamHeaderWithNulOrBareCrIs502() throws Exception {
        for (String bad : List.of("a\rSet-Cookie: pwned=1", "a\u0000b")) {
            try (RawUpstream raw =
                    RawUpstream.start(head -> "HTTP/1.1 200 OK\r\nX-Bad: " + bad + "\r\nContent-Length: 2\r\n\r\nok")) {
                String host = Setup.host();
                String sid = setup.service("http://127.0.0.1:" + raw.port(), "retries", 0);
                setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
                RawConnection.Response r =
                        RawConnection.exchange(proxy(), "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                assertThat(r.status()).isEqualTo(502);
                assertThat(r.header("Set-Cookie")).isNull();
                assertThat(r.header("X-Bad")).isNull();
            }
        }
    }
}
