package dev.gatehouse.mesh.resource.meshtrafficpermission;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.TargetRef;
import java.util.List;

/**
 * Typed view of a MeshTrafficPermission {@code spec}
 * (pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/meshtrafficpermission.go @v2.14.3).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeshTrafficPermissionSpec(TargetRef targetRef, List<From> from, JsonNode rules) {

    /** Actions of {@code from[].default.action} since Kuma 2.2. */
    public static final List<String> ACTIONS = List.of("Allow", "Deny", "AllowWithShadowDeny");

    public List<From> fromOrEmpty() {
        return from == null ? List.of() : from;
    }

    /** The typed view of a MeshTrafficPermission resource; an undecodable body is a 400. */
    public static MeshTrafficPermissionSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), MeshTrafficPermissionSpec.class);
    }

    /** One {@code from[]} item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record From(
            TargetRef targetRef, @JsonProperty("default") Conf conf) {}

    /** {@code from[].default}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conf(String action) {}
}
