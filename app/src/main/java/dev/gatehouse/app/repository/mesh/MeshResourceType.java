package dev.gatehouse.app.repository.mesh;

/**
 * One type of mesh resource, described the way Kuma's ResourceTypeDescriptor does
 * (pkg/core/resources/model/resource.go): its type name, the plural its REST collection is named by, and whether it
 * is a policy. Adding a policy type (MeshAccessLog, ...) is one more descriptor.
 */
public record MeshResourceType(String name, String plural, boolean policy) {

    public static final MeshResourceType MESH = new MeshResourceType("Mesh", "meshes", false);
    public static final MeshResourceType DATAPLANE = new MeshResourceType("Dataplane", "dataplanes", false);
    public static final MeshResourceType TRAFFIC_PERMISSION =
            new MeshResourceType("TrafficPermission", "traffic-permissions", true);
    public static final MeshResourceType MESH_TRAFFIC_PERMISSION =
            new MeshResourceType("MeshTrafficPermission", "meshtrafficpermissions", true);
    /** Kuma's MeshAccessLog ({@code /meshes/{mesh}/meshaccesslogs}); live-traffic watches create one. */
    public static final MeshResourceType MESH_ACCESS_LOG =
            new MeshResourceType("MeshAccessLog", "meshaccesslogs", true);
}
