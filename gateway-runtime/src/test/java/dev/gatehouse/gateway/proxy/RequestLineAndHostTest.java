package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.LenientUpstream;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request-line, Host and method checks on the proxy (issue 11), with nginx 1.25's answers, as Kong 3.9 gives them
 * (each also tried against nginx itself): {@code src/http/ngx_http_parse.c} {@code ngx_http_parse_request_line}
 * (a method outside {@code [A-Z_-]}, a target that is not {@code /...} or {@code scheme://...}, a control character
 * in the target, {@code HTTP/0.x}: "client sent invalid request", 400; a major version above 1: "client sent invalid
 * version", 505; {@code HTTP/1.2} is served), {@code src/http/ngx_http_request.c} ({@code ngx_http_process_host}:
 * a second Host or an invalid one, 400; {@code ngx_http_process_request_header}: an HTTP/1.1 request without Host,
 * 400; CONNECT and TRACE, 405). 400 and 405 go through Kong's error handler
 * ({@code error_page 400 404 405 ... /kong_error_handler}); 505 is not in Kong's {@code error_page} lists, so it is
 * nginx's own page, signed by OpenResty.
 */
class RequestLineAndHostTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private LenientUpstream upstream;
    private String host;

    @BeforeEach
    void route() throws Exception {
        upstream = LenientUpstream.start();
        host = Setup.host();
        String sid = setup.service(upstream.url());
        setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", sid)));
    }

    @AfterEach
    void stop() throws Exception {
        upstream.close();
    }

    private InetSocketAddress proxy() {
        return GW.gateway().proxyListen();
    }

    private RawConnection.Response refused(String request, int status) {
        try (RawConnection c = new RawConnection(proxy())) {
            c.send(request);
            RawConnection.Response r = c.read();
            assertThat(r).as("a response to %s", request).isNotNull();
            assertThat(r.status()).as(request).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
            return r;
        }
    }

    @Test
    void hostHeaderIsRequiredOnceAndValid() {
        RawConnection.Response missing = refused("GET / HTTP/1.1\r\nAccept: application/json\r\n\r\n", 400);
        assertThat(missing.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(missing.body()).contains("\"message\":\"Bad request\"");
        refused("GET / HTTP/1.1\r\nHost: " + host + "\r\nHost: other.test\r\n\r\n", 400);
        refused("GET / HTTP/1.1\r\nHost: other.test\r\nhost: " + host + "\r\n\r\n", 400);
        for (String bad : List.of("", "a/b", "a..b", "a b", ".", ":80")) {
            refused("GET / HTTP/1.1\r\nHost: " + bad + "\r\n\r\n", 400);
        }
        assertThat(upstream.received()).isEmpty();
        // HTTP/1.0 needs no Host: the request is routed (and matches no route here)
        assertThat(RawConnection.exchange(proxy(), "GET /ok HTTP/1.0\r\n\r\n").status())
                .isEqualTo(404);
    }

    @Test
    void requestLineChecks() {
        String h = "Host: " + host + "\r\n";
        refused("get / HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("G3T / HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("OPTIONS * HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("GET abc HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("GET /a\u0001b HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("GET /a?x=\u007f HTTP/1.1\r\n" + h + "\r\n", 400);
        refused("GET / HTTP/0.9\r\n" + h + "\r\n", 400);
        refused("GET / http/1.1\r\n" + h + "\r\n", 400);
        for (String version : List.of("HTTP/2.0", "HTTP/3.0")) {
            RawConnection.Response r = refused("GET / " + version + "\r\n" + h + "\r\n", 505);
            assertThat(r.statusLine()).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
            assertThat(r.header("Server")).isEqualTo("openresty");
            assertThat(r.header("Content-Type")).isEqualTo("text/html");
            assertThat(r.body())
                    .isEqualTo("<html>\r\n<head><title>505 HTTP Version Not Supported</title></head>\r\n"
                            + "<body>\r\n<center><h1>505 HTTP Version Not Supported</h1></center>\r\n<hr><center>openresty</center>\r\n"
                            + "</body>\r\n</html>\r\n");
        }
        assertThat(upstream.received()).isEmpty();
    }

    @Test
    void http12IsServedAsHttp11AndMethodsOfCapitalsUnderscoresAndDashesPass() {
        RawConnection.Response r =
                RawConnection.exchange(proxy(), "GET /one-two HTTP/1.2\r\nHost: " + host + "\r\n\r\n");
        assertThat(r.statusLine()).startsWith("HTTP/1.1 200");
        assertThat(r.body()).isEqualTo("/one-two");
        assertThat(upstream.requests().get(0).line()).isEqualTo("GET /one-two HTTP/1.1");
        assertThat(upstream.requests().get(0).header("Via")).isEqualTo("1.1 kong/3.9.1");
        RawConnection.Response custom =
                RawConnection.exchange(proxy(), "MY_METHOD-X /m HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(custom.status()).isEqualTo(200);
        assertThat(upstream.requests().get(1).line()).isEqualTo("MY_METHOD-X /m HTTP/1.1");
    }

    @Test
    void connectAndTraceAre405AndNeverForwarded() {
        for (String line : List.of("CONNECT / HTTP/1.1", "TRACE / HTTP/1.1")) {
            RawConnection.Response r = refused(line + "\r\nHost: " + host + "\r\n\r\n", 405);
            assertThat(r.body()).startsWith("Method not allowed\nrequest_id: ");
        }
        // CONNECT's authority form is not a target nginx parses
        refused("CONNECT " + host + ":443 HTTP/1.1\r\nHost: " + host + ":443\r\n\r\n", 400);
        assertThat(upstream.received()).isEmpty();
    }
}
