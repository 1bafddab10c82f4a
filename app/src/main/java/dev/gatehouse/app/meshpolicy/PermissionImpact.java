package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.List;

/**
 * What a change does to who may reach whom: the pairs that lose access and those that gain it (each as it would be
 * after the change), the sentence a confirmation shows, and the matrices before and after.
 */
public record PermissionImpact(
        List<ServiceAccess> newlyDenied,
        List<ServiceAccess> newlyAllowed,
        String sentence,
        PermissionMatrix before,
        PermissionMatrix after) {

    public PermissionImpact {
        newlyDenied = List.copyOf(newlyDenied);
        newlyAllowed = List.copyOf(newlyAllowed);
    }

    /** Whether some pair loses access: the confirmation should list them. */
    public boolean deniesSomething() {
        return !newlyDenied.isEmpty();
    }
}
