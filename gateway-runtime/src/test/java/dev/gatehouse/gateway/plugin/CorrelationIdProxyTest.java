package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * correlation-id over real sockets, after Kong's {@code kong/plugins/correlation-id/handler.lua} and
 * {@code schema.lua}, and {@code spec/03-plugins/11-correlation-id/01-access_spec.lua}: the three generators and
 * their patterns, echo_downstream (also when access did not run), custom header names, existing and empty headers.
 */
class CorrelationIdProxyTest {

    /** The spec's UUID_PATTERN, UUID_COUNTER_PATTERN and TRACKER_PATTERN as Java regexes. */
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private static final String TRACKER = "\\d+\\.\\d+\\.\\d+\\.\\d+-\\d+-\\d+-\\d+-\\d+-\\d{10}\\.\\d{3}";

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "correlation-id", config);
        return host;
    }

    private String upstreamId(String host, String header) {
        assertThat(proxy.get("/request", "Host", host).statusCode()).isEqualTo(200);
        return upstream.last().header(header);
    }

    @Test
    void uuidCounterIncrementsTheCounterPart() {
        String host = routeWith(null);
        String id1 = upstreamId(host, "Kong-Request-ID");
        String id2 = upstreamId(host, "Kong-Request-ID");
        assertThat(id1).matches(UUID + "#\\d+");
        assertThat(id2).matches(UUID + "#\\d+");
        assertThat(id1.substring(0, 36)).isEqualTo(id2.substring(0, 36));
        long c1 = Long.parseLong(id1.substring(37));
        assertThat(Long.parseLong(id2.substring(37))).isEqualTo(c1 + 1);
    }

    @Test
    void uuidIsUniquePerRequest() {
        String host = routeWith(Map.of("generator", "uuid"));
        String id1 = upstreamId(host, "Kong-Request-ID");
        String id2 = upstreamId(host, "Kong-Request-ID");
        assertThat(id1).matches(UUID).isNotEqualTo(id2);
        assertThat(id2).matches(UUID);
    }

    @Test
    void trackerNamesAddressPortPidConnectionRequestAndTime() {
        String host = routeWith(Map.of("generator", "tracker"));
        try (RawConnection c = new RawConnection(GW.gateway().proxyListen())) {
            c.send("GET /request HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            String id1 = upstream.last().header("Kong-Request-ID");
            c.send("GET /request HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            String id2 = upstream.last().header("Kong-Request-ID");
            assertThat(id1).matches(TRACKER).isNotEqualTo(id2);
            assertThat(id2).matches(TRACKER);
            String[] p1 = id1.split("-");
            String[] p2 = id2.split("-");
            assertThat(p1[0]).isEqualTo("127.0.0.1");
            assertThat(p1[1])
                    .isEqualTo(Integer.toString(GW.gateway().proxyListen().getPort()));
            assertThat(p1[2]).isEqualTo(Long.toString(ProcessHandle.current().pid()));
            assertThat(p2[3]).isEqualTo(p1[3]); // same connection
            assertThat(p1[4]).isEqualTo("1");
            assertThat(p2[4]).isEqualTo("2"); // second request on it
        }
    }

    @Test
    void echoDownstreamSendsTheIdBack() {
        String host = routeWith(Map.of("echo_downstream", true));
        HttpResponse<String> r = proxy.get("/request", "Host", host);
        String downstream = ProxyClient.header(r, "Kong-Request-ID");
        assertThat(downstream).matches(UUID + "#\\d+").isEqualTo(upstream.last().header("Kong-Request-ID"));
        // "does not send uuid back to client if not asked"
        assertThat(ProxyClient.header(proxy.get("/request", "Host", routeWith(null)), "Kong-Request-ID"))
                .isNull();
    }

    @Test
    void customHeaderNameAndExistingHeaders() {
        String host = routeWith(Map.of("header_name", "Foo-Bar-Id", "generator", "uuid"));
        assertThat(upstreamId(host, "Foo-Bar-Id")).matches(UUID);
        // "preserves an already existing header"
        assertThat(proxy.get("/", "Host", host, "Foo-Bar-Id", "foobar").statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("Foo-Bar-Id")).isEqualTo("foobar");
        // "does not preserve an already existing header with space only"
        try (RawConnection c = new RawConnection(GW.gateway().proxyListen())) {
            c.send("GET / HTTP/1.1\r\nHost: " + host + "\r\nFoo-Bar-Id:    \r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
        }
        assertThat(upstream.last().header("Foo-Bar-Id")).matches(UUID);
    }

    @Test
    void echoDownstreamWhenAccessDidNotRun() {
        // a global instance sees header_filter of a request no route matched (its access phase never ran)
        setup.plugin(
                "/plugins",
                "correlation-id",
                Map.of("header_name", "X-Global-Correlation", "generator", "uuid", "echo_downstream", true));
        HttpResponse<String> r = proxy.get("/", "Host", "no-route-" + Setup.host());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(ProxyClient.header(r, "X-Global-Correlation")).matches(UUID);
        HttpResponse<String> own =
                proxy.get("/", "Host", "no-route-" + Setup.host(), "X-Global-Correlation", "my very personal id");
        assertThat(ProxyClient.header(own, "X-Global-Correlation")).isEqualTo("my very personal id");
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created =
                admin.post("/plugins", Map.of("name", "correlation-id", "route", Map.of("id", setupRoute())));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("config").toString())
                .isEqualTo(
                        "{\"header_name\":\"Kong-Request-ID\",\"generator\":\"uuid#counter\",\"echo_downstream\":false}");
        assertThat(created.json().get("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        AdminClient.Resp bad =
                admin.post("/plugins", Map.of("name", "correlation-id", "config", Map.of("generator", "snowflake")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/config/generator").asText())
                .isEqualTo("expected one of: uuid, uuid#counter, tracker");
        assertThat(admin.post("/plugins", Map.of("name", "correlation-id", "protocols", List.of("tcp")))
                        .status())
                .isEqualTo(400);
    }

    private String setupRoute() {
        return setup.routeOnHost(Setup.host());
    }
}
