package dev.gatehouse.mesh.resource.trafficpermission;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.util.List;
import java.util.Map;

/** Typed view of a legacy TrafficPermission body (api/mesh/v1alpha1/traffic_permission.proto @v2.14.3). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrafficPermissionSpec(List<Selector> sources, List<Selector> destinations) {
    public TrafficPermissionSpec {
        sources = sources == null ? List.of() : sources;
        destinations = destinations == null ? List.of() : destinations;
    }

    /** The typed view of a TrafficPermission resource; an undecodable body is a 400. */
    public static TrafficPermissionSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), TrafficPermissionSpec.class);
    }

    /** {@code {match: {tag: value}}}; a value of {@code *} matches any value of that tag. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Selector(Map<String, String> match) {
        public Map<String, String> matchOrEmpty() {
            return match == null ? Map.of() : match;
        }
    }
}
