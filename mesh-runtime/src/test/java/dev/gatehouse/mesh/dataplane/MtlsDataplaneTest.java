package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ca.CaMaterial;
import dev.gatehouse.mesh.ca.CertificateFactoryBc;
import dev.gatehouse.mesh.ca.Pem;
import dev.gatehouse.mesh.ca.WorkloadCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS between data planes with certificates from the real control plane: the inbound admits only clients
 * with a mesh-CA certificate (Kuma STRICT mode: plaintext fails in the handshake, reference 2.1) and the outbound
 * admits only a server whose certificate carries {@code spiffe://<mesh>/<service>} (Kuma's ServiceSpiffeIDMatcher,
 * pkg/xds/envoy/tls/v3/tls.go). Identities are therefore checked on both sides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtlsDataplaneTest {
    @TempDir
    static Path dir;

    MeshBed bed;
    EchoServer app;
    RunningDataplane web;
    RunningDataplane client;
    LogReceiver logs;
    final AccessLogTapTest.RecordingTap tap = new AccessLogTapTest.RecordingTap();

    @BeforeAll
    void start() throws Exception {
        bed = new MeshBed(dir);
        bed.mtlsMesh("secure");
        app = new EchoServer();
        logs = new LogReceiver();
        web = bed.start(DataplaneConfig.of(bed.http.base(), MeshBed.yaml("secure", "web-1", "web", app.port(), "tcp"))
                .withAccessLog(logs.address(), 1000)
                .withAccessLogTap(tap));
        tap.on.set(true);
        client = bed.sidecar("secure", "client-1", "client", 1, "tcp", "web");
    }

    @AfterAll
    void stop() throws Exception {
        bed.close();
        app.close();
        logs.close();
    }

    private InetSocketAddress inbound() {
        return web.inbounds().get(0).address();
    }

    @Test
    void meshClientReachesTheServiceThroughBothSidecarsAndIsLogged() throws Exception {
        assertThat(web.mtlsActive()).isTrue();
        assertThat(client.mtlsActive()).isTrue();
        InetSocketAddress out = client.outbound("web").orElseThrow();
        assertThat(out.getAddress().isLoopbackAddress()).isTrue();
        assertThat(MeshBed.roundTrip(out, "hello mesh\n")).isEqualTo("hello mesh\n");
        // the registered resource carries the ports really bound (port 0 in the file)
        JsonNode registered = bed.http.get("/meshes/secure/dataplanes/web-1").json();
        assertThat(registered
                        .path("networking")
                        .path("inbound")
                        .get(0)
                        .path("port")
                        .asInt())
                .isEqualTo(inbound().getPort());

        JsonNode line = logs.next(n -> n.path("traffic_direction").asText().equals("INBOUND"), Duration.ofSeconds(5));
        assertThat(line).isNotNull();
        assertThat(line.path("mesh").asText()).isEqualTo("secure");
        assertThat(line.path("dataplane").asText()).isEqualTo("web-1");
        // Kuma logs no source on an inbound, even though the certificate named it (the permission decision used it)
        assertThat(line.path("source_service").asText()).isEqualTo("unknown");
        assertThat(line.path("downstream_remote_address").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(line.path("destination_service").asText()).isEqualTo("web");
        assertThat(line.path("protocol").asText()).isEqualTo("tcp");
        assertThat(line.path("allowed").asBoolean()).isTrue();
        assertThat(line.path("action").asText()).isEqualTo("Allow");
        assertThat(line.path("policy").path("type").asText()).isEqualTo("TrafficPermission");
        assertThat(line.path("policy").path("name").asText()).isEqualTo("allow-all-secure");
        assertThat(line.path("bytes_received").asLong()).isEqualTo(11);
        assertThat(line.path("bytes_sent").asLong()).isEqualTo(11);
        assertThat(line.path("response_flags").asText()).isEqualTo("-");
        assertThat(line.path("upstream_host").asText()).isEqualTo("127.0.0.1:" + app.port());
        assertThat(Instant.parse(line.path("start_time").asText())).isBefore(Instant.now());
        assertThat(line.path("duration").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void plaintextClientCannotReachAnMtlsInbound() {
        int before = app.accepted.get();
        assertThat(MeshBed.roundTrip(inbound(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isNull();
        assertThat(app.accepted.get()).as("nothing reached the application").isEqualTo(before);
    }

    @Test
    void clientWithACertificateFromAnotherCaIsRefusedInTheHandshake() throws Exception {
        // A well-formed workload certificate for spiffe://secure/client, but signed by a CA the mesh does not trust.
        CaMaterial rogueCa = CertificateFactoryBc.newCa("secure", 2048, Duration.ofDays(1), Instant.now());
        WorkloadCertificate rogue = CertificateFactoryBc.newWorkload(
                rogueCa, "secure", Map.of("kuma.io/service", List.of("client")), Duration.ofHours(1), Instant.now());
        X509Certificate meshCa = Pem.certificate(bed.registerAndFetchIdentity("secure", "probe-1", "probe", 1)
                .path("caCertificates")
                .asText());
        SSLContext ctx = MeshBed.tls(rogue.certificate(), rogue.privateKey(), meshCa);
        int before = app.accepted.get();
        assertThatThrownBy(() -> {
                    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory()
                            .createSocket(inbound().getAddress(), inbound().getPort())) {
                        s.setSoTimeout(3000);
                        s.startHandshake();
                        s.getOutputStream().write("x".getBytes(StandardCharsets.UTF_8));
                        s.getOutputStream().flush();
                        if (s.getInputStream().read() < 0) {
                            throw new IOException("closed by the inbound");
                        }
                    }
                })
                .isInstanceOf(IOException.class);
        // And no certificate at all:
        SSLContext anonymous = MeshBed.tls(null, null, meshCa);
        assertThatThrownBy(() -> {
                    try (SSLSocket s = (SSLSocket) anonymous
                            .getSocketFactory()
                            .createSocket(inbound().getAddress(), inbound().getPort())) {
                        s.setSoTimeout(3000);
                        s.startHandshake();
                        s.getOutputStream().write('x');
                        s.getOutputStream().flush();
                        if (s.getInputStream().read() < 0) {
                            throw new IOException("closed by the inbound");
                        }
                    }
                })
                .isInstanceOf(IOException.class);
        assertThat(app.accepted.get()).isEqualTo(before);
    }

    @Test
    void meshCertificateOfAnyServiceCompletesTheHandshakeAndTheInboundReadsItsIdentity() throws Exception {
        JsonNode probe = bed.registerAndFetchIdentity("secure", "probe-2", "probe", 1);
        try (SSLSocket s = (SSLSocket) MeshBed.tls(probe)
                .getSocketFactory()
                .createSocket(inbound().getAddress(), inbound().getPort())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write("direct\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            assertThat(new String(MeshBed.readFully(s.getInputStream(), 7), StandardCharsets.UTF_8))
                    .isEqualTo("direct\n");
            // the inbound presented web's identity to us
            X509Certificate server = (X509Certificate) s.getSession().getPeerCertificates()[0];
            assertThat(server.getSubjectAlternativeNames().stream()
                            .map(n -> (Object) n.get(1))
                            .toList())
                    .contains("spiffe://secure/web");
        }
        // the record's source is the certificate's service (it picks the inbound's MeshAccessLog rules), though the
        // log writes Kuma's "unknown"
        await().atMost(Duration.ofSeconds(5))
                .until(() ->
                        tap.entries.stream().anyMatch(e -> e.sourceService().equals("probe")));
        AccessLogEntry e = tap.entries.stream()
                .filter(x -> x.sourceService().equals("probe"))
                .findFirst()
                .orElseThrow();
        assertThat(e.allowed()).isTrue();
        assertThat(e.loggedSourceService()).isEqualTo("unknown");
    }

    @Test
    void outboundRefusesAServerPresentingAnotherServicesIdentity() throws Exception {
        // "pay" is registered in the control plane with an inbound on a port where a TLS server answers with a
        // genuine mesh certificate, but for service "other". The client's outbound must not talk to it.
        JsonNode other = bed.registerAndFetchIdentity("secure", "other-1", "other", 1);
        try (TlsEcho impostor = new TlsEcho(MeshBed.tls(other))) {
            bed.registerAndFetchIdentity("secure", "pay-1", "pay", impostor.port());
            RunningDataplane caller = bed.sidecar("secure", "caller-1", "caller", 1, "tcp", "pay");
            InetSocketAddress out = caller.outbound("pay").orElseThrow();
            assertThat(MeshBed.roundTrip(out, "secret\n")).isNull();
            assertThat(impostor.bytesRead())
                    .as("no application byte reached the impostor")
                    .isZero();
        }
        // Control: a server with pay's own certificate is accepted by the same kind of outbound.
        JsonNode pay = bed.registerAndFetchIdentity("secure", "pay-2", "pay2", 1);
        try (TlsEcho genuine = new TlsEcho(MeshBed.tls(pay))) {
            bed.registerAndFetchIdentity("secure", "pay-2", "pay2", genuine.port());
            RunningDataplane caller = bed.sidecar("secure", "caller-2", "caller", 1, "tcp", "pay2");
            assertThat(MeshBed.roundTrip(caller.outbound("pay2").orElseThrow(), "ok\n"))
                    .isEqualTo("ok\n");
        }
    }

    /** A TLS echo server that requires a client certificate (like an inbound), counting application bytes. */
    static final class TlsEcho implements AutoCloseable {
        private final SSLServerSocket server;
        private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();

        TlsEcho(SSLContext ctx) throws IOException {
            server = (SSLServerSocket)
                    ctx.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(true);
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        var s = server.accept();
                        Thread.ofVirtual().start(() -> {
                            try (s) {
                                byte[] b = new byte[1024];
                                int n;
                                while ((n = s.getInputStream().read(b)) > 0) {
                                    read.addAndGet(n);
                                    s.getOutputStream().write(b, 0, n);
                                    s.getOutputStream().flush();
                                }
                            } catch (IOException ignored) {
                                // handshake refused or peer gone
                            }
                        });
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return server.getLocalPort();
        }

        long bytesRead() {
            return read.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
