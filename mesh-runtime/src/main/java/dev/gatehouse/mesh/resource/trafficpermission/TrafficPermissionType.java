package dev.gatehouse.mesh.resource.trafficpermission;

import static dev.gatehouse.mesh.resource.KnownFields.MAP;
import static dev.gatehouse.mesh.resource.KnownFields.f;
import static dev.gatehouse.mesh.resource.KnownFields.list;
import static dev.gatehouse.mesh.resource.KnownFields.proto;

import dev.gatehouse.mesh.resource.KnownFields;
import dev.gatehouse.mesh.resource.KubernetesType;
import dev.gatehouse.mesh.resource.PolicyTraits;
import dev.gatehouse.mesh.resource.ResourceScope;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;

/**
 * The legacy TrafficPermission policy: {@code TrafficPermissionResourceTypeDescriptor}
 * (pkg/core/resources/apis/mesh/zz_generated.resources.go) and the fields of
 * api/mesh/v1alpha1/{traffic_permission,selector}.proto, @v2.14.3. Cluster-scoped on Kubernetes.
 */
public final class TrafficPermissionType {
    private static final KnownFields.Message SELECTOR = proto(f("match", MAP));
    private static final KnownFields.Message FIELDS =
            proto(f("sources", list(SELECTOR)), f("destinations", list(SELECTOR)));

    public static final ResourceTypeDescriptor DESCRIPTOR = ResourceTypeDescriptor.builder("TrafficPermission")
            .wsPath("traffic-permissions")
            .kumactlArgs("traffic-permission", "traffic-permissions")
            .scope(ResourceScope.MESH)
            .displayNames("Traffic Permission", "Traffic Permissions")
            .includeInFederation(true)
            .policy(PolicyTraits.legacy())
            .fields(FIELDS)
            .validator(r -> TrafficPermissionRules.validate(TrafficPermissionSpec.of(r)))
            .kubernetes(KubernetesType.kuma("TrafficPermission", "trafficpermissions", KubernetesType.Scope.CLUSTER))
            .build();

    private TrafficPermissionType() {}
}
