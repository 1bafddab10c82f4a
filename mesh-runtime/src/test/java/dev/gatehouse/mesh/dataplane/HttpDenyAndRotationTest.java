package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP-tagged inbounds answer denials with Kuma 2.6+'s 403; certificates rotate without a restart. */
class HttpDenyAndRotationTest {
    @TempDir
    Path dir;

    private static HttpServer httpApp() throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        s.createContext("/", ex -> {
            byte[] body = "{\"counter\":1}".getBytes(StandardCharsets.UTF_8);
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.start();
        return s;
    }

    @Test
    void deniedHttpRequestsGet403RbacAccessDeniedAndAreLoggedOneByOne() throws Exception {
        HttpServer app = httpApp();
        try (MeshBed bed = new MeshBed(dir);
                LogReceiver logs = new LogReceiver()) {
            bed.mtlsMesh("shop");
            bed.start(DataplaneConfig.of(
                            bed.http.base(),
                            MeshBed.yaml(
                                    "shop",
                                    "counter-1",
                                    "counter",
                                    app.getAddress().getPort(),
                                    "http"))
                    .withAccessLog(logs.address(), 1000));
            RunningDataplane front = bed.sidecar("shop", "front-1", "front", 1, "tcp", "counter");
            URI uri = URI.create("http://127.0.0.1:"
                    + front.outbound("counter").orElseThrow().getPort() + "/increment");
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> ok = client.send(
                    HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"counter\":1}");
            // Allowed requests on an http inbound are logged one by one, while the keep-alive connection stays open.
            JsonNode allowed = logs.next(n -> n.path("response_code").asInt() == 200, Duration.ofSeconds(5));
            assertThat(allowed).isNotNull();
            assertThat(allowed.path("method").asText()).isEqualTo("POST");
            assertThat(allowed.path("path").asText()).isEqualTo("/increment");
            assertThat(allowed.path("bytes_sent").asLong()).isEqualTo(13);
            assertThat(allowed.path("allowed").asBoolean()).isTrue();
            assertThat(allowed.path("policy").path("name").asText()).isEqualTo("allow-all-shop");
            assertThat(client.send(
                                    HttpRequest.newBuilder(uri)
                                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(logs.next(n -> n.path("method").asText().equals("HEAD"), Duration.ofSeconds(5)))
                    .isNotNull();
            assertThat(logs.next(n -> n.path("method").asText().equals("GET"), Duration.ofSeconds(5))
                            .path("response_code")
                            .asInt())
                    .as("the HEAD response (no body) did not confuse the request/response pairing")
                    .isEqualTo(200);

            bed.http.delete("/meshes/shop/traffic-permissions/allow-all-shop");
            // The allowed keep-alive connection of `client` stays open and allowed; new connections are denied.
            await().atMost(Duration.ofSeconds(5)) // timing is PermissionHotUpdateTest's subject; here the behaviour
                    .until(() -> HttpClient.newHttpClient()
                                    .send(
                                            HttpRequest.newBuilder(uri).GET().build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 403);
            assertThat(client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            // Two requests on one new keep-alive connection: each answered 403 by the inbound.
            HttpClient fresh =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> denied = fresh.send(
                        HttpRequest.newBuilder(uri)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(denied.statusCode()).isEqualTo(403);
                assertThat(denied.body()).isEqualTo("RBAC: access denied");
                assertThat(denied.headers().firstValue("content-type")).contains("text/plain");
            }
            JsonNode line = logs.next(
                    n -> n.path("response_code").asInt() == 403
                            && n.path("method").asText().equals("POST"),
                    Duration.ofSeconds(5));
            assertThat(line).isNotNull();
            assertThat(line.path("protocol").asText()).isEqualTo("http");
            assertThat(line.path("path").asText()).isEqualTo("/increment");
            assertThat(line.path("source_service").asText())
                    .as("Kuma names no source on an inbound")
                    .isEqualTo("unknown");
            assertThat(line.path("destination_service").asText()).isEqualTo("counter");
            assertThat(line.path("allowed").asBoolean()).isFalse();
            assertThat(line.path("bytes_sent").asLong()).isEqualTo(19);
        } finally {
            app.stop(0);
        }
    }

    @Test
    void permissiveModeAdmitsPlaintextOnlyWhereAnyClientIsAllowed() throws Exception {
        try (MeshBed bed = new MeshBed(dir);
                EchoServer app = new EchoServer()) {
            // mtls.backends[].mode PERMISSIVE (Kuma <= 2.14): the inbound accepts plaintext and mTLS.
            assertThat(bed.http
                            .putYaml("/meshes/perm", MeshBed.MTLS_MESH.formatted("perm") + "      mode: PERMISSIVE\n")
                            .status())
                    .isEqualTo(201);
            RunningDataplane server = bed.sidecar("perm", "store-1", "store", app.port(), "tcp");
            RunningDataplane client = bed.sidecar("perm", "shop-1", "shop", 1, "tcp", "store");
            InetSocketAddress inbound = server.inbounds().get(0).address();
            assertThat(MeshBed.roundTrip(inbound, "plain\n"))
                    .as("allow-all admits any client")
                    .isEqualTo("plain\n");
            assertThat(MeshBed.roundTrip(client.outbound("store").orElseThrow(), "tls\n"))
                    .isEqualTo("tls\n");
            bed.http.putYaml("/meshes/perm/traffic-permissions/allow-all-perm", """
                    type: TrafficPermission
                    mesh: perm
                    name: allow-all-perm
                    sources:
                      - match:
                          kuma.io/service: shop
                    destinations:
                      - match:
                          kuma.io/service: '*'
                    """);
            await().atMost(Duration.ofSeconds(5)) // timing is PermissionHotUpdateTest's subject; here the behaviour
                    .until(() -> MeshBed.roundTrip(inbound, "plain\n") == null);
            assertThat(MeshBed.roundTrip(client.outbound("store").orElseThrow(), "tls\n"))
                    .isEqualTo("tls\n");
        }
    }

    @Test
    void meshWithoutMtlsPassesPlaintextThrough() throws Exception {
        try (MeshBed bed = new MeshBed(dir);
                EchoServer app = new EchoServer()) {
            bed.plainMesh("open");
            RunningDataplane server = bed.sidecar("open", "db-1", "db", app.port(), "tcp");
            RunningDataplane client = bed.sidecar("open", "app-1", "app", 1, "tcp", "db");
            assertThat(server.mtlsActive()).isFalse();
            assertThat(MeshBed.roundTrip(client.outbound("db").orElseThrow(), "plain\n"))
                    .isEqualTo("plain\n");
            // and a plaintext client may use the inbound directly
            assertThat(MeshBed.roundTrip(server.inbounds().get(0).address(), "direct\n"))
                    .isEqualTo("direct\n");
        }
    }

    @Test
    void certificateRotatesWithoutRestartAndOpenConnectionsSurvive() throws Exception {
        try (MeshBed bed = new MeshBed(dir);
                EchoServer app = new EchoServer()) {
            bed.mtlsMesh("rot");
            RunningDataplane server = bed.sidecar("rot", "ledger-1", "ledger", app.port(), "tcp");
            RunningDataplane client = bed.sidecar("rot", "teller-1", "teller", 1, "tcp", "ledger");
            JsonNode probe = bed.registerAndFetchIdentity("rot", "probe-1", "probe", 1);
            long generation = server.certificateGeneration();
            assertThat(generation).isEqualTo(1);
            X509Certificate before = serverCertificate(server, probe);
            try (MeshBed.Conn open = MeshBed.Conn.open(client.outbound("ledger").orElseThrow())) {
                assertThat(open.send("a\n")).isEqualTo("a\n");
                // Changing the mesh's mTLS settings makes the control plane regenerate every certificate
                // (pkg/xds/secrets/secrets.go: "Mesh mTLS settings have changed").
                assertThat(bed.http
                                .putYaml(
                                        "/meshes/rot",
                                        MeshBed.MTLS_MESH.formatted("rot")
                                                + "      dpCert:\n        rotation:\n          expiration: 2h\n")
                                .status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> server.certificateGeneration() > generation && client.certificateGeneration() > 1);
                probe = bed.registerAndFetchIdentity("rot", "probe-1", "probe", 1);
                X509Certificate after = serverCertificate(server, probe);
                assertThat(after.getSerialNumber()).isNotEqualTo(before.getSerialNumber());
                assertThat(after.getNotAfter().getTime() - after.getNotBefore().getTime())
                        .isLessThan(Duration.ofHours(3).toMillis());
                assertThat(MeshBed.roundTrip(client.outbound("ledger").orElseThrow(), "new\n"))
                        .isEqualTo("new\n");
                assertThat(open.send("b\n")).isEqualTo("b\n");
            }
            JsonNode insight =
                    bed.http.get("/meshes/rot/dataplanes/ledger-1/_overview").json();
            assertThat(insight.path("dataplaneInsight")
                            .path("mTLS")
                            .path("certificateRegenerations")
                            .asInt())
                    .isEqualTo(2);
            assertThat(insight.path("dataplaneInsight")
                            .path("subscriptions")
                            .get(0)
                            .has("disconnectTime"))
                    .as("the data plane's watch shows it online")
                    .isFalse();
        }
    }

    /** The certificate the inbound presents to a fresh TLS client. */
    private static X509Certificate serverCertificate(RunningDataplane server, JsonNode clientIdentity)
            throws Exception {
        InetSocketAddress in = server.inbounds().get(0).address();
        try (SSLSocket s = (SSLSocket)
                MeshBed.tls(clientIdentity).getSocketFactory().createSocket(in.getAddress(), in.getPort())) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }
}
