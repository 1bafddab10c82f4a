package dev.gatehouse.app.meshpolicy.lockdown;

import dev.gatehouse.app.meshpolicy.PolicyChange;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Least-privilege permissions for one mesh from the pairs observed in a window: one permission per destination
 * service allowing its observed sources (MeshTrafficPermission where the control plane serves it, else
 * TrafficPermission), the observed pairs left out and why, and the allow-all policies the lock-down removes.
 *
 * @param change the whole lock-down as one change for the edit history: the permissions created first, the
 *     allow-all policies deleted last (one undo restores the previous policy set)
 */
public record LockdownProposal(
        String mesh,
        boolean meshTrafficPermission,
        boolean mtlsEnabled,
        List<ObservedPair> observed,
        List<ProposedPermission> permissions,
        List<SkippedPair> skipped,
        List<PolicyRef> allowAll,
        String sentence,
        PolicyChange change) {

    public LockdownProposal {
        observed = List.copyOf(observed);
        permissions = List.copyOf(permissions);
        skipped = List.copyOf(skipped);
        allowAll = List.copyOf(allowAll);
    }

    /** Creates the permissions: the first step of the safe order. */
    public List<MeshEdit> creations() {
        return permissions.stream().map(ProposedPermission::edit).toList();
    }

    /** Deletes the allow-all policies: the last step, once the data planes have the permissions. */
    public List<MeshEdit> removals() {
        return removals(mesh, allowAll);
    }

    static List<MeshEdit> removals(String mesh, List<PolicyRef> allowAll) {
        List<MeshEdit> out = new ArrayList<>();
        for (PolicyRef policy : allowAll) {
            MeshResourceType type =
                    MeshResourceType.MESH_TRAFFIC_PERMISSION.name().equals(policy.type())
                            ? MeshResourceType.MESH_TRAFFIC_PERMISSION
                            : MeshResourceType.TRAFFIC_PERMISSION;
            out.add(MeshEdit.delete(type, mesh, policy.name()));
        }
        return out;
    }

    /** Creations then removals, in the order they are applied. */
    public List<MeshEdit> edits() {
        List<MeshEdit> out = new ArrayList<>(creations());
        out.addAll(removals());
        return List.copyOf(out);
    }

    /** The permission proposed for {@code source} → {@code destination}, for drawing it as a proposed edge. */
    public Optional<ProposedPermission> proposalFor(String source, String destination) {
        return permissions.stream()
                .filter(p -> p.destination().equals(destination) && p.sources().contains(source))
                .findFirst();
    }

    /** Whether there is anything to apply. */
    public boolean empty() {
        return permissions.isEmpty() && allowAll.isEmpty();
    }
}
