package dev.gatehouse.app.kubernetes.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.kubernetes.mesh.KubernetesMeshRepository;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kuma's control plane API through a real tunnel (the mock API server's pods/portforward bridged to the embedded
 * control plane's API): the Kubernetes mesh repository answers a data plane's permissions with the control plane's
 * inspection, and computes them with the engine over the custom resources for one the control plane does not know.
 */
class KumaApiForwardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POD = "kuma-control-plane-7f9c-abcde";

    @TempDir
    Path dir;

    private MeshMockCluster cluster;
    private RunningControlPlane cp;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @BeforeEach
    void start() {
        cluster = MeshMockCluster.start();
        cp = TestRuntimes.controlPlane(dir);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
        cp.close();
        cluster.close();
    }

    /** The Service and pod Kuma's Helm chart leaves in kuma-system (cp-service.yaml: 5680, 5681 http-api-server). */
    private void controlPlaneService() {
        cluster.client()
                .services()
                .inNamespace(MeshMockCluster.CONTROL_PLANE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("kuma-control-plane")
                        .endMetadata()
                        .withNewSpec()
                        .addToSelector("app", "kuma-control-plane")
                        .addNewPort()
                        .withName("diagnostics")
                        .withPort(5680)
                        .endPort()
                        .addNewPort()
                        .withName("http-api-server")
                        .withPort(5681)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        cluster.client()
                .pods()
                .inNamespace(MeshMockCluster.CONTROL_PLANE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(POD)
                        .addToLabels("app", "kuma-control-plane")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("control-plane")
                        .withImage("kumahq/kuma-cp:2.9.3")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus("True")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
    }

    @Test
    void permissionsComeFromTheControlPlanesInspectionThroughTheForward() throws Exception {
        assertThat(KumaControlPlaneService.find(cluster.client(), "kong-mesh-system"))
                .isEqualTo(new TargetLookup(
                        java.util.Optional.empty(),
                        "no Service kuma-control-plane or kong-mesh-control-plane with port 5681 in namespace"
                                + " kong-mesh-system"));
        controlPlaneService();
        cluster.kumaDefaults();
        cluster.dataplane("web-k8s-1", "web", 8080, false);
        try (KumaClient direct = TestRuntimes.kuma(cp)) {
            direct.put("/meshes/default/dataplanes/web-1", (ObjectNode) JSON.readTree("""
                            {"type":"Dataplane","mesh":"default","name":"web-1",
                             "networking":{"address":"127.0.0.1","inbound":[{"port":8080,"servicePort":18080,
                               "tags":{"kuma.io/service":"web","kuma.io/protocol":"tcp"}}]}}"""))
                    .join();
        }
        cluster.tunnels().bridge(MeshMockCluster.CONTROL_PLANE, POD, 5681, cp.apiAddress());

        ForwardTarget target = KumaControlPlaneService.find(cluster.client(), MeshMockCluster.CONTROL_PLANE)
                .target()
                .orElseThrow();
        try (KumaApiForward forward =
                KumaApiForward.open(cluster.client(), target, Duration.ofSeconds(3), Duration.ofSeconds(10))) {
            ForwardState state = forward.forward().state();
            assertThat(state.phase()).isEqualTo(ForwardState.Phase.OPEN);
            assertThat(state.sentence())
                    .isEqualTo("Kuma's control plane API: port-forward open on 127.0.0.1:" + state.localPort()
                            + " to kuma-system/kuma-control-plane:5681 (pod " + POD + ":5681)");
            KubernetesMeshRepository mesh = new KubernetesMeshRepository(
                    cluster.client(), MeshMockCluster.CONTROL_PLANE, executor, forward.controlPlane());

            // Only the control plane knows web-1: its inspection answered, through the tunnel.
            DataplanePermissions inspected =
                    mesh.permissions("default", "web-1").join();
            assertThat(inspected.dataplane()).isEqualTo("web-1");
            assertThat(inspected.inbounds())
                    .singleElement()
                    .satisfies(i -> assertThat(i.tags()).containsEntry("kuma.io/service", "web"));

            // Only the cluster's custom resources know web-k8s-1 (Kuma's name: pod.namespace): the control plane's
            // 404, then the engine.
            DataplanePermissions computed =
                    mesh.permissions("default", "web-k8s-1.kuma-demo").join();
            assertThat(computed.dataplane()).isEqualTo("web-k8s-1.kuma-demo");
            assertThat(computed.inbounds())
                    .singleElement()
                    .satisfies(i -> assertThat(i.tags()).containsEntry("k8s.kuma.io/namespace", MeshMockCluster.APPS));
        }
    }
}
