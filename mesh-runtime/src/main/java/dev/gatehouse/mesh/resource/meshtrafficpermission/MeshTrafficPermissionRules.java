package dev.gatehouse.mesh.resource.meshtrafficpermission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.TargetRef;
import dev.gatehouse.mesh.resource.TargetRefRules;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.Violations;
import java.util.List;

/**
 * MeshTrafficPermission checks: kumahq/kuma
 * {@code pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go} and {@code ValidateTargetRef} in
 * {@code pkg/core/resources/apis/mesh/validators.go} (@v2.14.3); the action enum is enforced by Kuma's schema.
 */
public final class MeshTrafficPermissionRules {
    private static final List<String> TOP_KINDS =
            List.of("Mesh", "MeshSubset", "MeshService", "MeshServiceSubset", "Dataplane");
    private static final List<String> FROM_KINDS = List.of("Mesh", "MeshSubset", "MeshService", "MeshServiceSubset");

    private MeshTrafficPermissionRules() {}

    public static Violations validate(MeshTrafficPermissionSpec spec) {
        Violations v = new Violations();
        FieldPath path = FieldPath.of("spec");
        boolean hasFrom = !spec.fromOrEmpty().isEmpty();
        boolean hasRules =
                spec.rules() != null && spec.rules().isArray() && !spec.rules().isEmpty();
        if (spec.targetRef() != null) {
            // Every MeshTrafficPermission is an inbound policy, so sectionName is allowed on Dataplane targets.
            v.addAt(path.field("targetRef"), TargetRefRules.validate(spec.targetRef(), TOP_KINDS, true));
        }
        if (hasFrom && hasRules) {
            v.add(path, "field 'from' must be empty when 'rules' is defined");
        }
        if (!hasFrom && !hasRules) {
            v.add(path, "at least one of 'from' or 'rules' has to be defined");
        }
        if (hasRules) {
            v.addAt(path, rules(spec.rules()));
        }
        for (int i = 0; i < spec.fromOrEmpty().size(); i++) {
            MeshTrafficPermissionSpec.From from = spec.fromOrEmpty().get(i);
            FieldPath item = FieldPath.of("from").index(i);
            Violations inner = new Violations();
            TargetRef ref = from.targetRef() == null
                    ? new TargetRef(null, null, null, null, null, null, null, null)
                    : from.targetRef();
            inner.addAt(item.field("targetRef"), TargetRefRules.validate(ref, FROM_KINDS, false));
            String action = from.conf() == null ? null : from.conf().action();
            if (action == null || action.isEmpty()) {
                inner.add(item.field("default").field("action"), "must be defined");
            } else if (!MeshTrafficPermissionSpec.ACTIONS.contains(action)) {
                // kube-openapi enum error, split by rest/unmarshaller.go toValidationError.
                inner.add(
                        item.field("default").field("action"),
                        "in body should be one of [Allow Deny AllowWithShadowDeny]");
            }
            v.addAt(path, inner);
        }
        return v;
    }

    private static Violations rules(JsonNode rules) {
        Violations v = new Violations();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode def = rules.get(i).path("default");
            FieldPath path = FieldPath.of("rules").index(i);
            boolean any = false;
            for (String kind : List.of("allow", "allowWithShadowDeny", "deny")) {
                JsonNode list = def.path(kind);
                any |= list.isArray() && !list.isEmpty();
                for (int j = 0; j < list.size(); j++) {
                    JsonNode spiffe = list.get(j).path("spiffeID");
                    if (!spiffe.isMissingNode()
                            && !spiffe.path("value").asText().startsWith("spiffe://")) {
                        v.add(
                                path.field(kind).index(j).field("spiffeID"),
                                "must be a valid Spiffe ID: scheme is missing or invalid");
                    }
                }
            }
            if (!any) {
                v.add(path, "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined");
            }
        }
        return v;
    }
}
