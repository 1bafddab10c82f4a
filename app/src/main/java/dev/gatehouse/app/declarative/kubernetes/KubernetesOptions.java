package dev.gatehouse.app.declarative.kubernetes;

/**
 * How to write Kubernetes manifests: {@code includeSecrets} keeps key-auth keys in their Secrets (they read
 * {@code <redacted>} otherwise); {@code gatewayApi} writes routes as Gateway API HTTPRoutes attached to the Gateway
 * {@code gatewayName} instead of Ingresses; {@code namespace} holds the gateway's resources and {@code meshNamespace}
 * the mesh's namespaced policies (the control plane's namespace, Kuma's {@code kuma-system} by default).
 */
public record KubernetesOptions(
        boolean includeSecrets, boolean gatewayApi, String namespace, String meshNamespace, String gatewayName) {

    public static final String DEFAULT_NAMESPACE = "default";
    public static final String DEFAULT_MESH_NAMESPACE = "kuma-system";
    /** The Gateway HTTPRoutes attach to: KIC's guides name it {@code kong}. */
    public static final String DEFAULT_GATEWAY = "kong";

    public KubernetesOptions {
        namespace = Names.checkedNamespace(namespace, "--namespace");
        meshNamespace = Names.checkedNamespace(meshNamespace, "--mesh-namespace");
    }

    /** Secrets redacted, Ingresses, namespaces {@code default} and {@code kuma-system}. */
    public static KubernetesOptions defaults() {
        return new KubernetesOptions(false, false, DEFAULT_NAMESPACE, DEFAULT_MESH_NAMESPACE, DEFAULT_GATEWAY);
    }

    public KubernetesOptions withSecrets() {
        return new KubernetesOptions(true, gatewayApi, namespace, meshNamespace, gatewayName);
    }

    public KubernetesOptions withGatewayApi() {
        return new KubernetesOptions(includeSecrets, true, namespace, meshNamespace, gatewayName);
    }

    public KubernetesOptions inNamespaces(String gateway, String mesh) {
        return new KubernetesOptions(includeSecrets, gatewayApi, gateway, mesh, gatewayName);
    }
}
