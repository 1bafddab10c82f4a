package dev.gatehouse.mesh.resource;

/** Identity of a stored resource; {@code mesh} is empty for global types such as Mesh. */
public record ResourceKey(ResourceTypeDescriptor type, String mesh, String name) {
    public ResourceKey {
        mesh = mesh == null ? "" : mesh;
    }
}
