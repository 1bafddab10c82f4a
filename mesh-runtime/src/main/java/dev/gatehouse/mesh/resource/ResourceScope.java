package dev.gatehouse.mesh.resource;

/** Kuma's {@code ResourceScope}: a resource belongs to one mesh, or stands beside the meshes. */
public enum ResourceScope {
    MESH("Mesh"),
    GLOBAL("Global");

    private final String kumaName;

    ResourceScope(String kumaName) {
        this.kumaName = kumaName;
    }

    /** As {@code /_resources} spells it. */
    public String kumaName() {
        return kumaName;
    }
}
