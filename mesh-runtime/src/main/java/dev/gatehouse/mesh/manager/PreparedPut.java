package dev.gatehouse.mesh.manager;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;

/** A PUT that passed every check needing no transaction; {@link ResourceManager#commit} stores it. */
public record PreparedPut(ResourceTypeDescriptor type, String pathMesh, Resource resource) {}
