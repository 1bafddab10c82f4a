package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** A target reference of a targetRef policy (api/common/v1alpha1/targetref.go @v2.14.3). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TargetRef(
        String kind,
        String name,
        String namespace,
        String mesh,
        Map<String, String> tags,
        Map<String, String> labels,
        String sectionName,
        List<String> proxyTypes) {
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
