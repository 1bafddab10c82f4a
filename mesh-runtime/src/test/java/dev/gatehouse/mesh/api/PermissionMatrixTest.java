package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.policy.PolicyRef;
import dev.gatehouse.mesh.policy.ServicePermissions;
import dev.gatehouse.mesh.policy.ServicePermissions.Access;
import dev.gatehouse.mesh.policy.ServicePermissions.Matrix;
import dev.gatehouse.mesh.policy.ServicePermissions.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /meshes/{mesh}/_permission-matrix} over HTTP against a started control plane with data planes (a
 * delegated gateway among them) and a mix of TrafficPermission and MeshTrafficPermission: allow, deny, allow-all of
 * both kinds, mTLS off. Every pair agrees with {@code _permissions?source&destination}, and the facade computing from
 * the REST API's JSON (what the console does for a real Kuma) gives the same matrix.
 */
class PermissionMatrixTest {
    @TempDir
    Path dir;

    private RunningControlPlane cp;
    private Http http;

    @BeforeEach
    void start() {
        cp = TestControlPlanes.start(dir);
        http = new Http(cp.apiUri());
        put("/meshes/default/dataplanes/gateway-1", """
                {"type":"Dataplane","mesh":"default","name":"gateway-1",
                 "networking":{"address":"127.0.0.1",
                   "gateway":{"type":"DELEGATED","tags":{"kuma.io/service":"gateway"}}}}""");
        for (String service : List.of("web", "backend", "redis", "old")) {
            Http.Res r = http.putYaml(
                    "/meshes/default/dataplanes/" + service + "-1",
                    ResourceApiTest.dataplane("default", service + "-1", service));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    private void put(String path, String json) {
        Http.Res r = http.putJson(path, json);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    private void enableMtls() {
        put("/meshes/default", """
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
    }

    /** redis only from backend; web from everyone but old; old (legacy) only from the gateway. */
    private void putPolicies() {
        put("/meshes/default/meshtrafficpermissions/redis", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"redis",
                 "spec":{"targetRef":{"kind":"MeshService","name":"redis"},
                   "from":[{"targetRef":{"kind":"MeshService","name":"backend"},"default":{"action":"Allow"}}]}}""");
        put("/meshes/default/meshtrafficpermissions/web", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"web",
                 "spec":{"targetRef":{"kind":"MeshService","name":"web"},
                   "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}},
                           {"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"old"}},
                            "default":{"action":"Deny"}}]}}""");
        put("/meshes/default/traffic-permissions/old-from-gateway", """
                {"type":"TrafficPermission","mesh":"default","name":"old-from-gateway",
                 "sources":[{"match":{"kuma.io/service":"gateway"}}],
                 "destinations":[{"match":{"kuma.io/service":"old"}}]}""");
    }

    private Matrix matrix() {
        Http.Res r = http.get("/meshes/default/_permission-matrix");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return Matrix.fromJson(r.json());
    }

    private static Pair pair(Matrix m, String source, String destination) {
        return m.pair(source, destination).orElseThrow(() -> new AssertionError(source + " -> " + destination));
    }

    private static final PolicyRef ALLOW_ALL_TP = new PolicyRef("TrafficPermission", "allow-all-default");

    @Test
    void withMtlsOffNothingIsEnforced() {
        putPolicies();
        Matrix m = matrix();
        assertThat(m.mtlsEnabled()).isFalse();
        assertThat(m.services()).containsExactly("backend", "gateway", "old", "redis", "web");
        assertThat(m.pairs()).hasSize(5 * 4);
        assertThat(m.pairs()).allSatisfy(p -> {
            assertThat(p.access()).isEqualTo(Access.NOT_ENFORCED);
            assertThat(p.policy()).isEmpty();
        });
        assertThat(m.pairs()).noneMatch(p -> p.source().equals(p.destination()));
    }

    @Test
    void eachPairHasItsAccessItsPolicyAndItsRule() {
        enableMtls();
        putPolicies();
        Matrix m = matrix();
        assertThat(m.mtlsEnabled()).isTrue();

        // Only the mesh's allow-all TrafficPermission lets anyone reach backend, and the gateway (no inbound).
        Pair toBackend = pair(m, "old", "backend");
        assertThat(toBackend.access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(toBackend.policy()).contains(ALLOW_ALL_TP);
        assertThat(toBackend.rule()).isEqualTo("source kuma.io/service=*: Allow");
        assertThat(pair(m, "web", "gateway").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);

        Pair backendToRedis = pair(m, "backend", "redis");
        assertThat(backendToRedis.access()).isEqualTo(Access.ALLOWED);
        assertThat(backendToRedis.policy()).contains(new PolicyRef("MeshTrafficPermission", "redis"));
        assertThat(backendToRedis.rule()).isEqualTo("from MeshService backend: Allow");
        Pair webToRedis = pair(m, "web", "redis");
        assertThat(webToRedis.access()).isEqualTo(Access.DENIED);
        assertThat(webToRedis.policy()).isEmpty();
        assertThat(webToRedis.rule()).isEqualTo("no from-rule matches: Deny");

        // A from item of kind Mesh in a policy for one service is not an allow-all.
        Pair gatewayToWeb = pair(m, "gateway", "web");
        assertThat(gatewayToWeb.access()).isEqualTo(Access.ALLOWED);
        assertThat(gatewayToWeb.rule()).isEqualTo("from Mesh: Allow");
        Pair oldToWeb = pair(m, "old", "web");
        assertThat(oldToWeb.access()).isEqualTo(Access.DENIED);
        assertThat(oldToWeb.policy()).contains(new PolicyRef("MeshTrafficPermission", "web"));
        assertThat(oldToWeb.rule()).isEqualTo("from MeshSubset kuma.io/service=old: Deny");

        // The more specific TrafficPermission wins over allow-all for old.
        Pair gatewayToOld = pair(m, "gateway", "old");
        assertThat(gatewayToOld.access()).isEqualTo(Access.ALLOWED);
        assertThat(gatewayToOld.policy()).contains(new PolicyRef("TrafficPermission", "old-from-gateway"));
        assertThat(gatewayToOld.rule()).isEqualTo("source kuma.io/service=gateway: Allow");
        Pair webToOld = pair(m, "web", "old");
        assertThat(webToOld.access()).isEqualTo(Access.DENIED);
        assertThat(webToOld.policy()).contains(new PolicyRef("TrafficPermission", "old-from-gateway"));

        assertAgreesWithTheServicePairInspection(m);
        assertTheFacadeOverTheRestApiAgrees(m);
    }

    @Test
    void aMeshWideMeshTrafficPermissionIsAnAllowAllAndOverridesLegacyPolicies() {
        enableMtls();
        putPolicies();
        put("/meshes/default/meshtrafficpermissions/allow-everything", """
                {"type":"MeshTrafficPermission","mesh":"default","name":"allow-everything",
                 "spec":{"targetRef":{"kind":"Mesh"},
                   "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");
        Matrix m = matrix();
        PolicyRef allowEverything = new PolicyRef("MeshTrafficPermission", "allow-everything");
        assertThat(pair(m, "old", "backend").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(pair(m, "old", "backend").policy()).contains(allowEverything);
        // Any MeshTrafficPermission selecting an inbound takes it from the legacy TrafficPermission.
        assertThat(pair(m, "web", "old").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(pair(m, "web", "redis").access()).isEqualTo(Access.ALLOWED_BY_ALLOW_ALL);
        assertThat(pair(m, "backend", "redis").access()).isEqualTo(Access.ALLOWED);
        // web's own Deny item merges after the mesh-wide Allow.
        assertThat(pair(m, "old", "web").access()).isEqualTo(Access.DENIED);

        assertAgreesWithTheServicePairInspection(m);
        assertTheFacadeOverTheRestApiAgrees(m);
    }

    @Test
    void theJsonGroupsSourcesPerDestination() {
        enableMtls();
        putPolicies();
        JsonNode json = http.get("/meshes/default/_permission-matrix").json();
        JsonNode redis = destination(json, "redis");
        // Most sources are denied: that is otherSources; backend is the one group listed.
        assertThat(redis.path("otherSources").path("access").asText()).isEqualTo("DENIED");
        assertThat(redis.path("otherSources").path("policy").isNull()).isTrue();
        assertThat(redis.path("groups")).hasSize(1);
        assertThat(redis.path("groups").get(0).path("sources").toString()).isEqualTo("[\"backend\"]");
        assertThat(redis.path("groups").get(0).path("policy").path("name").asText())
                .isEqualTo("redis");
        // Everyone reaches backend the same way: no group at all.
        JsonNode backend = destination(json, "backend");
        assertThat(backend.path("otherSources").path("access").asText()).isEqualTo("ALLOWED_BY_ALLOW_ALL");
        assertThat(backend.path("groups")).isEmpty();
        assertThat(http.get("/meshes/nowhere/_permission-matrix").status()).isEqualTo(404);
    }

    private static JsonNode destination(JsonNode json, String service) {
        for (JsonNode d : json.path("destinations")) {
            if (d.path("service").asText().equals(service)) {
                return d;
            }
        }
        throw new AssertionError("no destination " + service + " in " + json);
    }

    /** The same decision and policy as {@code _permissions?source&destination}, pair by pair. */
    private void assertAgreesWithTheServicePairInspection(Matrix m) {
        for (Pair p : m.pairs()) {
            JsonNode one = http.get(
                            "/meshes/default/_permissions?source=" + p.source() + "&destination=" + p.destination())
                    .json();
            assertThat(p.access().equals(Access.DENIED))
                    .as(p + " vs " + one)
                    .isEqualTo(!one.path("allowed").asBoolean());
            Optional<PolicyRef> policy = one.path("policy").isObject()
                    ? Optional.of(new PolicyRef(
                            one.path("policy").path("type").asText(),
                            one.path("policy").path("name").asText()))
                    : Optional.empty();
            assertThat(p.policy()).as(p + " vs " + one).isEqualTo(policy);
        }
    }

    /** What the console does for a real Kuma: fetch the Mesh, data planes and permission lists, then compute. */
    private void assertTheFacadeOverTheRestApiAgrees(Matrix fromEndpoint) {
        Matrix computed = ServicePermissions.fromRest(
                        http.get("/meshes/default").json(),
                        items("/meshes/default/dataplanes+insights"),
                        items("/meshes/default/traffic-permissions"),
                        items("/meshes/default/meshtrafficpermissions"))
                .matrix();
        assertThat(computed).isEqualTo(fromEndpoint);
    }

    private List<JsonNode> items(String path) {
        List<JsonNode> out = new ArrayList<>();
        http.get(path).json().path("items").forEach(out::add);
        return out;
    }
}
