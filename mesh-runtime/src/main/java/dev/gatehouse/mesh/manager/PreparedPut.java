package dev.gatehouse.mesh.manager;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceType;

/** A PUT that passed every check needing no transaction; {@link ResourceManager#commit} stores it. */
public record PreparedPut(ResourceType type, String pathMesh, Resource resource) {
}
