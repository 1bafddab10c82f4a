package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.LocalAddresses;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.ca.CaMaterial;
import dev.gatehouse.mesh.ca.CertificateFactoryBc;
import dev.gatehouse.mesh.ca.Pem;
import dev.gatehouse.mesh.ca.WorkloadCertificate;
import dev.gatehouse.mesh.dataplane.Dataplane;
import dev.gatehouse.mesh.dataplane.DataplaneConfig;
import dev.gatehouse.mesh.dataplane.RunningDataplane;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 6, over real sockets from a loopback and a non-loopback address of this machine. Kuma 2.14.3:
 * pkg/api-server/authn/localhost.go (a direct loopback caller is admin: loopback peer, loopback Host, no proxy
 * headers, no cross-site Origin), pkg/plugins/authn/api-server/tokens/authenticator.go (a bad bearer token is 401
 * "Invalid authentication data" / "Unauthenticated", pkg/core/rest/errors/error_handler.go),
 * pkg/plugins/authn/api-server/certs/authenticator.go (a verified client certificate is admin),
 * pkg/api-server/index_endpoints.go (the index skips authentication). Kuma lets callers without credentials use
 * every resource that is not admin-only; Gatehouse does so only while no credentials are configured.
 */
class ApiAuthenticationTest {
    private static final String TOKEN = "gh-admin-" + "0123456789abcdef0123456789abcdef";

    @TempDir
    Path dir;

    private static InetAddress nonLoopback() throws IOException {
        return LocalAddresses.nonLoopback();
    }

    private static URI uri(InetAddress host, int port) {
        return LocalAddresses.http(host, port);
    }

    private RunningControlPlane start(AdminToken token, ApiTlsConfig tls) {
        return ControlPlane.start(TestControlPlanes.config(dir)
                .withApiListen(new InetSocketAddress("0.0.0.0", 0))
                .withAdminToken(token)
                .withApiTls(tls));
    }

