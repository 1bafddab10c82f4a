package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * request-size-limiting over real sockets, after Kong's {@code kong/plugins/request-size-limiting/handler.lua}
 * (413 or 417 {@code Request size limit exceeded}, 411 {@code A valid Content-Length header is required}),
 * {@code schema.lua} and {@code spec/03-plugins/12-request-size-limiting/01-access_spec.lua} (with and without
 * Content-Length, every size unit, Expect: 100-continue, Content-Length required).
 */
class RequestSizeLimitingProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "request-size-limiting", config);
        return host;
    }

    private static String message(String body) {
        return AdminClient.parse(body).get("message").asText();
    }

    @Test
    void contentLengthAboveTheLimitIs413() {
        String host = routeWith(Map.of("allowed_payload_size", 10, "size_unit", "bytes"));
        assertThat(proxy.send("POST", "/request", "x".repeat(10), "Host", host).statusCode())
                .isEqualTo(200);
        HttpResponse<String> r = proxy.send("POST", "/request", "x".repeat(11), "Host", host);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(message(r.body())).isEqualTo("Request size limit exceeded");
        assertThat(AdminClient.parse(r.body()).get("request_id").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void everySizeUnitMultipliesTheLimit() {
        // the spec's loop over size_units with allowed_payload_size = TEST_SIZE
        String kb = routeWith(Map.of("allowed_payload_size", 1, "size_unit", "kilobytes"));
        assertThat(proxy.send("POST", "/", "x".repeat(1024), "Host", kb).statusCode())
                .isEqualTo(200);
        assertThat(proxy.send("POST", "/", "x".repeat(1025), "Host", kb).statusCode())
                .isEqualTo(413);
        String mb = routeWith(Map.of("allowed_payload_size", 1));
        assertThat(proxy.send("POST", "/", "x".repeat(1024 * 1024), "Host", mb).statusCode())
                .isEqualTo(200);
        assertThat(proxy.send("POST", "/", "x".repeat(1024 * 1024 + 1), "Host", mb)
                        .statusCode())
                .isEqualTo(413);
    }

    /**
     * A 413 known from Content-Length is answered before the body arrives; closing at once would leave the body unread
     * and the kernel would reset the connection, taking the answer with it ("header parser received no bytes" in a
     * clean run). Kong's nginx lingers; so does the gateway, and every one of these uploads gets its 413.
     */
    @Test
    void oversizedUploadsAlwaysGetTheir413() {
        String host = routeWith(Map.of("allowed_payload_size", 64, "size_unit", "kilobytes"));
        String body = "x".repeat(1024 * 1024);
        for (int i = 0; i < 40; i++) {
            assertThat(proxy.send("POST", "/", body, "Host", host).statusCode())
                    .as("upload %d", i)
                    .isEqualTo(413);
        }
    }

    @Test
    void expectContinueGets417() {
        String host = routeWith(Map.of("allowed_payload_size", 10, "size_unit", "bytes"));
        try (RawConnection c = new RawConnection(GW.gateway().proxyListen())) {
            c.send("POST /request HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Length: 20\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
            // the body is read before the access phase, as Kong's handler may read it: the client is asked for it
            assertThat(c.read().status()).isEqualTo(100);
            c.send("x".repeat(20));
            RawConnection.Response r = c.read();
            assertThat(r.status()).isEqualTo(417);
            assertThat(message(r.body())).isEqualTo("Request size limit exceeded");
        }
    }

    @Test
    void chunkedBodiesAreMeasured() {
        String host = routeWith(Map.of("allowed_payload_size", 10, "size_unit", "bytes"));
        RawConnection.Response small = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "POST /request HTTP/1.1\r\nHost: " + host
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertThat(small.status()).isEqualTo(200);
        RawConnection.Response big = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "POST /request HTTP/1.1\r\nHost: " + host
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
        assertThat(big.status()).isEqualTo(413);
        assertThat(message(big.body())).isEqualTo("Request size limit exceeded");
        // a chunked body larger than the 8 KiB body buffer is over any limit below it
        String chunk = "x".repeat(9000);
        RawConnection.Response overflow = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "POST /request HTTP/1.1\r\nHost: " + host
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertThat(overflow.status()).isEqualTo(413);
    }

    @Test
    void contentLengthRequired() {
        String host = routeWith(Map.of("require_content_length", true));
        RawConnection.Response none = RawConnection.exchange(
                GW.gateway().proxyListen(), "GET /request HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertThat(none.status()).isEqualTo(411);
        assertThat(message(none.body())).isEqualTo("A valid Content-Length header is required");
        RawConnection.Response chunked = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "POST /request HTTP/1.1\r\nHost: " + host
                        + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertThat(chunked.status()).isEqualTo(200);
        assertThat(proxy.send("POST", "/", "abc", "Host", host).statusCode()).isEqualTo(200);
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created = admin.post("/plugins", Map.of("name", "request-size-limiting"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.get("/plugins/" + id).json().get("config").toString())
                .isEqualTo(
                        "{\"allowed_payload_size\":128,\"size_unit\":\"megabytes\",\"require_content_length\":false}");
        admin.delete("/plugins/" + id);
        GW.synced();
        AdminClient.Resp bad = admin.post(
                "/plugins", Map.of("name", "request-size-limiting", "config", Map.of("size_unit", "gigabytes")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/config/size_unit").asText())
                .isEqualTo("expected one of: megabytes, kilobytes, bytes");
        AdminClient.Resp notInt = admin.post(
                "/plugins", Map.of("name", "request-size-limiting", "config", Map.of("allowed_payload_size", 1.5)));
        assertThat(notInt.json().at("/fields/config/allowed_payload_size").asText())
                .isEqualTo("expected an integer");
    }
}
