package dev.gatehouse.mesh.resource.meshtrafficpermission;

import static dev.gatehouse.mesh.resource.KnownFields.STRING;
import static dev.gatehouse.mesh.resource.KnownFields.TARGET_REF;
import static dev.gatehouse.mesh.resource.KnownFields.f;
import static dev.gatehouse.mesh.resource.KnownFields.list;
import static dev.gatehouse.mesh.resource.KnownFields.struct;

import dev.gatehouse.mesh.resource.KnownFields;
import dev.gatehouse.mesh.resource.KubernetesType;
import dev.gatehouse.mesh.resource.PolicyTraits;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceScope;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The MeshTrafficPermission policy: {@code MeshTrafficPermissionResourceTypeDescriptor} and the Go structs of
 * pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/{zz_generated.resource,meshtrafficpermission,deprecated}.go,
 * with api/common/v1alpha1/{targetref,match}.go, @v2.14.3. Namespaced on Kubernetes.
 */
public final class MeshTrafficPermissionType {
    private static final KnownFields.Message MATCHES = struct(
            f("spiffeID", struct(f("type", STRING), f("value", STRING))),
            f("sni", struct(f("type", STRING), f("value", STRING))));
    private static final KnownFields.Message FIELDS = struct(
            f("targetRef", TARGET_REF),
            f("from", list(struct(f("targetRef", TARGET_REF), f("default", struct(f("action", STRING)))))),
            f(
                    "rules",
                    list(struct(f(
                            "default",
                            struct(
                                    f("deny", list(MATCHES)),
                                    f("allowWithShadowDeny", list(MATCHES)),
                                    f("allow", list(MATCHES))))))));

    public static final ResourceTypeDescriptor DESCRIPTOR = ResourceTypeDescriptor.builder("MeshTrafficPermission")
            .wsPath("meshtrafficpermissions")
            .kumactlArgs("meshtrafficpermission", "meshtrafficpermissions")
            .scope(ResourceScope.MESH)
            .displayNames("Mesh Traffic Permission", "Mesh Traffic Permissions")
            .shortName("mtp")
            .includeInFederation(true)
            .policy(new PolicyTraits(true, true, false, true, false, false))
            .specNested(true)
            .fields(FIELDS)
            .validator(r -> MeshTrafficPermissionRules.validate(MeshTrafficPermissionSpec.of(r)))
            .deprecations(MeshTrafficPermissionType::deprecations)
            .kubernetes(KubernetesType.kuma(
                    "MeshTrafficPermission", "meshtrafficpermissions", KubernetesType.Scope.NAMESPACED))
            .build();

    private MeshTrafficPermissionType() {}

    /**
     * Deprecation warnings returned on PUT ({@code Deprecations()} of MeshTrafficPermissionResource and
     * {@code TopLevelTargetRefDeprecations}, @v2.14.3).
     */
    static List<String> deprecations(Resource r) {
        List<String> out = new ArrayList<>();
        MeshTrafficPermissionSpec spec = MeshTrafficPermissionSpec.of(r);
        if (!spec.fromOrEmpty().isEmpty()) {
            out.add(
                    "'from' field is deprecated and will be removed in 3.0, use 'rules' with MeshIdentity (spiffeId) instead");
        }
        for (MeshTrafficPermissionSpec.From from : spec.fromOrEmpty()) {
            if (from.targetRef() != null
                    && "MeshService".equals(from.targetRef().kind())) {
                out.add(
                        "MeshService value for 'from[].targetRef.kind' is deprecated, use MeshSubset with 'kuma.io/service' instead");
            }
        }
        // TopLevelTargetRefDeprecations(nil) is empty: an omitted targetRef is kind Mesh (GetTargetRef).
        String kind = spec.targetRef() == null
                ? "Mesh"
                : String.valueOf(spec.targetRef().kind());
        if (List.of("MeshService", "MeshServiceSubset", "MeshSubset").contains(kind)) {
            out.add(kind + " value for 'targetRef.kind' is deprecated, use Dataplane with labels instead");
        }
        return out;
    }
}
