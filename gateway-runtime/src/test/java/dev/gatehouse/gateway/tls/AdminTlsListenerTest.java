package dev.gatehouse.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.TrustingClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code admin_listen = 127.0.0.1:8001, 127.0.0.1:8444 ssl} with {@code admin_ssl_cert}/{@code
 * admin_ssl_cert_key} (kong.conf.default): a TLS Admin API listener beside the plain one, with a self-signed pair
 * generated in the data directory when no files are given.
 */
class AdminTlsListenerTest {

    @Test
    void plainAndTlsListenersWithAGeneratedCertificate(@TempDir Path dir) throws Exception {
        GatewayConfig config = GatewayConfig.ephemeral(dir.resolve("data"))
                .withAdminListeners(ListenSpec.parseList("127.0.0.1:0, 127.0.0.1:0 ssl"));
        try (RunningGateway gw = Gateway.start(config)) {
            List<BoundListener> listeners = gw.adminListeners();
            assertThat(listeners).hasSize(2);
            assertThat(listeners.get(0).ssl()).isFalse();
            assertThat(listeners.get(1).ssl()).isTrue();
            assertThat(listeners.get(1).address().getPort()).isPositive();
            assertThat(gw.adminUrl()).isEqualTo(listeners.get(0).url()).startsWith("http://127.0.0.1:");
            String tlsUrl = gw.adminTlsListener().orElseThrow().url();
            assertThat(tlsUrl).startsWith("https://127.0.0.1:");

            CertificateFiles generated = ServerCertificate.generatedFiles(dir.resolve("data"), "admin-kong-default");
            assertThat(Files.getPosixFilePermissions(generated.key()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            HttpClient trusting = TrustingClient.trusting(generated.cert());
            AdminClient tls = new AdminClient(tlsUrl, Map.of(), trusting);
            AdminClient.Resp root = tls.get("/");
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.json().get("tagline").asText()).isEqualTo("Welcome to kong");
            assertThat(root.json().at("/configuration/admin_listen").toString()).contains(" ssl");
            // the same store answers on both listeners
            assertThat(tls.post("/consumers", Map.of("username", "over-tls")).status())
                    .isEqualTo(201);
            assertThat(new AdminClient(gw.adminUrl()).get("/consumers/over-tls").status())
                    .isEqualTo(200);

            // a client that does not trust the certificate is refused
            HttpClient defaultTrust = HttpClient.newHttpClient();
            assertThatThrownBy(() -> defaultTrust.send(
                            HttpRequest.newBuilder(URI.create(tlsUrl + "/")).build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        // the generated pair is reused on restart, so clients can keep trusting it
        byte[] before = Files.readAllBytes(ServerCertificate.generatedFiles(dir.resolve("data"), "admin-kong-default")
                .cert());
        try (RunningGateway gw = Gateway.start(config)) {
            assertThat(Files.readAllBytes(ServerCertificate.generatedFiles(dir.resolve("data"), "admin-kong-default")
                            .cert()))
                    .isEqualTo(before);
        }
    }

    @Test
    void configuredCertificateFilesAreServed(@TempDir Path dir) throws Exception {
        CertificateFiles files = new CertificateFiles(dir.resolve("admin.crt"), dir.resolve("admin.key"));
        ServerCertificate.selfSigned(Set.of("admin.gatehouse.test")).write(files);
        GatewayConfig config = GatewayConfig.ephemeral(dir.resolve("data"))
                .withAdminListeners(List.of(ListenSpec.parse("127.0.0.1:0 ssl")))
                .withAdminSsl(files);
        try (RunningGateway gw = Gateway.start(config)) {
            // only a TLS listener: adminUrl() is the TLS one
            assertThat(gw.adminUrl()).startsWith("https://");
            AdminClient tls = new AdminClient(gw.adminUrl(), Map.of(), TrustingClient.trusting(files.cert()));
            assertThat(tls.get("/status").status()).isEqualTo(200);
            assertThat(Files.exists(ServerCertificate.generatedFiles(dir.resolve("data"), "admin-kong-default")
                            .cert()))
                    .isFalse();
        }
    }

    @Test
    void commandLineAcceptsKongListenSyntax(@TempDir Path dir) throws Exception {
        CertificateFiles files = new CertificateFiles(dir.resolve("a.crt"), dir.resolve("a.key"));
        ServerCertificate.selfSigned(Set.of()).write(files);
        try (GatewayProcess p = GatewayProcess.start(
                dir.resolve("data"),
                "--admin-listen",
                "127.0.0.1:0, 127.0.0.1:0 ssl",
                "--admin-ssl-cert",
                files.cert().toString(),
                "--admin-ssl-cert-key",
                files.key().toString())) {
            String tlsLine = org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(
                            () -> p.output().stream()
                                    .filter(l -> l.contains("admin API listening on https://"))
                                    .findFirst()
                                    .orElse(null),
                            java.util.Objects::nonNull);
            String url = tlsLine.substring(tlsLine.indexOf("https://")).trim();
            AdminClient tls = new AdminClient(url, Map.of(), TrustingClient.trusting(files.cert()));
            assertThat(tls.get("/").status()).isEqualTo(200);
            assertThat(p.client().get("/").status()).isEqualTo(200);
        }
        // a certificate without its key is a clear start-up error
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.gatehouse.gateway.GatewayMain",
                        "--admin-listen",
                        "127.0.0.1:0 ssl",
                        "--admin-ssl-cert",
                        files.cert().toString(),
                        "--data-dir",
                        dir.resolve("d2").toString())
                .redirectErrorStream(true);
        Process bad = pb.start();
        String out = new String(bad.getInputStream().readAllBytes());
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(out).contains("--admin-ssl-cert and --admin-ssl-cert-key must be given together");
    }

    @Test
    void listenSyntax() {
        assertThat(ListenSpec.parseList("127.0.0.1:8001, 127.0.0.1:8444 http2 ssl reuseport backlog=16384"))
                .extracting(ListenSpec::toString)
                .containsExactly("127.0.0.1:8001", "127.0.0.1:8444 ssl");
        assertThatThrownBy(() -> ListenSpec.parse("127.0.0.1:8444 tls"))
                .hasMessageContaining("unknown listen flag 'tls'");
    }
}
