package dev.gatehouse.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.page.HeaderLines;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Every way a request can fail to get an answer, against real sockets, becomes the right problem. */
class ApiTransportTest {

    private static ConnectionProblem problemFor(URI uri) {
        try (ApiTransport transport =
                new ApiTransport(ApiEndpoint.of(uri), Duration.ofMillis(500), Duration.ofMillis(500))) {
            transport.send("GET", "/", null, null).join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return ((ApiUnreachableException) e.getCause()).problem();
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        assertThat(problemFor(URI.create("http://127.0.0.1:" + port))).isEqualTo(ConnectionProblem.REFUSED);
    }

    @Test
    void timeoutWhenTheServerNeverAnswers() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed at the end
                }
            });
            assertThat(problemFor(URI.create("http://127.0.0.1:" + silent.getLocalPort())))
                    .isEqualTo(ConnectionProblem.TIMEOUT);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void tlsWhenHttpsMeetsAPlainServer() throws Exception {
        // A plain HTTP server answers the ClientHello with a cleartext 400, as Kong's HTTP port does.
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    s.getInputStream().read(new byte[512]);
                } catch (IOException e) {
                    // the client hangs up
                }
            });
            assertThat(problemFor(URI.create("https://127.0.0.1:" + plain.getLocalPort())))
                    .isEqualTo(ConnectionProblem.TLS);
        }
    }

    @Test
    void unknownHost() {
        assertThat(problemFor(URI.create("http://no-such-host.invalid:8001")))
                .isEqualTo(ConnectionProblem.UNKNOWN_HOST);
    }

    @Test
    void endpointBaseLosesATrailingSlash() {
        assertThat(ApiEndpoint.of(URI.create("http://h:1/admin/")).baseUri().toString())
                .isEqualTo("http://h:1/admin");
    }

    @Test
    void headerLinesParseAndRefuseJunk() {
        assertThat(HeaderLines.parse("Kong-Admin-Token: abc\n\nX-Env: prod"))
                .get()
                .satisfies(m ->
                        assertThat(m).containsEntry("Kong-Admin-Token", "abc").containsEntry("X-Env", "prod"));
        assertThat(HeaderLines.parse("no colon here")).isEmpty();
        assertThat(HeaderLines.parse("bad name: x")).isEmpty();
    }
}
