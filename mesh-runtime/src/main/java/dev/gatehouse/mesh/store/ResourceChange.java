package dev.gatehouse.mesh.store;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceKey;

/** One committed change; {@code resource} is the new state, or the last state for a delete. */
public record ResourceChange(Operation operation, ResourceKey key, Resource resource, long revision) {
    /** Kind of change. */
    public enum Operation {
        CREATE,
        UPDATE,
        DELETE
    }
}
