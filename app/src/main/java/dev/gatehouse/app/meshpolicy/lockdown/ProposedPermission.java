package dev.gatehouse.app.meshpolicy.lockdown;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import java.util.List;

/** The permission a lock-down writes for one destination service: the observed sources it allows, and the policy. */
public record ProposedPermission(String destination, List<String> sources, MeshResourceType type, ObjectNode policy) {

    public ProposedPermission {
        sources = List.copyOf(sources);
        policy = policy.deepCopy();
    }

    public String name() {
        return policy.path("name").asText();
    }

    public PolicyRef ref() {
        return new PolicyRef(type.name(), name());
    }

    /** The edit that creates it. */
    public MeshEdit edit() {
        return MeshEdit.put(type, policy);
    }
}
