package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.LenientUpstream;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Request smuggling (issue 11): a request whose framing nginx refuses never reaches the upstream, whose connection
 * is never reused after part of a broken request went out. The upstream here is deliberately lenient (it trims the
 * space in {@code Transfer-Encoding : chunked}, prefers Transfer-Encoding over Content-Length, splits lines on a bare
 * LF) and records every byte it receives. Statuses are nginx 1.25's (Kong 3.9's OpenResty), checked against nginx
 * itself: {@code src/http/ngx_http_parse.c} ({@code ngx_http_parse_header_line}: whitespace or a control character in
 * a header name, NUL or a bare CR in a value, a line starting with whitespace, i.e. obs-fold: "client sent invalid
 * header line", 400), {@code src/http/ngx_http_request.c} ({@code ngx_http_process_request_header}: Content-Length
 * with Transfer-Encoding 400, Transfer-Encoding other than "chunked" 501, Transfer-Encoding in HTTP/1.0 400, an
 * invalid Content-Length 400; {@code ngx_http_process_unique_header_line}: a repeated Content-Length or
 * Transfer-Encoding 400) and {@code src/http/ngx_http_parse.c} {@code ngx_http_parse_chunked} (an overflowing chunk
 * size: "client sent invalid chunked body", 400). The 400s carry Kong's error-handler body
 * ({@code error_page 400 ... /kong_error_handler} in {@code kong/templates/nginx_kong.lua}); nginx closes the
 * connection after each.
 */
class RequestFramingTest {

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

    /** The victim's request after an attack: it must get its own answer, and be the only request the upstream saw. */
    private void victimGetsItsOwnResponse() {
        RawConnection.Response r =
                RawConnection.exchange(proxy(), "GET /victim HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("/victim");
        assertThat(upstream.requests())
                .extracting(LenientUpstream.Request::path)
                .containsExactly("/victim");
    }

    private void refusedAndClosed(String request, int status) {
        try (RawConnection c = new RawConnection(proxy())) {
            c.send(request);
            RawConnection.Response r = c.read();
            assertThat(r).as("a response to %s", request).isNotNull();
            assertThat(r.status()).as(request).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
            if (status == 400) {
                // Kong's error handler: Accept, then Content-Type, then error_default_type (text/plain)
                assertThat(r.body()).startsWith("Bad request\nrequest_id: ");
            }
        }
    }

    @Test
    void spaceBeforeTheColonIsRefusedAndNothingIsSmuggled() {
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
        String body = "0\r\n\r\n" + smuggled;
        refusedAndClosed(
                "POST /attack HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding : chunked\r\n" + "Content-Length: "
                        + body.length() + "\r\n\r\n" + body,
                400);
        refusedAndClosed("GET / HTTP/1.1\r\nHost: " + host + "\r\nX-Foo\t: bar\r\n\r\n", 400);
        assertThat(upstream.received()).isEmpty();
        victimGetsItsOwnResponse();
    }

    @Test
    void conflictingOrUnknownFramingIsRefused() {
        String h = "Host: " + host + "\r\n";
        refusedAndClosed(
                "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n" + "0\r\n\r\n",
                400);
        refusedAndClosed(
                "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\n",
                400);
        refusedAndClosed("POST / HTTP/1.0\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400);
        for (String te : List.of("gzip", "gzip, chunked", "chunked, gzip", "chunked, chunked", "identity")) {
            refusedAndClosed("POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: " + te + "\r\n\r\n0\r\n\r\n", 501);
        }
        refusedAndClosed(
                "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", 501);
        for (String cl : List.of("2, 2", "+2", "-1", "", "0x2", "99999999999999999999")) {
            refusedAndClosed("POST / HTTP/1.1\r\n" + h + "Content-Length: " + cl + "\r\n\r\nab", 400);
        }
        refusedAndClosed("POST / HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nab", 400);
        refusedAndClosed("POST / HTTP/1.1\r\n" + h + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nabc", 400);
        assertThat(upstream.received()).isEmpty();
        victimGetsItsOwnResponse();
    }

    @Test
    void invalidHeaderLinesAreRefused() {
        String h = "Host: " + host + "\r\n";
        refusedAndClosed("GET / HTTP/1.1\r\n" + h + "X-Test: one\r\n two\r\n\r\n", 400); // obs-fold
        refusedAndClosed("GET / HTTP/1.1\r\n folded\r\n" + h + "\r\n", 400);
        refusedAndClosed("GET / HTTP/1.1\r\n" + h + "X-Test: a\u0000b\r\n\r\n", 400);
        refusedAndClosed("GET / HTTP/1.1\r\n" + h + "X-Test: a\rTransfer-Encoding: chunked\r\n\r\n", 400);
        refusedAndClosed("GET / HTTP/1.1\r\n" + h + "X\u0001Test: a\r\n\r\n", 400);
        refusedAndClosed("GET / HTTP/1.1\r\n" + h + ": a\r\n\r\n", 400);
        refusedAndClosed("GET / HTTP/1.1\n" + h + "\n", 400); // bare LF: Netty's strict line parsing
        assertThat(upstream.received()).isEmpty();
        victimGetsItsOwnResponse();
    }

    @Test
    void headerNamesNginxIgnoresAreDropped() {
        RawConnection.Response r = RawConnection.exchange(
                proxy(), "GET /kept HTTP/1.1\r\nHost: " + host + "\r\nX(Odd): 1\r\nX_Under: 2\r\nX.Dot: 3\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        LenientUpstream.Request seen = upstream.requests().get(0);
        assertThat(seen.header("x_under")).isEqualTo("2"); // Kong: underscores_in_headers on
        assertThat(seen.header("x(odd)")).isNull();
        assertThat(seen.header("x.dot")).isNull();
    }

    /**
     * nginx refuses the overflowing size and the missing CRLF; it tolerates a NUL in a chunk extension and bare-LF
     * chunk framing because it buffers and re-frames the body before the upstream sees it. This proxy streams bodies,
     * so Netty's strict chunk parsing refuses those too.
     */
    @Test
    void malformedChunkedBodiesAreRefusedAndNeverComplete() {
        String head = "POST /chunked HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\n\r\n";
        refusedAndClosed(head + "fffffffffffffffff1\r\na\r\n0\r\n\r\n", 400); // size overflow
        refusedAndClosed(head + "1;a=\u0000b\r\na\r\n0\r\n\r\n", 400); // NUL in a chunk extension
        refusedAndClosed(head + "1\na\n0\n\n", 400); // bare-LF framing
        refusedAndClosed(head + "1\r\naXX0\r\n\r\n", 400); // no CRLF after the chunk data
        assertThat(upstream.requests()).isEmpty();
        awaitHeadsClosed();
        victimGetsItsOwnResponse();
    }

    @Test
    void brokenChunkAfterTheHeadWentUpstreamClosesThatConnection() {
        try (RawConnection c = new RawConnection(proxy())) {
            c.send("POST /slow HTTP/1.1\r\nHost: " + host + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> upstream.received().contains("POST /slow"));
            c.send("zz\r\n\r\n");
            RawConnection.Response r = c.read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(upstream.requests()).isEmpty();
        awaitHeadsClosed();
        victimGetsItsOwnResponse();
    }

    /** Every upstream connection that received part of a refused request was closed by the proxy. */
    private void awaitHeadsClosed() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (LenientUpstream.Connection c : upstream.connections()) {
                if (!c.received().isEmpty()) {
                    assertThat(c.closedByPeer())
                            .as("connection that received %s", c.received())
                            .isTrue();
                }
            }
        });
    }
}
