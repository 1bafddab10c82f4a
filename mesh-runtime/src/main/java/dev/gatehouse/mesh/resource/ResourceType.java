package dev.gatehouse.mesh.resource;

import java.util.Optional;

/** The Kuma resource types this control plane serves, with their REST path segment and body layout. */
public enum ResourceType {
    MESH("Mesh", "meshes", false, false),
    DATAPLANE("Dataplane", "dataplanes", true, false),
    TRAFFIC_PERMISSION("TrafficPermission", "traffic-permissions", true, false),
    MESH_TRAFFIC_PERMISSION("MeshTrafficPermission", "meshtrafficpermissions", true, true);

    private final String kumaName;
    private final String path;
    private final boolean meshScoped;
    private final boolean specNested;

    ResourceType(String kumaName, String path, boolean meshScoped, boolean specNested) {
        this.kumaName = kumaName;
        this.path = path;
        this.meshScoped = meshScoped;
        this.specNested = specNested;
    }

    /** Kuma's type name, the {@code type} field of a Universal resource. */
    public String kumaName() {
        return kumaName;
    }

    /** REST path segment ({@code WsPath} in Kuma's generated resource descriptors). */
    public String path() {
        return path;
    }

    public boolean meshScoped() {
        return meshScoped;
    }

    /** New-style (targetRef) policies nest their body under {@code spec}; legacy types keep it inline. */
    public boolean specNested() {
        return specNested;
    }

    public boolean isPolicy() {
        return this == TRAFFIC_PERMISSION || this == MESH_TRAFFIC_PERMISSION;
    }

    public static Optional<ResourceType> byPath(String path) {
        for (ResourceType t : values()) {
            if (t.path.equals(path)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static Optional<ResourceType> byKumaName(String name) {
        for (ResourceType t : values()) {
            if (t.kumaName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
