package dev.gatehouse.app.meshpolicy;

import dev.gatehouse.app.repository.mesh.MeshEdit;
import java.util.List;

/**
 * One change the user makes, as the edit history keeps it: a sentence for the history list ("Allowed gateway →
 * demo-app (MeshTrafficPermission allow-gateway-to-demo-app)") and the edits that make it, applied in order.
 */
public record PolicyChange(String description, List<MeshEdit> edits) {

    public PolicyChange {
        edits = List.copyOf(edits);
    }
}
