package dev.gatehouse.app.pages.policies;

import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;

/**
 * The pairs of services a change would cut off: allowed (or not enforced) before, denied after, as the engine
 * computes them for the matrix now and the preview with the change.
 */
record DeleteImpact(List<ServiceAccess> newlyDenied) {

    static DeleteImpact between(PermissionMatrix before, PermissionMatrix after) {
        return new DeleteImpact(after.pairs().stream()
                .filter(pair -> !pair.allowed())
                .filter(pair -> before.pair(pair.source(), pair.destination())
                        .map(ServiceAccess::allowed)
                        .orElse(false))
                .toList());
    }

    /** The pairs as {@code a → b}, for the confirmation. */
    List<String> pairNames() {
        return newlyDenied.stream()
                .map(p -> p.source() + " \u2192 " + p.destination())
                .toList();
    }
}
