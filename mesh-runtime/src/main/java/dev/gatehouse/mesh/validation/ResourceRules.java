package dev.gatehouse.mesh.validation;

import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;

/** Runs the body checks of a resource's type (Kuma's {@code Resource.Validate}). */
public final class ResourceRules {
    private ResourceRules() {
    }

    public static Violations validate(Resource r) {
        return switch (r.type()) {
            case MESH -> MeshRules.spec(ResourceCodec.mesh(r));
            case DATAPLANE -> DataplaneRules.validate(ResourceCodec.dataplane(r));
            case TRAFFIC_PERMISSION -> TrafficPermissionRules.validate(ResourceCodec.trafficPermission(r));
            case MESH_TRAFFIC_PERMISSION -> MeshTrafficPermissionRules.validate(ResourceCodec.meshTrafficPermission(r));
        };
    }
}
