package dev.gatehouse.mesh.resource.registry;

import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogType;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.util.List;

/**
 * The resource types this control plane serves: one line per type, where Kuma registers each descriptor in its
 * package's {@code init()} (pkg/core/resources/registry). The order is the order of {@code /_resources}.
 */
public final class BuiltinResourceTypes {
    public static final ResourceTypeRegistry REGISTRY = new ResourceTypeRegistry(List.of(
            MeshType.DESCRIPTOR,
            DataplaneType.DESCRIPTOR,
            TrafficPermissionType.DESCRIPTOR,
            MeshTrafficPermissionType.DESCRIPTOR,
            MeshAccessLogType.DESCRIPTOR));

    private BuiltinResourceTypes() {}
}
