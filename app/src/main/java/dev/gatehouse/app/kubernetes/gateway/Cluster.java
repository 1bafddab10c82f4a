package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The objects of one namespace (and the cluster-scoped KongClusterPlugins) as JSON, through Fabric8's generic
 * resources: blocking calls, each refused call translated by {@link KubernetesErrors}. Fabric8 serialises with its
 * own Jackson, the console with another, so objects cross between them as JSON text.
 */
final class Cluster {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final URI server;
    private final Optional<GatewayRef> routesGateway;

    Cluster(KubernetesClient client, String namespace, Optional<GatewayRef> routesGateway) {
        this.client = client;
        this.namespace = namespace;
        this.server = URI.create(client.getMasterUrl().toString());
        this.routesGateway = routesGateway;
    }

    /** The Gateway new routes are written for as HTTPRoutes; empty: as Ingresses. */
    Optional<GatewayRef> routesGateway() {
        return routesGateway;
    }

    String namespace() {
        return namespace;
    }

    URI server() {
        return server;
    }

    KubernetesClient client() {
        return client;
    }

    List<ObjectNode> list(KubeType type) {
        return call(
                "list",
                type,
                null,
                () -> resources(type).list().getItems().stream()
                        .map(this::toJson)
                        .toList());
    }

    /**
     * As {@link #list}, or empty when the type is not served (404: its CRD is not installed) or this account may
     * not list it (403): for kinds the gateway can do without, such as the Gateway API's.
     */
    Optional<List<ObjectNode>> listIfReadable(KubeType type) {
        try {
            return Optional.of(
                    resources(type).list().getItems().stream().map(this::toJson).toList());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 || e.getCode() == 404) {
                return Optional.empty();
            }
            throw KubernetesErrors.translate(e, "list", type, null, namespace, server);
        }
    }

    /** One object of a namespaced type in any namespace; empty when absent or not readable here. */
    Optional<ObjectNode> getIfReadable(KubeType type, String inNamespace, String name) {
        try {
            GenericKubernetesResource found = client.genericKubernetesResources(type.context())
                    .inNamespace(inNamespace)
                    .withName(name)
                    .get();
            return Optional.ofNullable(found).map(this::toJson);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 || e.getCode() == 404) {
                return Optional.empty();
            }
            throw KubernetesErrors.translate(e, "get", type, name, inNamespace, server);
        }
    }

    ObjectNode create(KubeType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asText(null);
        return call(
                "create",
                type,
                name,
                () -> toJson(resources(type).resource(fromJson(object)).create()));
    }

    /** Replaces the object; its {@code metadata.resourceVersion} makes a concurrent change fail with 409. */
    ObjectNode update(KubeType type, ObjectNode object) {
        String name = object.path("metadata").path("name").asText();
        return call(
                "update",
                type,
                name,
                () -> toJson(resources(type).resource(fromJson(object)).update()));
    }

    void delete(KubeType type, String name) {
        call("delete", type, name, () -> resources(type).withName(name).delete());
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            resources(KubeType type) {
        var all = client.genericKubernetesResources(type.context());
        return type.namespaced() ? all.inNamespace(namespace) : all;
    }

    private <T> T call(String verb, KubeType type, String name, Supplier<T> work) {
        try {
            return work.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.translate(e, verb, type, name, namespace, server);
        }
    }

    private ObjectNode toJson(GenericKubernetesResource resource) {
        try {
            return (ObjectNode)
                    JSON.readTree(client.getKubernetesSerialization().asJson(resource));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GenericKubernetesResource fromJson(ObjectNode object) {
        return client.getKubernetesSerialization().unmarshal(object.toString(), GenericKubernetesResource.class);
    }
}
