package dev.gatehouse.app.kubernetes.cluster;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks for the Kong Ingress Controller and for Kuma or Kong Mesh the way their installs leave them: the API groups
 * their CRDs serve ({@code configuration.konghq.com}, {@code kuma.io}; read through discovery, which needs no right to
 * list CRDs), the IngressClass {@code kong}, the proxy and admin Services, and the control plane Service in
 * {@code kuma-system} or {@code kong-mesh-system}. Versions come from the controllers' container images. A part the
 * user may not read is reported as such, not as absent.
 */
public final class InstallationScan {

    static final String KONG_GROUP = "configuration.konghq.com";
    static final String KUMA_GROUP = "kuma.io";
    static final String GATEWAY_GROUP = "gateway.networking.k8s.io";
    /** KIC's default --gateway-api-controller-name. */
    static final String KIC_GATEWAY_CONTROLLER = "konghq.com/kic-gateway-controller";

    static final List<String> MESH_NAMESPACES = List.of("kuma-system", "kong-mesh-system");

    private InstallationScan() {}

    /** Scans with {@code client}, looking for Kong's Services in {@code namespaces} (all when empty and allowed). */
    public static Installation scan(KubernetesClient client, List<String> namespaces) {
        List<String> gateways = new ArrayList<>();
        Installation.Component kong = kong(client, namespaces, gateways);
        return new Installation(kong, mesh(client), meshes(client), gateways);
    }

    /**
     * The Gateways of GatewayClasses whose controller is KIC's ({@code namespace/name}), each also a line of
     * {@code found}; none where the Gateway API is not served or not readable here.
     */
    private static List<String> kongGateways(KubernetesClient client, List<String> namespaces, List<String> found) {
        if (group(client, GATEWAY_GROUP).isEmpty()) {
            return List.of();
        }
        try {
            List<String> classes =
                    client.genericKubernetesResources(GATEWAY_GROUP + "/v1", "GatewayClass").list().getItems().stream()
                            .filter(c -> KIC_GATEWAY_CONTROLLER.equals(spec(c).get("controllerName")))
                            .map(c -> c.getMetadata().getName())
                            .toList();
            var gateways = client.genericKubernetesResources(GATEWAY_GROUP + "/v1", "Gateway");
            List<GenericKubernetesResource> all = new ArrayList<>();
            if (namespaces.isEmpty()) {
                all.addAll(gateways.inAnyNamespace().list().getItems());
            } else {
                namespaces.forEach(
                        n -> all.addAll(gateways.inNamespace(n).list().getItems()));
            }
            List<String> out = new ArrayList<>();
            for (GenericKubernetesResource gateway : all) {
                Object gatewayClass = spec(gateway).get("gatewayClassName");
                if (classes.contains(gatewayClass)) {
                    String ref = gateway.getMetadata().getNamespace() + "/"
                            + gateway.getMetadata().getName();
                    out.add(ref);
                    found.add("Gateway " + ref + " (GatewayClass " + gatewayClass + ")");
                }
            }
            return out;
        } catch (KubernetesClientException e) {
            found.add(forbidden(e, "Gateway API Gateways"));
            return List.of();
        }
    }

    private static java.util.Map<?, ?> spec(GenericKubernetesResource resource) {
        return resource.get("spec") instanceof java.util.Map<?, ?> spec ? spec : java.util.Map.of();
    }

    private static Installation.Component kong(
            KubernetesClient client, List<String> namespaces, List<String> gateways) {
        List<String> found = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        Optional<APIGroup> group = group(client, KONG_GROUP);
        group.ifPresent(g -> found.add("CRDs " + KONG_GROUP + " (" + versions(g) + ")"));
        try {
            IngressClass kong =
                    client.network().v1().ingressClasses().withName("kong").get();
            if (kong != null) {
                found.add("IngressClass kong (controller " + kong.getSpec().getController() + ")");
            }
        } catch (KubernetesClientException e) {
            problem = Optional.of(forbidden(e, "IngressClasses"));
        }
        Optional<String> version = Optional.empty();
        try {
            for (Service service : services(client, namespaces)) {
                String name = service.getMetadata().getName();
                if (name.endsWith("-proxy") || name.endsWith("-admin") || name.endsWith("-manager")) {
                    if (name.contains("kong")) {
                        found.add("Service " + service.getMetadata().getNamespace() + "/" + name);
                    }
                }
            }
            version = imageVersion(deployments(client, namespaces), "kubernetes-ingress-controller");
        } catch (KubernetesClientException e) {
            problem = Optional.of(forbidden(e, "Services"));
        }
        gateways.addAll(kongGateways(client, namespaces, found));
        return new Installation.Component("Kong Ingress Controller", group.isPresent(), version, found, problem);
    }

