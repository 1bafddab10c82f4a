package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

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

    /** A target reference (api/common/v1alpha1/targetref.go). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TargetRef(String kind, String name, String namespace, String mesh, Map<String, String> tags,
                            Map<String, String> labels, String sectionName, List<String> proxyTypes) {
        public Map<String, String> tagsOrEmpty() {
            return tags == null ? Map.of() : tags;
        }

        public Map<String, String> labelsOrEmpty() {
            return labels == null ? Map.of() : labels;
        }

        /** The implicit {@code kind: Mesh} of an omitted targetRef. */
        public static TargetRef wholeMesh() {
            return new TargetRef("Mesh", null, null, null, null, null, null, null);
        }
    }

    /** One {@code from[]} item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record From(TargetRef targetRef, @JsonProperty("default") Conf conf) {
    }

    /** {@code from[].default}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Conf(String action) {
    }
}
