package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Probes real servers on loopback: each failure must come back as the right problem, never as an exception. */
class EndpointProbeTest {

    private static EndpointProbe probe;

    @BeforeAll
    static void open() {
        probe = new EndpointProbe(500);
    }

    @AfterAll
    static void close() throws IOException {
        probe.close();
    }

    @Test
    void recognisesKongByItsRootDocument() throws Exception {
        // Kong's GET / answers {"tagline":"Welcome to kong","version":...} (kong/api/routes/kong.lua)
        try (var server = new LoopbackHttpServer(200, "application/json",
                "{\"tagline\":\"Welcome to kong\",\"version\":\"3.9.1\",\"plugins\":{}}")) {
            EndpointHealth health = probe.probe(server.uri());
            assertThat(health.status()).isEqualTo(EndpointHealth.Status.UP);
            assertThat(health.product()).isEqualTo("Kong");
            assertThat(health.version()).isEqualTo("3.9.1");
        }
    }

    @Test
    void recognisesKumaByItsProductField() throws Exception {
        // Kuma's index: {"hostname":...,"tagline":"Kuma","product":"Kuma","version":"2.9.3",...}
        try (var server = new LoopbackHttpServer(200, "application/json",
                "{\"tagline\":\"Kuma\",\"product\":\"Kuma\",\"version\":\"2.9.3\"}")) {
            EndpointHealth health = probe.probe(server.uri());
            assertThat(health.status()).isEqualTo(EndpointHealth.Status.UP);
            assertThat(health.product()).isEqualTo("Kuma");
            assertThat(health.version()).isEqualTo("2.9.3");
        }
    }

    @Test
    void refusedWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EndpointHealth health = probe.probe(URI.create("http://127.0.0.1:" + port));
        assertThat(health.status()).isEqualTo(EndpointHealth.Status.DOWN);
        assertThat(health.problem()).isEqualTo(EndpointHealth.Problem.REFUSED);
        assertThat(health.detail()).isEqualTo("127.0.0.1:" + port);
    }

    @Test
    void timeoutWhenTheServerNeverAnswers() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    accepted.add(silent.accept());
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            EndpointHealth health = probe.probe(URI.create("http://127.0.0.1:" + silent.getLocalPort()));
            assertThat(health.problem()).isEqualTo(EndpointHealth.Problem.TIMEOUT);
            acceptor.interrupt();
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void unauthorizedWhenTheApiWantsAToken() throws Exception {
        try (var server = new LoopbackHttpServer(401, "application/json", "{\"message\":\"Unauthorized\"}")) {
            assertThat(probe.probe(server.uri()).problem()).isEqualTo(EndpointHealth.Problem.UNAUTHORIZED);
        }
    }

    @Test
    void notRecognisedWhenSomethingElseAnswers() throws Exception {
        try (var server = new LoopbackHttpServer(200, "text/html", "<html>It works!</html>")) {
            EndpointHealth health = probe.probe(server.uri());
            assertThat(health.problem()).isEqualTo(EndpointHealth.Problem.NOT_RECOGNIZED);
        }
        try (var server = new LoopbackHttpServer(200, "application/json", "{\"hello\":\"world\"}")) {
            assertThat(probe.probe(server.uri()).problem()).isEqualTo(EndpointHealth.Problem.NOT_RECOGNIZED);
        }
    }

    @Test
    void tlsProblemWhenHttpsMeetsAPlainServer() throws Exception {
        // A plain HTTP server answers the TLS ClientHello with a cleartext 400, as nginx or Kong's HTTP port do.
        try (ServerSocket plain = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = plain.accept()) {
                    socket.getOutputStream().write(
                            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    socket.getOutputStream().flush();
                    socket.getInputStream().read(new byte[512]);
                } catch (IOException e) {
                    // the client hangs up after the failed handshake
                }
            });
            URI https = URI.create("https://127.0.0.1:" + plain.getLocalPort());
            assertThat(probe.probe(https).problem()).isEqualTo(EndpointHealth.Problem.TLS);
        }
    }

    @Test
    void serverErrorsAreReportedWithTheirStatus() throws Exception {
        try (var server = new LoopbackHttpServer(500, "application/json", "{\"message\":\"An unexpected error\"}")) {
            EndpointHealth health = probe.probe(server.uri());
            assertThat(health.problem()).isEqualTo(EndpointHealth.Problem.HTTP_ERROR);
            assertThat(health.detail()).isEqualTo("HTTP 500");
        }
    }
}