    private static Installation.Component mesh(KubernetesClient client) {
        List<String> found = new ArrayList<>();
        Optional<String> problem = Optional.empty();
        Optional<APIGroup> group = group(client, KUMA_GROUP);
        group.ifPresent(g -> found.add("CRDs " + KUMA_GROUP + " (" + versions(g) + ")"));
        String product = "Kuma";
        Optional<String> version = Optional.empty();
        for (String namespace : MESH_NAMESPACES) {
            try {
                for (Service service :
                        client.services().inNamespace(namespace).list().getItems()) {
                    if (service.getMetadata().getName().endsWith("control-plane")) {
                        found.add("Service " + namespace + "/"
                                + service.getMetadata().getName());
                        if (namespace.startsWith("kong-mesh")) {
                            product = "Kong Mesh";
                        }
                    }
                }
                version = version.or(() -> imageVersion(
                        client.apps()
                                .deployments()
                                .inNamespace(namespace)
                                .list()
                                .getItems(),
                        "-cp"));
            } catch (KubernetesClientException e) {
                if (e.getCode() == 403) {
                    problem = Optional.of(forbidden(e, "Services in " + namespace));
                } else if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return new Installation.Component(product, group.isPresent(), version, found, problem);
    }

    private static List<String> meshes(KubernetesClient client) {
        try {
            return client
                    .genericKubernetesResources(new ResourceDefinitionContext.Builder()
                            .withGroup(KUMA_GROUP)
                            .withVersion("v1alpha1")
                            .withKind("Mesh")
                            .withPlural("meshes")
                            .withNamespaced(false)
                            .build())
                    .list()
                    .getItems()
                    .stream()
                    .map(GenericKubernetesResource::getMetadata)
                    .map(m -> m.getName())
                    .sorted()
                    .toList();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    /** The Kong Ingress Controller's version from its Deployment in {@code namespace}, when one is visible. */
    public static Optional<String> controllerVersion(KubernetesClient client, String namespace) {
        try {
            return imageVersion(
                    client.apps().deployments().inNamespace(namespace).list().getItems(),
                    "kubernetes-ingress-controller");
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    /** Whether the Kong Ingress Controller's custom resources are served (a gateway to manage). */
    public static boolean servesKong(KubernetesClient client) {
        return group(client, KONG_GROUP).isPresent();
    }

    /** Whether Kuma's custom resources are served (a mesh to manage). */
    public static boolean servesKuma(KubernetesClient client) {
        return group(client, KUMA_GROUP).isPresent();
    }

    private static Optional<APIGroup> group(KubernetesClient client, String name) {
        try {
            // An API server that serves no such group may still answer with an empty one.
            return Optional.ofNullable(client.getApiGroup(name))
                    .filter(g -> g.getVersions() != null && !g.getVersions().isEmpty());
        } catch (KubernetesClientException e) {
            return Optional.empty();
        }
    }

    private static String versions(APIGroup group) {
        return String.join(
                ", ", group.getVersions().stream().map(v -> v.getVersion()).toList());
    }

    private static List<Service> services(KubernetesClient client, List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return sorted(client.services().inAnyNamespace().list().getItems());
        }
        List<Service> all = new ArrayList<>();
        namespaces.forEach(
                n -> all.addAll(client.services().inNamespace(n).list().getItems()));
        return sorted(all);
    }

    private static List<Service> sorted(List<Service> services) {
        return services.stream()
                .sorted(java.util.Comparator.comparing(
                                (Service s) -> s.getMetadata().getNamespace())
                        .thenComparing(s -> s.getMetadata().getName()))
                .toList();
    }

    private static List<Deployment> deployments(KubernetesClient client, List<String> namespaces) {
        if (namespaces.isEmpty()) {
            return client.apps().deployments().inAnyNamespace().list().getItems();
        }
        List<Deployment> all = new ArrayList<>();
        namespaces.forEach(n ->
                all.addAll(client.apps().deployments().inNamespace(n).list().getItems()));
        return all;
    }

    /** The tag of the first container image whose name contains {@code marker} ({@code kong/kuma-cp:2.14.3}). */
    static Optional<String> imageVersion(List<Deployment> deployments, String marker) {
        return deployments.stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                .map(Container::getImage)
                .filter(image -> image != null
                        && image.substring(image.lastIndexOf('/') + 1).contains(marker))
                .map(image -> image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "latest")
                .findFirst();
    }

    private static String forbidden(KubernetesClientException e, String what) {
        return e.getCode() == 403
                ? "This user may not read " + what + " (403 Forbidden)."
                : "Reading " + what + " failed: " + e.getMessage();
    }
}
