package dev.gatehouse.app.pages.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshResourceType;

/** One row of the Policies table: a policy of any type, with its one-line summary. */
public record PolicyRow(MeshResourceType type, ObjectNode policy, String summary) {

    static PolicyRow of(MeshResourceType type, ObjectNode policy) {
        return new PolicyRow(type, policy, PolicySummary.of(type.name(), policy));
    }

    public String name() {
        return policy.path("name").asText();
    }

    public String mesh() {
        return policy.path("mesh").asText();
    }

    /** When the control plane last changed it ({@code modificationTime}, RFC 3339); empty when it says not. */
    public String modified() {
        return policy.path("modificationTime").asText("");
    }

    /** The same policy: type and name (the mesh is the page's). */
    boolean sameAs(PolicyRow other) {
        return other != null && type.equals(other.type()) && name().equals(other.name());
    }
}
