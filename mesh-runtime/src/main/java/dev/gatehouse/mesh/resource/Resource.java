package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * One stored resource. {@code spec} holds the body exactly as the user wrote it (inline fields for legacy types,
 * the content of {@code spec} for new-style policies); callers must treat it as immutable.
 */
public record Resource(
        ResourceTypeDescriptor type,
        String mesh,
        String name,
        Instant creationTime,
        Instant modificationTime,
        Map<String, String> labels,
        ObjectNode spec,
        long version) {
    public Resource {
        mesh = mesh == null ? "" : mesh;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public ResourceKey key() {
        return new ResourceKey(type, mesh, name);
    }

    public Resource withTimes(Instant created, Instant modified, long newVersion) {
        return new Resource(type, mesh, name, created, modified, labels, spec, newVersion);
    }
}
