package dev.gatehouse.mesh.resource.meshaccesslog;

import static dev.gatehouse.mesh.resource.KnownFields.ANY;
import static dev.gatehouse.mesh.resource.KnownFields.BOOL;
import static dev.gatehouse.mesh.resource.KnownFields.MAP;
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
import dev.gatehouse.mesh.resource.TargetRef;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MeshAccessLog policy: {@code MeshAccessLogResourceTypeDescriptor} and the Go structs of
 * pkg/plugins/policies/meshaccesslog/api/v1alpha1/{zz_generated.resource,meshaccesslog,deprecated}.go, with
 * api/common/v1alpha1/{targetref,match}.go, @v2.14.3. Namespaced on Kubernetes.
 */
public final class MeshAccessLogType {
    private static final KnownFields.Message FORMAT = struct(
            f("type", STRING),
            f("plain", STRING),
            f("json", list(struct(f("key", STRING), f("value", STRING)))),
            f("omitEmptyValues", BOOL));
    private static final KnownFields.Message BACKEND = struct(
            f("type", STRING),
            f("tcp", struct(f("format", FORMAT), f("address", STRING))),
            f("file", struct(f("format", FORMAT), f("path", STRING))),
            f(
                    "openTelemetry",
                    struct(
                            f("attributes", list(struct(f("key", STRING), f("value", STRING)))),
                            f("body", ANY),
                            f("endpoint", STRING),
                            f("backendRef", struct(f("kind", STRING), f("labels", MAP))))));
    private static final KnownFields.Message CONF = struct(f("backends", list(BACKEND)));
    private static final KnownFields.Message MATCH = struct(
            f("spiffeID", struct(f("type", STRING), f("value", STRING))),
            f("sni", struct(f("type", STRING), f("value", STRING))));
    private static final KnownFields.Message FIELDS = struct(
            f("targetRef", TARGET_REF),
            f("to", list(struct(f("targetRef", TARGET_REF), f("default", CONF)))),
            f("from", list(struct(f("targetRef", TARGET_REF), f("default", CONF)))),
            f("rules", list(struct(f("matches", list(MATCH)), f("default", CONF)))));

    public static final ResourceTypeDescriptor DESCRIPTOR = ResourceTypeDescriptor.builder("MeshAccessLog")
            .wsPath("meshaccesslogs")
            .kumactlArgs("meshaccesslog", "meshaccesslogs")
            .scope(ResourceScope.MESH)
            .displayNames("Mesh Access Log", "Mesh Access Logs")
            .shortName("mal")
            .includeInFederation(true)
            .policy(new PolicyTraits(true, true, true, true, true, false))
            .specNested(true)
            .fields(FIELDS)
            .validator(r -> MeshAccessLogRules.validate(MeshAccessLogSpec.of(r)))
            .deprecations(MeshAccessLogType::deprecations)
            .kubernetes(KubernetesType.kuma("MeshAccessLog", "meshaccesslogs", KubernetesType.Scope.NAMESPACED))
            .build();

    private MeshAccessLogType() {}

    /**
     * Deprecation warnings returned on PUT ({@code Deprecations()} of MeshAccessLogResource and
     * {@code TopLevelTargetRefDeprecations}, @v2.14.3).
     */
    static List<String> deprecations(Resource r) {
        List<String> out = new ArrayList<>();
        MeshAccessLogSpec spec = MeshAccessLogSpec.of(r);
        if (!spec.fromOrEmpty().isEmpty()) {
            out.add("'from' field is deprecated, use 'rules' instead");
        }
        boolean inlineOtel = Stream.of(
                        spec.toOrEmpty().stream().map(MeshAccessLogSpec.Item::conf),
                        spec.fromOrEmpty().stream().map(MeshAccessLogSpec.Item::conf),
                        spec.rulesOrEmpty().stream().map(MeshAccessLogSpec.Rule::conf))
                .flatMap(s -> s)
                .filter(c -> c != null && c.backends() != null)
                .flatMap(c -> c.backends().stream())
                .anyMatch(b -> b.openTelemetry() != null
                        && !b.openTelemetry().path("endpoint").asText("").isEmpty()
                        && !b.openTelemetry().path("backendRef").isObject());
        if (inlineOtel) {
            out.add(
                    "openTelemetry.endpoint is deprecated, use openTelemetry.backendRef with a MeshOpenTelemetryBackend resource instead");
        }
        TargetRef top = spec.targetRef();
        String kind = top == null ? null : top.kind();
        if (List.of("MeshService", "MeshServiceSubset", "MeshSubset").contains(String.valueOf(kind))) {
            out.add(kind + " value for 'targetRef.kind' is deprecated, use Dataplane with labels instead");
        } else if ("MeshHTTPRoute".equals(kind)) {
            out.add("MeshHTTPRoute value for 'targetRef.kind' is deprecated, use MeshHTTPRoute in spec.to[].targetRef");
        }
        return out;
    }
}
