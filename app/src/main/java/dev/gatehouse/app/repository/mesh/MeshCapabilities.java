package dev.gatehouse.app.repository.mesh;

import java.util.List;
import java.util.Optional;

/**
 * What the control plane lets the console do: whether it refuses writes (Kuma's API server in read-only mode, as
 * Kuma's Helm chart sets it on Kubernetes) and why, whether it knows MeshTrafficPermission (Kuma 2.0+, our control
 * plane), and the resource types it serves ({@code GET /_resources}).
 */
public record MeshCapabilities(
        boolean readOnly,
        Optional<String> readOnlyReason,
        boolean meshTrafficPermission,
        List<MeshResourceType> resourceTypes) {

    public MeshCapabilities {
        resourceTypes = List.copyOf(resourceTypes);
    }

    /** The policy types among the served ones. */
    public List<MeshResourceType> policyTypes() {
        return resourceTypes.stream().filter(MeshResourceType::policy).toList();
    }
}
