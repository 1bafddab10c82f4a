package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.Futures;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.List;

/**
 * The mesh resources a Kubernetes export holds, as the control plane's Universal JSON: the meshes and their
 * permission policies (TrafficPermission, and MeshTrafficPermission where the control plane serves it).
 */
public record MeshState(List<ObjectNode> meshes, List<ObjectNode> policies) {

    /** The permission policy types exported, old style first. */
    static final List<MeshResourceType> POLICY_TYPES =
            List.of(MeshResourceType.TRAFFIC_PERMISSION, MeshResourceType.MESH_TRAFFIC_PERMISSION);

    public MeshState {
        meshes = List.copyOf(meshes);
        policies = List.copyOf(policies);
    }

    /** Fetches through the repository; blocks, so call it off the FX thread. */
    public static MeshState load(MeshRepository mesh) {
        boolean meshTrafficPermission = Futures.join(mesh.capabilities()).meshTrafficPermission();
        List<ObjectNode> meshes = Futures.join(mesh.meshes());
        List<ObjectNode> policies = new ArrayList<>();
        for (ObjectNode m : meshes) {
            String name = m.path("name").asText();
            for (MeshResourceType type : POLICY_TYPES) {
                if (type == MeshResourceType.MESH_TRAFFIC_PERMISSION && !meshTrafficPermission) {
                    continue;
                }
                for (ObjectNode policy : Futures.join(mesh.policies(name, type))) {
                    ObjectNode copy = policy.deepCopy();
                    // Universal JSON names its type and mesh; make sure of both whatever the listing returned.
                    copy.put("type", type.name());
                    copy.put("mesh", name);
                    policies.add(copy);
                }
            }
        }
        return new MeshState(meshes, policies);
    }
}
