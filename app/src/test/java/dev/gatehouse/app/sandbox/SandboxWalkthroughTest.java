package dev.gatehouse.app.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed walkthrough, over HTTP only (Admin API, proxy, control-plane API), against the headless sandbox:
 * gateway key-auth for north-south, then mesh zero trust for east-west, once with TrafficPermission and once with
 * MeshTrafficPermission.
 */
class SandboxWalkthroughTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MESH_CHANGE = Duration.ofSeconds(5);
    /** How long a mesh step's answer must hold before the next step. */
    private static final Duration STEADY = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private RunningSandbox sandbox;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(SandboxConfig.ephemeral(dir), step -> {});
        // Reported, not asserted: speed goals are measured outside unit tests (see the note).
        System.out.println("sandbox start to ready: " + sandbox.startMillis() + " ms");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private Reply send(
            URI base, String method, String path, String contentType, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private Reply admin(String method, String path, String form) throws Exception {
        return send(sandbox.admin(), method, path, "application/x-www-form-urlencoded", form, Map.of());
    }

    private Reply kuma(String method, String path, String yaml) throws Exception {
        return send(sandbox.controlPlane(), method, path, yaml == null ? null : "application/yaml", yaml, Map.of());
    }

    private Reply increment(Map<String, String> headers) throws Exception {
        return send(sandbox.proxy(), "POST", "/increment", null, null, headers);
    }

    private static final Map<String, String> KEY = Map.of("apiKey", "123test");

    /** Steps 1-3: the gateway in front of demo-app, then key-auth with a consumer key. */
    private void gatewayWithKeyAuth() throws Exception {
        assertThat(admin("POST", "/services", "name=kuma-demo-svc&url=http://demo-app.mesh:80")
                        .status())
                .isEqualTo(201);
        assertThat(admin("POST", "/services/kuma-demo-svc/routes", "name=kuma-demo-rt&paths[]=/")
                        .status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            Reply first = increment(Map.of());
            assertThat(first.status()).as(first.body()).isEqualTo(200);
            assertThat(first.json().path("zone").asText()).isEqualTo("local");
        });

        assertThat(admin("POST", "/routes/kuma-demo-rt/plugins", "name=key-auth&config.key_names=apiKey")
                        .status())
                .isEqualTo(201);
        assertThat(admin("POST", "/consumers", "username=demo-user").status()).isEqualTo(201);
        assertThat(admin("POST", "/consumers/demo-user/key-auth", "key=123test").status())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(increment(Map.of()).status()).isEqualTo(401));
        Reply noKey = increment(Map.of());
        assertThat(noKey.json().path("message").asText()).isEqualTo("No API key found in request");
        assertThat(increment(Map.of("apiKey", "wrong")).json().path("message").asText())
                .isEqualTo("Unauthorized");
        assertThat(increment(KEY).status()).isEqualTo(200);

        // Step 4: mTLS with the builtin CA; allow-all still lets everything through.
        assertThat(kuma("PUT", "/meshes/default", """
                type: Mesh
                name: default
                mtls:
                  enabledBackend: ca-1
                  backends:
                  - name: ca-1
                    type: builtin
                """).status()).isEqualTo(200);
        // The data planes switch a moment after the control plane has the change, one by one, and requests fail
        // while they do (Kuma's STRICT mode): a first 200 can come before any of them switched, a 503 from the switch
        // itself. So each step waits until its answer holds for a second.
        await().during(STEADY)
                .atMost(MESH_CHANGE.plus(STEADY))
                .until(() -> increment(KEY).status() == 200);

        // Step 5: zero trust: without allow-all the mesh refuses the gateway, which reports 503.
        assertThat(kuma("DELETE", "/meshes/default/traffic-permissions/allow-all-default", null)
                        .status())
                .isEqualTo(200);
        await().during(STEADY)
                .atMost(MESH_CHANGE.plus(STEADY))
                .until(() -> increment(KEY).status() == 503);
    }

    @Test
    void theSeedWalkthroughWithTrafficPermission() throws Exception {
        gatewayWithKeyAuth();
        // Step 6: the gateway may reach everything, but demo-app may not reach redis yet.
        assertThat(kuma("PUT", "/meshes/default/traffic-permissions/gateway-to-all", """
                type: TrafficPermission
                mesh: default
                name: gateway-to-all
                sources:
                - match:
                    kuma.io/service: gateway
                destinations:
                - match:
                    kuma.io/service: '*'
                """)
                        .status())
                .isEqualTo(201);
        await().atMost(MESH_CHANGE).untilAsserted(() -> {
            Reply blocked = increment(KEY);
            assertThat(blocked.status()).as(blocked.body()).isEqualTo(500);
            assertThat(blocked.json().path("err").asText()).isNotEmpty();
        });
        // Step 7: demo-app to redis; the counter goes on.
        assertThat(kuma("PUT", "/meshes/default/traffic-permissions/demo-app-to-redis", """
                type: TrafficPermission
                mesh: default
                name: demo-app-to-redis
                sources:
                - match:
                    kuma.io/service: demo-app
                destinations:
                - match:
                    kuma.io/service: redis
                """)
                        .status())
                .isEqualTo(201);
        await().atMost(MESH_CHANGE)
                .untilAsserted(() -> assertThat(increment(KEY).status()).isEqualTo(200));
        long before = increment(KEY).json().path("counter").asLong();
        assertThat(increment(KEY).json().path("counter").asLong()).isEqualTo(before + 1);
    }

    @Test
    void theSeedWalkthroughWithMeshTrafficPermission() throws Exception {
        gatewayWithKeyAuth();
        assertThat(kuma("PUT", "/meshes/default/meshtrafficpermissions/gateway-to-all", """
                type: MeshTrafficPermission
                mesh: default
                name: gateway-to-all
                spec:
                  targetRef:
                    kind: Mesh
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: gateway
                    default:
                      action: Allow
                """)
                        .status())
                .isEqualTo(201);
        await().atMost(MESH_CHANGE).untilAsserted(() -> {
            Reply blocked = increment(KEY);
            assertThat(blocked.status()).as(blocked.body()).isEqualTo(500);
            assertThat(blocked.json().path("err").asText()).isNotEmpty();
        });
        assertThat(kuma("PUT", "/meshes/default/meshtrafficpermissions/demo-app-to-redis", """
                type: MeshTrafficPermission
                mesh: default
                name: demo-app-to-redis
                spec:
                  targetRef:
                    kind: MeshService
                    name: redis
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: demo-app
                    default:
                      action: Allow
                """)
                        .status())
                .isEqualTo(201);
        await().atMost(MESH_CHANGE)
                .untilAsserted(() -> assertThat(increment(KEY).status()).isEqualTo(200));
        long before = increment(KEY).json().path("counter").asLong();
        assertThat(increment(KEY).json().path("counter").asLong()).isEqualTo(before + 1);
    }
}
