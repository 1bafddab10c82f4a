package dev.gatehouse.app.kubernetes.testing;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Kong Admin API Service and pod as Kong's {@code ingress} Helm chart leaves them in namespace {@code kong} for
 * release {@code kong}: the headless Service {@code kong-gateway-admin} with port {@code kong-admin-tls} 8444, its
 * target port named as the gateway container's port {@code admin-tls}.
 */
public final class KongAdminFixture {

    public static final String NAMESPACE = "kong";
    public static final String SERVICE = "kong-gateway-admin";
    public static final String POD = "kong-gateway-6c7d8-x2x9q";
    public static final int PORT = 8444;

    private KongAdminFixture() {}

    /** The Service alone: selecting pods labelled {@code app=kong-gateway}, of which there are none yet. */
    public static void service(KubernetesClient admin) {
        admin.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("None")
                        .addToSelector("app", "kong-gateway")
                        .addNewPort()
                        .withName("kong-admin-tls")
                        .withPort(PORT)
                        .withTargetPort(new IntOrString("admin-tls"))
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    /** A gateway pod behind the Service, running and ready or not. */
    public static void pod(KubernetesClient admin, String name, boolean ready) {
        admin.pods()
                .inNamespace(NAMESPACE)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .addToLabels("app", "kong-gateway")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("proxy")
                        .withImage("kong:3.9")
                        .addNewPort()
                        .withName("admin-tls")
                        .withContainerPort(PORT)
                        .endPort()
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .addNewCondition()
                        .withType("Ready")
                        .withStatus(ready ? "True" : "False")
                        .endCondition()
                        .endStatus()
                        .build())
                .create();
    }
}
