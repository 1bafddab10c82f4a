package dev.gatehouse.app.repository.mesh;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The effective permission of every ordered pair of services in one mesh (the pair list is complete: one entry per
 * ordered pair of {@link #services()}, self-pairs excluded), and where it was computed: by the control plane's
 * inspection, or by the console with mesh-runtime's permission engine over the fetched policies (a real Kuma has no
 * such inspection).
 */
public record PermissionMatrix(
        String mesh, boolean mtlsEnabled, Source source, List<String> services, List<ServiceAccess> pairs) {

    /** Who computed the matrix. */
    public enum Source {
        /** The control plane's inspection endpoint answered it. */
        CONTROL_PLANE,
        /** The console computed it from the fetched Mesh and permission policies with the same engine. */
        CONSOLE_ENGINE
    }

    public PermissionMatrix {
        services = List.copyOf(services);
        pairs = List.copyOf(pairs);
    }

    /** The access from {@code source} to {@code destination}, if both are services of the mesh. */
    public Optional<ServiceAccess> pair(String source, String destination) {
        return Optional.ofNullable(index().get(source + '\n' + destination));
    }

    /** The pairs {@code policy} decides. */
    public List<ServiceAccess> decidedBy(PolicyRef policy) {
        return pairs.stream()
                .filter(p -> p.policy().filter(policy::equals).isPresent())
                .toList();
    }

    private Map<String, ServiceAccess> index() {
        return pairs.stream()
                .collect(Collectors.toMap(p -> p.source() + '\n' + p.destination(), Function.identity(), (a, b) -> a));
    }
}
