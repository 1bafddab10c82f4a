package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;
import java.util.Optional;

/**
 * What the tour reads from a control plane: the demo's Mesh, its mTLS, its allow-all policies, the two permissions
 * the seed adds (as they would be with mTLS on, so a permission written before mTLS still counts), and whether it
 * serves MeshTrafficPermission, and which of its services play the seed's gateway, demo-app and redis.
 */
record MeshFacts(
        Optional<ObjectNode> meshResource,
        boolean mtls,
        List<PolicyRef> allowAll,
        boolean gatewayToDemoApp,
        boolean demoAppToRedis,
        boolean meshTrafficPermission,
        SeedServices services) {

    /** A control plane without the demo's mesh (or none at all). */
    static final MeshFacts NONE =
            new MeshFacts(Optional.empty(), false, List.of(), false, false, true, SeedServices.SEED);

    MeshFacts {
        meshResource = meshResource.map(ObjectNode::deepCopy);
        allowAll = List.copyOf(allowAll);
    }
}