    private static void assertUnauthenticated(Res r) {
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).isEqualTo("/std-errors");
        assertThat(b.path("status").asInt()).isEqualTo(401);
        assertThat(b.path("title").asText()).isEqualTo("Invalid authentication data");
        assertThat(b.path("detail").asText()).isEqualTo("Unauthenticated");
        assertThat(b.path("details").asText()).isEqualTo("Unauthenticated");
    }

    @Test
    void withATokenRemoteCallersNeedItWhileLoopbackCallersStayAdmin() throws Exception {
        try (RunningControlPlane cp = start(AdminToken.of(TOKEN), null)) {
            int port = cp.apiAddress().getPort();
            InetAddress remote = nonLoopback();
            URI far = uri(remote, port);
            String mesh = "{\"type\":\"Mesh\",\"name\":\"remote\"}";

            assertUnauthenticated(Res.send(far, "GET", "/meshes", Map.of(), null));
            assertUnauthenticated(
                    Res.send(far, "GET", "/meshes", Map.of("Authorization", "Bearer wrong-" + TOKEN), null));
            assertUnauthenticated(
                    Res.send(far, "PUT", "/meshes/remote", Map.of("Content-Type", "application/json"), mesh));
            assertThat(cp.store().snapshot().get(dev.gatehouse.mesh.resource.mesh.MeshType.key("remote")))
                    .isEmpty();
            assertUnauthenticated(Res.send(far, "GET", "/watch?mesh=default", Map.of(), null));
            assertThat(Res.send(far, "GET", "/", Map.of(), null).status())
                    .as("the index skips authentication")
                    .isEqualTo(200);

            Map<String, String> admin = Map.of("Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
            assertThat(Res.send(far, "GET", "/meshes", admin, null).status()).isEqualTo(200);
            assertThat(Res.send(far, "PUT", "/meshes/remote", admin, mesh).status())
                    .isEqualTo(201);
            assertThat(Res.send(far, "DELETE", "/meshes/remote", admin, null).status())
                    .isEqualTo(200);
            Res issued = Res.send(far, "POST", "/tokens/dataplane", admin, "{\"name\":\"dp-x\",\"mesh\":\"default\"}");
            assertThat(issued.status())
                    .as("an admin may generate dataplane tokens")
                    .isEqualTo(200);
            assertUnauthenticated(Res.send(
                    far,
                    "POST",
                    "/tokens/dataplane",
                    Map.of("Content-Type", "application/json"),
                    "{\"name\":\"dp-x\",\"mesh\":\"default\"}"));

            // Loopback is unchanged: the console and the sandbox keep working without a token.
            Http local = new Http(uri(InetAddress.getLoopbackAddress(), port));
            assertThat(local.get("/meshes").status()).isEqualTo(200);
            assertThat(local.putJson("/meshes/local", "{\"type\":\"Mesh\",\"name\":\"local\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(local.post("/tokens/dataplane", "{\"name\":\"dp-y\",\"mesh\":\"default\"}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void onlyADirectLoopbackCallerIsAdminAsInKuma() throws Exception {
        try (RunningControlPlane cp = start(AdminToken.of(TOKEN), null)) {
            int port = cp.apiAddress().getPort();
            URI local = uri(InetAddress.getLoopbackAddress(), port);
            assertThat(Res.send(local, "GET", "/meshes", Map.of("Host", "localhost:" + port), null)
                            .status())
                    .isEqualTo(200);
            assertThat(Res.send(local, "GET", "/meshes", Map.of("Origin", "http://127.0.0.1:" + port), null)
                            .status())
                    .isEqualTo(200);
            // A page of another site in a browser on this machine (DNS rebinding, cross-site fetch) or a proxy is not.
            assertUnauthenticated(Res.send(local, "GET", "/meshes", Map.of("Host", "rebound.example:" + port), null));
            assertUnauthenticated(Res.send(local, "GET", "/meshes", Map.of("Origin", "http://evil.example"), null));
            assertUnauthenticated(Res.send(local, "GET", "/meshes", Map.of("Sec-Fetch-Site", "cross-site"), null));
            assertUnauthenticated(Res.send(local, "GET", "/meshes", Map.of("X-Forwarded-For", "203.0.113.9"), null));
        }
    }

    @Test
    void aDataplaneTokenReachesOnlyThatDataplanesOwnEndpoints() throws Exception {
        try (RunningControlPlane cp = start(AdminToken.of(TOKEN), null)) {
            int port = cp.apiAddress().getPort();
            URI far = uri(nonLoopback(), port);
            String token = cp.issueDataplaneToken("default", "remote-dp");
            // A real data plane on "another host" (the non-loopback address) with its token file registers and syncs.
            try (RunningDataplane dp =
                    Dataplane.start(DataplaneConfig.of(far, """
                    type: Dataplane
                    mesh: default
                    name: remote-dp
                    networking:
                      address: 127.0.0.1
                      inbound:
                        - port: 0
                          servicePort: 1
                          tags:
                            kuma.io/service: remote
                    """).withToken(token))) {
                assertThat(new Http(uri(InetAddress.getLoopbackAddress(), port))
                                .get("/meshes/default/dataplanes/remote-dp")
                                .status())
                        .isEqualTo(200);
            }
            Map<String, String> asDp = Map.of("Authorization", "Bearer " + token);
            assertThat(Res.send(far, "GET", "/meshes/default/_snapshot", asDp, null)
                            .status())
                    .isEqualTo(200);
            Res foreign = Res.send(far, "GET", "/meshes", asDp, null);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.json().path("title").asText()).isEqualTo("Access Denied");
            assertThat(Res.send(far, "GET", "/meshes/default/dataplanes/other-dp", asDp, null)
                            .status())
                    .isEqualTo(403);
        }
    }

    @Test
    void withoutCredentialsConfiguredRemoteCallersAreKumasAnonymousUsers() throws Exception {
        try (RunningControlPlane cp = start(null, null)) {
            URI far = uri(nonLoopback(), cp.apiAddress().getPort());
            Map<String, String> json = Map.of("Content-Type", "application/json");
            assertThat(Res.send(far, "PUT", "/meshes/anon", json, "{\"type\":\"Mesh\",\"name\":\"anon\"}")
                            .status())
                    .isEqualTo(201);
            Res token = Res.send(far, "POST", "/tokens/dataplane", json, "{\"name\":\"dp-z\",\"mesh\":\"default\"}");
            assertThat(token.status()).as("generating tokens is admin-only").isEqualTo(403);
            assertThat(token.json().path("title").asText()).isEqualTo("Access Denied");
            assertUnauthenticated(Res.send(far, "GET", "/meshes", Map.of("Authorization", "Bearer not-a-token"), null));
        }
    }

    @Test
    void httpsListenerAdmitsVerifiedClientCertificatesAsAdmin() throws Exception {
        Instant now = Instant.now();
        CaMaterial clientCa = CertificateFactoryBc.newCa("admins", 2048, Duration.ofDays(1), now);
        CaMaterial serverCa = CertificateFactoryBc.newCa("server", 2048, Duration.ofDays(1), now);
        WorkloadCertificate server = CertificateFactoryBc.newWorkload(
                serverCa, "server", Map.of("kuma.io/service", List.of("cp")), Duration.ofDays(1), now);
        WorkloadCertificate admin = CertificateFactoryBc.newWorkload(
                clientCa, "admins", Map.of("kuma.io/service", List.of("ops")), Duration.ofDays(1), now);
        Path cert = Files.writeString(dir.resolve("server.pem"), Pem.encode(server.certificate()));
        Path key = Files.writeString(
                dir.resolve("server.key"),
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(server.privateKey().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        Path ca = Files.writeString(dir.resolve("admins.pem"), Pem.encode(clientCa.certificate()));
        InetAddress remote = nonLoopback();
        try (RunningControlPlane cp = start(null, new ApiTlsConfig(new InetSocketAddress(remote, 0), cert, key, ca))) {
            InetSocketAddress https = cp.apiTlsAddress().orElseThrow();
            SSLContext withCert = tls(admin.certificate(), admin.privateKey(), serverCa.certificate());
            Map<String, String> json = Map.of("Content-Type", "application/json");
            assertThat(Res.sendTls(withCert, https, "GET", "/meshes", Map.of(), null)
                            .status())
                    .isEqualTo(200);
            assertThat(Res.sendTls(
                                    withCert,
                                    https,
                                    "PUT",
                                    "/meshes/via-tls",
                                    json,
                                    "{\"type\":\"Mesh\",\"name\":\"via-tls\"}")
                            .status())
                    .isEqualTo(201);
            JsonNode list = Res.sendTls(withCert, https, "GET", "/meshes?size=1", Map.of(), null)
                    .json();
            assertThat(list.path("next").asText()).startsWith("https://");

            SSLContext noCert = tls(null, null, serverCa.certificate());
            assertThatThrownBy(() -> Res.sendTls(noCert, https, "GET", "/meshes", Map.of(), null))
                    .isInstanceOf(IOException.class);
            WorkloadCertificate stranger = CertificateFactoryBc.newWorkload(
                    serverCa, "server", Map.of("kuma.io/service", List.of("x")), Duration.ofDays(1), now);
            SSLContext wrongCa = tls(stranger.certificate(), stranger.privateKey(), serverCa.certificate());
            assertThatThrownBy(() -> Res.sendTls(wrongCa, https, "GET", "/meshes", Map.of(), null))
                    .isInstanceOf(IOException.class);
            // With client certificates configured, the plain listener wants credentials from remote callers too.
            assertUnauthenticated(Res.send(uri(remote, cp.apiAddress().getPort()), "GET", "/meshes", Map.of(), null));
        }
    }

    private static SSLContext tls(X509Certificate cert, java.security.PrivateKey key, X509Certificate trusted)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (cert != null) {
            ks.setKeyEntry("me", key, new char[0], new Certificate[] {cert});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trusted);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /**
     * One HTTP/1.1 exchange over a raw socket: the JDK client cannot set Host or Sec-Fetch-Site, and a browser's
     * headers are what Kuma's localhost rule looks at.
     */
    record Res(int status, String body) {
        JsonNode json() {
            try {
                return Http.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        static Res send(URI base, String method, String path, Map<String, String> headers, String body)
                throws IOException {
            try (Socket s = new Socket(base.getHost().replace("[", "").replace("]", ""), base.getPort())) {
                return exchange(s, base.getHost() + ":" + base.getPort(), method, path, headers, body);
            }
        }

        static Res sendTls(
                SSLContext ctx,
                InetSocketAddress to,
                String method,
                String path,
                Map<String, String> headers,
                String body)
                throws IOException {
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(to.getAddress(), to.getPort())) {
                s.startHandshake();
                return exchange(s, to.getAddress().getHostAddress() + ":" + to.getPort(), method, path, headers, body);
            }
        }

        private static Res exchange(
                Socket s, String host, String method, String path, Map<String, String> headers, String body)
                throws IOException {
            s.setSoTimeout(10_000);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Host", host);
            h.putAll(headers);
            byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            h.put("Content-Length", Integer.toString(payload.length));
            h.put("Connection", "close");
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            OutputStream out = s.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload);
            out.flush();
            String response = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
            if (response.isEmpty()) {
                throw new IOException("connection closed without an answer");
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int split = response.indexOf("\r\n\r\n");
            return new Res(status, split < 0 ? "" : response.substring(split + 4));
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return buf.toByteArray();
        }
    }
}
