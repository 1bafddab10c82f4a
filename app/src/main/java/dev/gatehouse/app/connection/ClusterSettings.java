package dev.gatehouse.app.connection;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a Kubernetes connection reaches its cluster: the kubeconfig files (none when the kubeconfig was pasted: its
 * text then lives in the secret store, since kubeconfigs hold credentials), the context, the namespaces the user
 * works in (the gateway's resources go to the first), the control plane's namespace for mesh policies, and the
 * Gateway API Gateway new routes are written for as HTTPRoutes ({@code name} or {@code namespace/name}; none: as
 * Ingresses).
 */
public record ClusterSettings(
        List<Path> kubeconfigFiles,
        String context,
        List<String> namespaces,
        String meshNamespace,
        Optional<String> routesGateway) {

    public ClusterSettings {
        kubeconfigFiles = List.copyOf(kubeconfigFiles);
        namespaces = List.copyOf(namespaces);
        // Profiles saved before HTTPRoutes were offered have no such field: their routes are Ingresses.
        routesGateway = routesGateway == null ? Optional.empty() : routesGateway.filter(g -> !g.isBlank());
    }

    /** Routes written as Ingresses. */
    public ClusterSettings(List<Path> kubeconfigFiles, String context, List<String> namespaces, String meshNamespace) {
        this(kubeconfigFiles, context, namespaces, meshNamespace, Optional.empty());
    }

    /** True when the kubeconfig was pasted rather than read from files. */
    public boolean pasted() {
        return kubeconfigFiles.isEmpty();
    }

    /** The namespace the gateway's resources are written to. */
    public Optional<String> gatewayNamespace() {
        return namespaces.stream().findFirst();
    }
}
