package dev.gatehouse.app.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshChange;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mesh repository over a real control plane's REST API: meshes, data planes with insights, policies by type,
 * permission inspection and what-if ({@code _permissions}), and the {@code /watch} change stream (mesh-runtime's
 * InspectionEndpoints and WatchStreams give the shapes).
 */
class KumaMeshRepositoryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private RunningControlPlane cp;
    private KumaClient kuma;
    private KumaMeshRepository mesh;

    @BeforeEach
    void start() {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
        mesh = new KumaMeshRepository(kuma);
    }

    @AfterEach
    void stop() {
        kuma.close();
        cp.close();
    }

    private void put(String path, String json) throws Exception {
        kuma.put(path, (ObjectNode) JSON.readTree(json)).join();
    }

    private static final String WEB_DATAPLANE = """
            {"type":"Dataplane","mesh":"default","name":"web-1",
             "networking":{"address":"127.0.0.1","inbound":[{"port":8080,"servicePort":18080,
               "tags":{"kuma.io/service":"web","kuma.io/protocol":"tcp"}}]}}""";

    @Test
    void aNewControlPlaneHasTheDefaultMeshAndItsAllowAll() {
        assertThat(mesh.node().join().product()).isNotEmpty();
        assertThat(mesh.meshes().join())
                .extracting(m -> m.path("name").asText())
                .contains("default");
        assertThat(mesh.policies("default", MeshResourceType.TRAFFIC_PERMISSION).join())
                .extracting(p -> p.path("name").asText())
                .contains("allow-all-default");
        assertThat(mesh.policies("default", MeshResourceType.MESH_TRAFFIC_PERMISSION)
                        .join())
                .isEmpty();
    }

    @Test
    void dataplanesComeWithTheirInsights() throws Exception {
        put("/meshes/default/dataplanes/web-1", WEB_DATAPLANE);
        List<ObjectNode> dataplanes = mesh.dataplanes("default").join();
        assertThat(dataplanes).hasSize(1);
        // Kuma's dataplanes+insights items carry the dataplane and its insight side by side.
        assertThat(dataplanes.get(0).path("name").asText()).isEqualTo("web-1");
        assertThat(dataplanes.get(0).has("dataplaneInsight")).isTrue();
    }

    /** Permissions are enforced only with mTLS on (Kuma docs), so inspection needs it too. */
    private void enableMtls() throws Exception {
        put("/meshes/default", """
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
    }

    @Test
    void whatIfNamesThePolicyThatDecides() throws Exception {
        PermissionDecision open = mesh.decide("default", "gateway", "web").join();
        assertThat(open.allowed()).isTrue();
        assertThat(open.policy()).isEmpty();
        assertThat(open.source()).isEqualTo("gateway");
        assertThat(open.destination()).isEqualTo("web");

        enableMtls();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PermissionDecision allowed =
                    mesh.decide("default", "gateway", "web").join();
            assertThat(allowed.allowed()).isTrue();
            assertThat(allowed.policy()).contains(new PolicyRef("TrafficPermission", "allow-all-default"));
        });
        kuma.delete("/meshes/default/traffic-permissions/allow-all-default").join();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PermissionDecision denied = mesh.decide("default", "gateway", "web").join();
            assertThat(denied.allowed()).isFalse();
            assertThat(denied.policy()).isEmpty();
            assertThat(denied.reason()).isNotEmpty();
        });
    }

    @Test
    void aDataplanesPermissionsAreListedInboundByInbound() throws Exception {
        put("/meshes/default/dataplanes/web-1", WEB_DATAPLANE);
        assertThat(mesh.permissions("default", "web-1").join().mtlsEnabled()).isFalse();
        enableMtls();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            DataplanePermissions permissions =
                    mesh.permissions("default", "web-1").join();
            assertThat(permissions.dataplane()).isEqualTo("web-1");
            assertThat(permissions.mtlsEnabled()).isTrue();
            assertThat(permissions.inbounds()).hasSize(1);
            DataplanePermissions.Inbound inbound = permissions.inbounds().get(0);
            assertThat(inbound.tags()).containsEntry("kuma.io/service", "web");
            assertThat(inbound.mode()).isEqualTo("TRAFFIC_PERMISSION");
            assertThat(inbound.policies()).containsExactly(new PolicyRef("TrafficPermission", "allow-all-default"));
        });

        try {
            mesh.permissions("default", "nobody").join();
            throw new AssertionError("expected 404");
        } catch (CompletionException e) {
            assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                            MeshException.class,
                            refusal -> assertThat(refusal.status()).isEqualTo(404));
        }
    }

    @Test
    void theWatchTellsOfEachChangeAfterItOpened() throws Exception {
        List<MeshChange> changes = new CopyOnWriteArrayList<>();
        List<Throwable> ends = new CopyOnWriteArrayList<>();
        try (MeshWatch watch =
                mesh.watch(Set.of(MeshResourceType.MESH_TRAFFIC_PERMISSION), "default", changes::add, ends::add)) {
            watch.opened().get(10, java.util.concurrent.TimeUnit.SECONDS);
            put("/meshes/default/meshtrafficpermissions/web-from-gateway", """
                    {"type":"MeshTrafficPermission","mesh":"default","name":"web-from-gateway",
                     "spec":{"targetRef":{"kind":"MeshService","name":"web"},
                       "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                                "default":{"action":"Allow"}}]}}""");
            put("/meshes/default/dataplanes/web-1", WEB_DATAPLANE);
            kuma.delete("/meshes/default/meshtrafficpermissions/web-from-gateway")
                    .join();
            await().atMost(Duration.ofSeconds(10)).until(() -> changes.size() >= 2);
        }
        // Only the watched type: the dataplane did not come through.
        assertThat(changes)
                .extracting(MeshChange::operation)
                .containsExactly(MeshChange.Operation.CREATE, MeshChange.Operation.DELETE);
        assertThat(changes.get(0).name()).isEqualTo("web-from-gateway");
        assertThat(changes.get(0)
                        .resource()
                        .orElseThrow()
                        .path("spec")
                        .path("targetRef")
                        .path("name")
                        .asText())
                .isEqualTo("web");
        assertThat(changes.get(1).resource()).isEmpty();
        assertThat(changes.get(1).revision()).isGreaterThan(changes.get(0).revision());
        assertThat(ends).as("closing the watch is not an error").isEmpty();
    }
}
