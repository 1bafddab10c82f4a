package dev.gatehouse.mesh.resource;

/** Identity of a stored resource; {@code mesh} is empty for the global Mesh type. */
public record ResourceKey(ResourceType type, String mesh, String name) {
    public ResourceKey {
        mesh = mesh == null ? "" : mesh;
    }

    public static ResourceKey mesh(String name) {
        return new ResourceKey(ResourceType.MESH, "", name);
    }
}
