package dev.gatehouse.app.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding, writing and deleting resources through the mesh repository, and what the control plane lets the console
 * do ({@code GET /_resources}), over a real control plane, writable and read-only.
 */
class KumaMeshEditsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static final String ALLOW_WEB_FROM_GATEWAY = """
            {"type":"MeshTrafficPermission","mesh":"default","name":"web-from-gateway",
             "spec":{"targetRef":{"kind":"MeshService","name":"web"},
               "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                        "default":{"action":"Allow"}}]}}""";

    @Test
    void anEditIsWrittenFoundAndDeleted() throws Exception {
        try (RunningControlPlane cp = TestRuntimes.controlPlane(dir);
                KumaClient kuma = TestRuntimes.kuma(cp)) {
            KumaMeshRepository mesh = new KumaMeshRepository(kuma);
            assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "web-from-gateway")
                            .join())
                    .isEmpty();

            mesh.apply(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, json(ALLOW_WEB_FROM_GATEWAY)))
                    .join();
            ObjectNode found = mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "web-from-gateway")
                    .join()
                    .orElseThrow();
            assertThat(found.path("spec").path("targetRef").path("name").asText())
                    .isEqualTo("web");
            // Visible over the control plane's own REST API, not only through the repository.
            assertThat(kuma.get("/meshes/default/meshtrafficpermissions/web-from-gateway")
                            .join()
                            .path("name")
                            .asText())
                    .isEqualTo("web-from-gateway");

            mesh.apply(MeshEdit.delete(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "web-from-gateway"))
                    .join();
            assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "web-from-gateway")
                            .join())
                    .isEmpty();
        }
    }

    @Test
    void theMeshIsAGlobalResource() throws Exception {
        try (RunningControlPlane cp = TestRuntimes.controlPlane(dir);
                KumaClient kuma = TestRuntimes.kuma(cp)) {
            KumaMeshRepository mesh = new KumaMeshRepository(kuma);
            ObjectNode withMtls = json("""
                    {"type":"Mesh","name":"default",
                     "mtls":{"enabledBackend":"ca-1","backends":[{"name":"ca-1","type":"builtin"}]}}""");
            mesh.apply(MeshEdit.put(MeshResourceType.MESH, withMtls)).join();
            assertThat(mesh.find(MeshResourceType.MESH, "", "default")
                            .join()
                            .orElseThrow()
                            .path("mtls")
                            .path("enabledBackend")
                            .asText())
                    .isEqualTo("ca-1");
            assertThat(mesh.find(MeshResourceType.MESH, "", "nowhere").join()).isEmpty();
        }
    }

    @Test
    void aRefusalNamesTheFieldAndNothingIsWritten() throws Exception {
        try (RunningControlPlane cp = TestRuntimes.controlPlane(dir);
                KumaClient kuma = TestRuntimes.kuma(cp)) {
            KumaMeshRepository mesh = new KumaMeshRepository(kuma);
            ObjectNode bad = json(ALLOW_WEB_FROM_GATEWAY);
            ((ObjectNode) bad.path("spec").path("from").get(0).path("default")).put("action", "Maybe");

            assertThatThrownBy(() -> mesh.apply(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, bad))
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(MeshException.class, refusal -> {
                        assertThat(refusal.status()).isEqualTo(400);
                        assertThat(refusal.fieldErrors()).containsKey("spec.from[0].default.action");
                    });
            assertThat(mesh.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "web-from-gateway")
                            .join())
                    .isEmpty();
        }
    }

    @Test
    void aWritableControlPlaneServesBothPermissionKinds() {
        try (RunningControlPlane cp = TestRuntimes.controlPlane(dir);
                KumaClient kuma = TestRuntimes.kuma(cp)) {
            MeshCapabilities can = new KumaMeshRepository(kuma).capabilities().join();
            assertThat(can.readOnly()).isFalse();
            assertThat(can.readOnlyReason()).isEmpty();
            assertThat(can.meshTrafficPermission()).isTrue();
            assertThat(can.resourceTypes()).contains(MeshResourceType.MESH, MeshResourceType.DATAPLANE);
            // and MeshAccessLog since issue 15 (the live-traffic watch creates one)
            assertThat(can.policyTypes())
                    .containsExactlyInAnyOrder(
                            MeshResourceType.TRAFFIC_PERMISSION,
                            MeshResourceType.MESH_TRAFFIC_PERMISSION,
                            MeshResourceType.MESH_ACCESS_LOG);
        }
    }

    @Test
    void aReadOnlyControlPlaneIsKnownBeforeAnyWrite() throws Exception {
        // KUMA_API_SERVER_READ_ONLY, as Kuma's Helm chart sets it on Kubernetes
        // (deployments/charts/kuma/templates/_helpers.tpl): /_resources says readOnly for every type.
        try (RunningControlPlane cp = ControlPlane.start(ControlPlaneConfig.defaults(dir)
                        .withApiListen(new InetSocketAddress("127.0.0.1", 0))
                        .withReadOnly(true));
                KumaClient kuma = TestRuntimes.kuma(cp)) {
            KumaMeshRepository mesh = new KumaMeshRepository(kuma);
            MeshCapabilities can = mesh.capabilities().join();
            assertThat(can.readOnly()).isTrue();
            assertThat(can.readOnlyReason().orElseThrow())
                    .contains(cp.apiUri().toString())
                    .contains("read-only")
                    .contains("Kubernetes connection");
            assertThat(can.meshTrafficPermission()).isTrue();
            // Reading still works; a write is refused with Kuma's 405.
            assertThat(mesh.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default")
                            .join())
                    .isPresent();
            assertThatThrownBy(() -> mesh.apply(MeshEdit.put(
                                    MeshResourceType.MESH_TRAFFIC_PERMISSION, json(ALLOW_WEB_FROM_GATEWAY)))
                            .join())
                    .cause()
                    .isInstanceOfSatisfying(MeshException.class, refusal -> {
                        assertThat(refusal.status()).isEqualTo(405);
                        // Kuma's own sentence (pkg/api-server/resource_endpoints.go k8sReadOnlyMessage).
                        assertThat(refusal.getMessage()).contains("'kubectl apply'");
                    });
        }
    }
}
