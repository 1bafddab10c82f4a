package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.RawConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Admin API listener makes the proxy's request-head checks (issue 11) with nginx's statuses. Kong's admin
 * {@code server} block has no {@code error_page} and sets {@code charset UTF-8}
 * ({@code kong/templates/nginx_kong.lua}), so these errors are nginx's own pages
 * ({@code src/http/ngx_http_special_response.c}) as {@code text/html; charset=UTF-8}, checked against nginx itself;
 * nginx closes the connection after each.
 */
class AdminRequestHeadTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private InetSocketAddress admin() {
        URI u = URI.create(GW.gateway().adminUrl());
        return new InetSocketAddress(u.getHost(), u.getPort());
    }

    private void refused(String request, int status, String title) {
        try (RawConnection c = new RawConnection(admin())) {
            c.send(request);
            RawConnection.Response r = c.read();
            assertThat(r).as("a response to %s", request).isNotNull();
            assertThat(r.status()).as(request).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=UTF-8");
            assertThat(r.body()).contains("<title>" + title + "</title>").contains("<hr><center>openresty</center>");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void malformedHeadsGetNginxStatuses() {
        refused("GET / HTTP/1.1\r\n\r\n", 400, "400 Bad Request");
        refused("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "400 Bad Request");
        refused("GET / HTTP/1.1\r\nHost: a/b\r\n\r\n", 400, "400 Bad Request");
        refused("get / HTTP/1.1\r\nHost: a\r\n\r\n", 400, "400 Bad Request");
        refused("GET / HTTP/1.1\r\nHost: a\r\nX-Foo : bar\r\n\r\n", 400, "400 Bad Request");
        refused(
                "POST /services HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
                400,
                "400 Bad Request");
        refused(
                "POST /services HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
                501,
                "501 Not Implemented");
        refused("GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505, "505 HTTP Version Not Supported");
        refused("CONNECT / HTTP/1.1\r\nHost: a\r\n\r\n", 405, "405 Not Allowed");
        refused("TRACE / HTTP/1.1\r\nHost: a\r\n\r\n", 405, "405 Not Allowed");
    }

    @Test
    void wellFormedRequestsStillWork() {
        RawConnection.Response r = RawConnection.exchange(admin(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        RawConnection.Response http10 = RawConnection.exchange(admin(), "GET /status HTTP/1.0\r\n\r\n");
        assertThat(http10.status()).isEqualTo(200);
    }
}
