package dev.gatehouse.app.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gatehouse.app.kubernetes.testing.ApiDiscovery;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The wizard's namespace and "what is installed" steps against Fabric8's mock API server in CRUD mode, seeded as
 * the Kong Ingress Controller's and Kuma's Helm charts leave a cluster; and a user who may not list namespaces.
 */
class InstallationScanTest {

    private MockCluster cluster;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster("1", "31");
        client = cluster.admin();
        cluster.server()
                .expectCustomResource(new CustomResourceDefinitionContext.Builder()
                        .withGroup("kuma.io")
                        .withVersion("v1alpha1")
                        .withKind("Mesh")
                        .withPlural("meshes")
                        .withScope("Cluster")
                        .build());
    }

    @AfterEach
    void stop() {
        client.close();
        cluster.close();
    }

    private void deployment(String namespace, String name, String image) {
        client.apps()
                .deployments()
                .inNamespace(namespace)
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .withNewSpec()
                        .withNewTemplate()
                        .withNewSpec()
                        .addNewContainer()
                        .withName(name)
                        .withImage(image)
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                .create();
    }

    private void service(String namespace, String name) {
        client.services()
                .inNamespace(namespace)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .endMetadata()
                        .build())
                .create();
    }

    @Test
    void findsTheIngressControllerAndKumaWithVersionsAndMeshes() {
        for (String ns : List.of("kong", "kuma-system", "default")) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
        ApiDiscovery.serveKongAndKuma(cluster.server());
        client.network()
                .v1()
                .ingressClasses()
                .resource(new IngressClassBuilder()
                        .withNewMetadata()
                        .withName("kong")
                        .endMetadata()
                        .withNewSpec()
                        .withController("ingress-controllers.konghq.com/kong")
                        .endSpec()
                        .build())
                .create();
        service("kong", "kong-gateway-proxy");
        service("kong", "kong-gateway-admin");
        service("kong", "redis");
        deployment("kong", "kong-controller", "kong/kubernetes-ingress-controller:3.5.1");
        service("kuma-system", "kuma-control-plane");
        deployment("kuma-system", "kuma-control-plane", "docker.io/kumahq/kuma-cp:2.14.3");
        client.genericKubernetesResources("kuma.io/v1alpha1", "Mesh")
                .resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("kuma.io/v1alpha1")
                        .withKind("Mesh")
                        .withNewMetadata()
                        .withName("default")
                        .endMetadata()
                        .build())
                .create();

        assertThat(Namespaces.list(client).names()).containsExactly("default", "kong", "kuma-system");

        Installation found = InstallationScan.scan(client, List.of());
        Installation.Component kic = found.kongIngressController();
        assertThat(kic.present()).isTrue();
        assertThat(kic.version()).contains("3.5.1");
        assertThat(kic.found())
                .containsExactly(
                        "CRDs configuration.konghq.com (v1, v1beta1)",
                        "IngressClass kong (controller ingress-controllers.konghq.com/kong)",
                        "Service kong/kong-gateway-admin",
                        "Service kong/kong-gateway-proxy");
        Installation.Component kuma = found.mesh();
        assertThat(kuma.product()).isEqualTo("Kuma");
        assertThat(kuma.present()).isTrue();
        assertThat(kuma.version()).contains("2.14.3");
        assertThat(kuma.found()).containsExactly("CRDs kuma.io (v1alpha1)", "Service kuma-system/kuma-control-plane");
        assertThat(found.meshes()).containsExactly("default");
    }

    @Test
    void kongGatewaysOfTheGatewayApiAreFoundForHttpRoutesAndOtherImplementationsAreNot() {
        ApiDiscovery.serveKongAndKuma(cluster.server());
        ApiDiscovery.serve(cluster.server(), "gateway.networking.k8s.io", "v1");
        GatewayMockCluster.registerGatewayApi(cluster.server());
        // As KIC's Gateway API guide sets it up, beside another implementation's class and Gateway.
        gatewayApi("GatewayClass", null, "kong", Map.of("controllerName", "konghq.com/kic-gateway-controller"));
        gatewayApi("GatewayClass", null, "istio", Map.of("controllerName", "istio.io/gateway-controller"));
        gatewayApi("Gateway", "kong", "kong", Map.of("gatewayClassName", "kong"));
        gatewayApi("Gateway", "kong", "mesh-edge", Map.of("gatewayClassName", "istio"));

        Installation found = InstallationScan.scan(client, List.of());

        assertThat(found.kongGateways()).containsExactly("kong/kong");
        assertThat(found.kongIngressController().found()).contains("Gateway kong/kong (GatewayClass kong)");
        assertThat(InstallationScan.scan(client, List.of("default")).kongGateways())
                .isEmpty();
    }

    private void gatewayApi(String kind, String namespace, String name, Map<String, Object> spec) {
        GatewayMockCluster.gatewayApi(client, kind, namespace, name, spec);
    }

    @Test
    void anEmptyClusterHasNeitherAndAUserWhoMayNotListNamespacesTypesThem() {
        Installation none = InstallationScan.scan(client, List.of());
        assertThat(none.kongIngressController().present()).isFalse();
        assertThat(none.kongIngressController().found()).isEmpty();
        assertThat(none.mesh().present()).isFalse();
        assertThat(none.meshes()).isEmpty();

        ApiDiscovery.forbidNamespaceList(cluster.server());
        Namespaces.Listing listing = Namespaces.list(client);
        assertThat(listing.names()).isEmpty();
        assertThat(listing.typeThemBecause())
                .contains("This user may not list namespaces (403 Forbidden); type the ones you may use.");
        assertThat(Namespaces.parse("team-a, team-b\nteam-a")).containsExactly("team-a", "team-b");
        assertThat(catchThrowable(() -> Namespaces.parse("Team_A")))
                .hasMessage("\u201cTeam_A\u201d is not a namespace name: lower-case letters, digits and '-', at most 63"
                        + " characters.");
    }
}
