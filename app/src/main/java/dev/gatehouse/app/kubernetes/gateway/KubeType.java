package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** The Kubernetes resources the Kong entities live in, named so that no call needs the API server's discovery. */
enum KubeType {
    SERVICE("", "v1", "services", "Service", true),
    INGRESS("networking.k8s.io", "v1", "ingresses", "Ingress", true),
    SECRET("", "v1", "secrets", "Secret", true),
    KONG_PLUGIN("configuration.konghq.com", "v1", "kongplugins", "KongPlugin", true),
    KONG_CLUSTER_PLUGIN("configuration.konghq.com", "v1", "kongclusterplugins", "KongClusterPlugin", false),
    KONG_CONSUMER("configuration.konghq.com", "v1", "kongconsumers", "KongConsumer", true),
    HTTP_ROUTE("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true),
    GATEWAY("gateway.networking.k8s.io", "v1", "gateways", "Gateway", true),
    GATEWAY_CLASS("gateway.networking.k8s.io", "v1", "gatewayclasses", "GatewayClass", false);

    private final ResourceDefinitionContext context;

    KubeType(String group, String version, String plural, String kind, boolean namespaced) {
        this.context = new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withPlural(plural)
                .withKind(kind)
                .withNamespaced(namespaced)
                .build();
    }

    /** The type of an object read through {@link Cluster}, by its {@code apiVersion} and {@code kind}. */
    static KubeType of(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String kind = object.path("kind").asText();
        for (KubeType type : values()) {
            if (type.kind().equals(kind) && type.context.getGroup().equals(group)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a kind the gateway repository reads: " + apiVersion + " " + kind);
    }

    ResourceDefinitionContext context() {
        return context;
    }

    String kind() {
        return context.getKind();
    }

    boolean namespaced() {
        return context.isNamespaceScoped();
    }

    /** The resource as RBAC rules and kubectl name it: {@code ingresses.networking.k8s.io}, {@code services}. */
    String resource() {
        return context.getGroup().isEmpty() ? context.getPlural() : context.getPlural() + "." + context.getGroup();
    }
}
