package dev.gatehouse.mesh.resource.mesh;

import static dev.gatehouse.mesh.resource.KnownFields.BOOL;
import static dev.gatehouse.mesh.resource.KnownFields.DURATION;
import static dev.gatehouse.mesh.resource.KnownFields.ENUM;
import static dev.gatehouse.mesh.resource.KnownFields.MAP;
import static dev.gatehouse.mesh.resource.KnownFields.NUMBER;
import static dev.gatehouse.mesh.resource.KnownFields.STRING;
import static dev.gatehouse.mesh.resource.KnownFields.STRUCT;
import static dev.gatehouse.mesh.resource.KnownFields.f;
import static dev.gatehouse.mesh.resource.KnownFields.list;
import static dev.gatehouse.mesh.resource.KnownFields.proto;

import dev.gatehouse.mesh.resource.KnownFields;
import dev.gatehouse.mesh.resource.KubernetesType;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.ResourceScope;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;

/**
 * The Mesh type: {@code MeshResourceTypeDescriptor} (pkg/core/resources/apis/mesh/zz_generated.resources.go) and the
 * fields of api/mesh/v1alpha1/{mesh,metrics}.proto, @v2.14.3. On Kubernetes a Mesh is cluster-scoped.
 */
public final class MeshType {
    private static final KnownFields.Message CA_BACKEND = proto(
            f("name", STRING),
            f("type", STRING),
            f("dpCert", proto(f("rotation", proto(f("expiration", STRING))), f("requestTimeout", DURATION))),
            f("conf", STRUCT),
            f("mode", ENUM),
            f("rootChain", proto(f("requestTimeout", DURATION))));
    private static final KnownFields.Message FIELDS = proto(
            f("mtls", proto(f("enabledBackend", STRING), f("backends", list(CA_BACKEND)), f("skipValidation", BOOL))),
            f(
                    "tracing",
                    proto(
                            f("defaultBackend", STRING),
                            f(
                                    "backends",
                                    list(proto(
                                            f("name", STRING),
                                            f("sampling", NUMBER),
                                            f("type", STRING),
                                            f("conf", STRUCT)))))),
            f(
                    "logging",
                    proto(
                            f("defaultBackend", STRING),
                            f(
                                    "backends",
                                    list(proto(
                                            f("name", STRING),
                                            f("format", STRING),
                                            f("type", STRING),
                                            f("conf", STRUCT)))))),
            f(
                    "metrics",
                    proto(
                            f("enabledBackend", STRING),
                            f("backends", list(proto(f("name", STRING), f("type", STRING), f("conf", STRUCT)))))),
            f("networking", proto(f("outbound", proto(f("passthrough", BOOL))))),
            f(
                    "routing",
                    proto(
                            f("localityAwareLoadBalancing", BOOL),
                            f("zoneEgress", BOOL),
                            f("defaultForbidMeshExternalServiceAccess", BOOL))),
            f(
                    "constraints",
                    proto(f(
                            "dataplaneProxy",
                            proto(
                                    f("requirements", list(proto(f("tags", MAP)))),
                                    f("restrictions", list(proto(f("tags", MAP)))))))),
            f("skipCreatingInitialPolicies", list(STRING)),
            f("meshServices", proto(f("mode", ENUM))));

    public static final ResourceTypeDescriptor DESCRIPTOR = ResourceTypeDescriptor.builder("Mesh")
            .wsPath("meshes")
            .kumactlArgs("mesh", "meshes")
            .scope(ResourceScope.GLOBAL)
            .displayNames("Mesh", "Meshes")
            .shortName("m")
            .includeInFederation(true)
            .fields(FIELDS)
            .validator(r -> MeshRules.spec(MeshSpec.of(r)))
            .kubernetes(KubernetesType.kuma("Mesh", "meshes", KubernetesType.Scope.CLUSTER))
            .build();

    private MeshType() {}

    /** The key of the Mesh called {@code name}. */
    public static ResourceKey key(String name) {
        return new ResourceKey(DESCRIPTOR, "", name);
    }
}
