package dev.gatehouse.app.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.repository.mesh.ServiceAccess.Access;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permission matrix from the control plane's {@code _permission-matrix} and, where a control plane has none (a
 * real Kuma), computed by the console with the same engine; and the preview of edits, which writes nothing.
 */
class KumaPermissionMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunningControlPlane cp;
    private KumaClient kuma;
    private KumaMeshRepository mesh;

    @BeforeEach
    void start() throws Exception {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        mesh = new KumaMeshRepository(kuma);
        // The seed's data planes (app/.../sandbox/SandboxDataplanes): a delegated gateway, demo-app and redis.
        put("/meshes/default/dataplanes/gateway", """
                {"type":"Dataplane","mesh":"default","name":"gateway",
                 "networking":{"address":"127.0.0.1",
                   "gateway":{"type":"DELEGATED","tags":{"kuma.io/service":"gateway"}}}}""");
        put("/meshes/default/dataplanes/demo-app-1", dataplane("demo-app-1", "demo-app", 18081));
        put("/meshes/default/dataplanes/redis-1", dataplane("redis-1", "redis", 18082));
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    private static String dataplane(String name, String service, int port) {
        return """
                {"type":"Dataplane","mesh":"default","name":"%s",
                 "networking":{"address":"127.0.0.1","inbound":[{"port":%d,"servicePort":%d,
                   "tags":{"kuma.io/service":"%s","kuma.io/protocol":"tcp","version":"v1"}}]}}""".formatted(name, port, port + 1000, service);
    }

    private void put(String path, String json) throws Exception {
        kuma.put(path, object(json)).join();
    }

    private static ObjectNode object(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    private static final String MESH_WITH_MTLS = """
            {"type":"Mesh","name":"default",
             "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""";

    private static ServiceAccess pair(PermissionMatrix m, String source, String destination) {
        return m.pair(source, destination).orElseThrow(() -> new AssertionError(source + " -> " + destination));
    }

    /** Deny, allow, an allow-all of each kind, a legacy policy more specific than allow-all, four more services. */
    private void nontrivialPolicies() throws Exception {
        put("/meshes/default", MESH_WITH_MTLS);
        for (String service : List.of("billing", "search", "audit", "mail")) {
            put("/meshes/default/dataplanes/" + service + "-1", dataplane(service + "-1", service, 19000));
        }
        put("/meshes/default/meshtrafficpermissions/redis", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"redis",
                 "spec":{"targetRef":{"kind":"MeshService","name":"redis"},
                   "from":[{"targetRef":{"kind":"MeshService","name":"demo-app"},"default":{"action":"Allow"}},
                           {"targetRef":{"kind":"MeshSubset","tags":{"version":"v1"}},"default":{"action":"Deny"}},
                           {"targetRef":{"kind":"MeshServiceSubset","name":"billing","tags":{"version":"v1"}},
                            "default":{"action":"AllowWithShadowDeny"}}]}}""");
        put("/meshes/default/meshtrafficpermissions/search-all", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"search-all",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"search"}},
                   "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");
        put("/meshes/default/traffic-permissions/audit-from-mail", """
                {"type":"TrafficPermission","mesh":"default","name":"audit-from-mail",
                 "sources":[{"match":{"kuma.io/service":"mail"}}],
                 "destinations":[{"match":{"kuma.io/service":"audit","version":"*"}}]}""");
        put("/meshes/default/meshtrafficpermissions/billing-deny-gateway", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"billing-deny-gateway",
                 "spec":{"targetRef":{"kind":"MeshService","name":"billing"},
                   "from":[{"targetRef":{"kind":"MeshService","name":"gateway"},"default":{"action":"Deny"}},
                           {"targetRef":{"kind":"MeshService","name":"audit"},"default":{"action":"Allow"}}]}}""");
    }

    @Test
    void theControlPlaneAndTheConsolesEngineAgree() throws Exception {
        nontrivialPolicies();
        PermissionMatrix served = mesh.permissionMatrix("default").join();
        PermissionMatrix computed = mesh.computedMatrix("default", List.of()).join();

        assertThat(served.source()).isEqualTo(PermissionMatrix.Source.CONTROL_PLANE);
        assertThat(computed.source()).isEqualTo(PermissionMatrix.Source.CONSOLE_ENGINE);
        assertThat(served.services())
                .containsExactly("audit", "billing", "demo-app", "gateway", "mail", "redis", "search");
        assertThat(computed.services()).isEqualTo(served.services());
        assertThat(computed.mtlsEnabled()).isTrue().isEqualTo(served.mtlsEnabled());
        assertThat(served.pairs()).hasSize(7 * 6);
        assertThat(computed.pairs()).isEqualTo(served.pairs());
        // Nontrivial: every kind of answer is among them.
        assertThat(served.pairs())
                .extracting(ServiceAccess::access)
                .contains(Access.ALLOWED, Access.ALLOWED_BY_ALLOW_ALL, Access.DENIED);
        assertThat(pair(served, "mail", "audit").policy())
                .contains(new PolicyRef("TrafficPermission", "audit-from-mail"));
        assertThat(pair(served, "gateway", "billing").access()).isEqualTo(Access.DENIED);
        assertThat(pair(served, "gateway", "billing").rule()).isEqualTo("from MeshService gateway: Deny");
        // Within redis's policy the last matching from item wins.
        assertThat(pair(served, "search", "redis").rule()).isEqualTo("from MeshSubset version=v1: Deny");
        assertThat(pair(served, "demo-app", "redis").access()).isEqualTo(Access.DENIED);
        assertThat(pair(served, "billing", "redis").access()).isEqualTo(Access.ALLOWED);
        assertThat(pair(served, "billing", "redis").rule())
                .isEqualTo("from MeshServiceSubset billing version=v1: AllowWithShadowDeny");
        assertThat(pair(served, "gateway", "search").access()).isEqualTo(Access.ALLOWED);
        assertThat(pair(served, "gateway", "mail").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
    }

    @Test
    void aControlPlaneWithoutTheEndpointGetsTheMatrixComputedByTheConsole() throws Exception {
        nontrivialPolicies();
        PermissionMatrix served = mesh.permissionMatrix("default").join();
        try (KumaLikeProxy kumaLike = new KumaLikeProxy(cp.apiUri());
                KumaClient client = new KumaClient(new ApiTransport(
                        ApiEndpoint.of(kumaLike.uri()), Duration.ofSeconds(3), Duration.ofSeconds(30)))) {
            PermissionMatrix computed =
                    new KumaMeshRepository(client).permissionMatrix("default").join();
            assertThat(computed.source()).isEqualTo(PermissionMatrix.Source.CONSOLE_ENGINE);
            assertThat(computed.pairs()).isEqualTo(served.pairs());
            assertThatThrownBy(() -> new KumaMeshRepository(client)
                            .permissionMatrix("nowhere")
                            .join())
                    .cause()
                    .isInstanceOfSatisfying(
                            MeshException.class, e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void deletingAllowAllIsPreviewedAsTheSeedsPairsBecomingDenied() throws Exception {
        put("/meshes/default", MESH_WITH_MTLS);
        PermissionMatrix now = mesh.permissionMatrix("default").join();
        assertThat(pair(now, "gateway", "demo-app").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(pair(now, "demo-app", "redis").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);

        MeshEdit deleteAllowAll = MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default");
        PermissionMatrix after =
                mesh.previewMatrix("default", List.of(deleteAllowAll)).join();
        assertThat(after.source()).isEqualTo(PermissionMatrix.Source.CONSOLE_ENGINE);
        List<String> becomeDenied = now.pairs().stream()
                .filter(p ->
                        p.allowed() && !pair(after, p.source(), p.destination()).allowed())
                .map(p -> p.source() + " -> " + p.destination())
                .toList();
        assertThat(becomeDenied).contains("gateway -> demo-app", "demo-app -> redis");
        assertThat(pair(after, "gateway", "demo-app").policy()).isEmpty();
        // A preview writes nothing.
        assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                        .join())
                .isPresent();

        // The seed's next steps, previewed together: allow gateway -> demo-app; demo-app -> redis stays denied.
        MeshEdit allowGateway = MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, object("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"demo-app-from-gateway",
                 "spec":{"targetRef":{"kind":"MeshService","name":"demo-app"},
                   "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                            "default":{"action":"Allow"}}]}}"""));
        PermissionMatrix next = mesh.previewMatrix("default", List.of(deleteAllowAll, allowGateway))
                .join();
        assertThat(pair(next, "gateway", "demo-app").access()).isEqualTo(Access.ALLOWED);
        assertThat(pair(next, "gateway", "demo-app").policy())
                .contains(new PolicyRef("MeshTrafficPermission", "demo-app-from-gateway"));
        assertThat(pair(next, "demo-app", "redis").access()).isEqualTo(Access.DENIED);
    }

    @Test
    void enablingMtlsIsPreviewedFromAnEditOfTheMesh() throws Exception {
        PermissionMatrix now = mesh.permissionMatrix("default").join();
        assertThat(now.mtlsEnabled()).isFalse();
        assertThat(now.pairs()).extracting(ServiceAccess::access).containsOnly(Access.NOT_ENFORCED);

        PermissionMatrix after = mesh.previewMatrix(
                        "default", List.of(MeshEdit.put(MeshResourceType.MESH, object(MESH_WITH_MTLS))))
                .join();
        assertThat(after.mtlsEnabled()).isTrue();
        assertThat(after.pairs()).extracting(ServiceAccess::access).containsOnly(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(mesh.find(MeshResourceType.MESH, "", "default")
                        .join()
                        .orElseThrow()
                        .has("mtls"))
                .as("a preview writes nothing")
                .isFalse();
    }

    /**
     * Stands in for a real Kuma in front of our control plane: every request is passed on, except
     * {@code _permission-matrix}, which Kuma does not serve (go-restful's plain 404).
     */
    private static final class KumaLikeProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient client = HttpClient.newHttpClient();

        KumaLikeProxy(URI upstream) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    URI uri = exchange.getRequestURI();
                    if (uri.getPath().endsWith("/_permission-matrix")) {
                        byte[] body = "404: Page Not Found".getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(404, body.length);
                        exchange.getResponseBody().write(body);
                        return;
                    }
                    byte[] requestBody;
                    try (InputStream in = exchange.getRequestBody()) {
                        requestBody = in.readAllBytes();
                    }
                    HttpRequest.Builder forward = HttpRequest.newBuilder(upstream.resolve(
                                    uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())))
                            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(requestBody));
                    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
                    if (contentType != null) {
                        forward.header("Content-Type", contentType);
                    }
                    HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                    answer.headers()
                            .firstValue("Content-Type")
                            .ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
                    exchange.sendResponseHeaders(
                            answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        @Override
        public void close() {
            server.stop(0);
            client.close();
        }
    }
}
