package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** Typed view of a legacy TrafficPermission body (api/mesh/v1alpha1/traffic_permission.proto @v2.14.3). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrafficPermissionSpec(List<Selector> sources, List<Selector> destinations) {
    public TrafficPermissionSpec {
        sources = sources == null ? List.of() : sources;
        destinations = destinations == null ? List.of() : destinations;
    }

    /** {@code {match: {tag: value}}}; a value of {@code *} matches any value of that tag. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Selector(Map<String, String> match) {
        public Map<String, String> matchOrEmpty() {
            return match == null ? Map.of() : match;
        }
    }
}
