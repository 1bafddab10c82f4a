package dev.gatehouse.mesh.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.MeshTrafficPermissionSpec;
import dev.gatehouse.mesh.resource.MeshTrafficPermissionSpec.TargetRef;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * MeshTrafficPermission checks: kumahq/kuma
 * {@code pkg/plugins/policies/meshtrafficpermission/api/v1alpha1/validator.go} and {@code ValidateTargetRef} in
 * {@code pkg/core/resources/apis/mesh/validators.go} (@v2.14.3); the action enum is enforced by Kuma's schema.
 */
public final class MeshTrafficPermissionRules {
    private static final List<String> TOP_KINDS = List.of("Mesh", "MeshSubset", "MeshService", "MeshServiceSubset", "Dataplane");
    private static final List<String> FROM_KINDS = List.of("Mesh", "MeshSubset", "MeshService", "MeshServiceSubset");
    private static final Pattern NAME_CHARS = Pattern.compile("^[0-9a-z.\\-_]*$");

    private MeshTrafficPermissionRules() {
    }

    public static Violations validate(MeshTrafficPermissionSpec spec) {
        Violations v = new Violations();
        FieldPath path = FieldPath.of("spec");
        boolean hasFrom = !spec.fromOrEmpty().isEmpty();
        boolean hasRules = spec.rules() != null && spec.rules().isArray() && !spec.rules().isEmpty();
        if (spec.targetRef() != null) {
            // Every MeshTrafficPermission is an inbound policy, so sectionName is allowed on Dataplane targets.
            v.addAt(path.field("targetRef"), targetRef(spec.targetRef(), TOP_KINDS, true));
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
            TargetRef ref = from.targetRef() == null ? new TargetRef(null, null, null, null, null, null, null, null) : from.targetRef();
            inner.addAt(item.field("targetRef"), targetRef(ref, FROM_KINDS, false));
            String action = from.conf() == null ? null : from.conf().action();
            if (action == null || action.isEmpty()) {
                inner.add(item.field("default").field("action"), "must be defined");
            } else if (!MeshTrafficPermissionSpec.ACTIONS.contains(action)) {
                // kube-openapi enum error, split by rest/unmarshaller.go toValidationError.
                inner.add(item.field("default").field("action"), "in body should be one of [Allow Deny AllowWithShadowDeny]");
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
                    if (!spiffe.isMissingNode() && !spiffe.path("value").asText().startsWith("spiffe://")) {
                        v.add(path.field(kind).index(j).field("spiffeID"), "must be a valid Spiffe ID: scheme is missing or invalid");
                    }
                }
            }
            if (!any) {
                v.add(path, "at least one of 'allow', 'allowWithShadowDeny', 'deny' has to be defined");
            }
        }
        return v;
    }

    /** {@code ValidateTargetRef} for the kinds an MTP may use. */
    static Violations targetRef(TargetRef ref, List<String> supported, boolean inboundPolicy) {
        Violations v = new Violations();
        String kind = ref.kind();
        if (kind == null || kind.isEmpty()) {
            return v.add("kind", "must be defined");
        }
        if (!supported.contains(kind)) {
            return v.add("kind", "value '" + kind + "' is not supported");
        }
        switch (kind) {
            case "Mesh" -> {
                if (notEmpty(ref.name())) {
                    v.add("name", "using name with kind Mesh is not yet supported");
                }
                disallowed(v, "mesh", ref.mesh(), kind);
                disallowed(v, "tags", ref.tags(), kind);
                disallowed(v, "labels", ref.labels(), kind);
                disallowed(v, "namespace", ref.namespace(), kind);
                disallowed(v, "sectionName", ref.sectionName(), kind);
                proxyTypes(v, ref);
            }
            case "Dataplane" -> {
                disallowed(v, "tags", ref.tags(), kind);
                disallowed(v, "mesh", ref.mesh(), kind);
                if (ref.proxyTypes() != null && !ref.proxyTypes().isEmpty()) {
                    v.add("proxyTypes", "must not be set with kind " + kind);
                }
                if (!ref.labelsOrEmpty().isEmpty() && (notEmpty(ref.name()) || notEmpty(ref.namespace()))) {
                    v.add("labels", "either labels or name and namespace must be specified");
                }
                if (!inboundPolicy && notEmpty(ref.sectionName())) {
                    v.add("sectionName", "can only be used with inbound policies");
                }
            }
            case "MeshSubset" -> {
                disallowed(v, "name", ref.name(), kind);
                disallowed(v, "mesh", ref.mesh(), kind);
                v.addAll(TagRules.tags(FieldPath.of("tags"), ref.tagsOrEmpty(), TagRules.Options.none()));
                disallowed(v, "labels", ref.labels(), kind);
                disallowed(v, "namespace", ref.namespace(), kind);
                disallowed(v, "sectionName", ref.sectionName(), kind);
                proxyTypes(v, ref);
            }
            case "MeshService" -> {
                if (ref.name() != null && !NAME_CHARS.matcher(ref.name()).matches()) {
                    v.add("name", "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.");
                }
                disallowed(v, "mesh", ref.mesh(), kind);
                disallowed(v, "tags", ref.tags(), kind);
                if (ref.proxyTypes() != null && !ref.proxyTypes().isEmpty()) {
                    v.add("proxyTypes", "must not be set with kind " + kind);
                }
                if (ref.labelsOrEmpty().isEmpty() && !notEmpty(ref.name())) {
                    v.add("", "name or labels must be set when kind is " + kind);
                }
                if (!ref.labelsOrEmpty().isEmpty() && (notEmpty(ref.name()) || notEmpty(ref.namespace()))) {
                    v.add("labels", "either labels or name and namespace must be specified");
                }
            }
            default -> { // MeshServiceSubset
                if (!notEmpty(ref.name())) {
                    v.add("name", "must be set when kind is " + kind);
                }
                disallowed(v, "mesh", ref.mesh(), kind);
                if (ref.proxyTypes() != null && !ref.proxyTypes().isEmpty()) {
                    v.add("proxyTypes", "must not be set with kind " + kind);
                }
                v.addAll(TagRules.selector(FieldPath.of("tags"), ref.tagsOrEmpty(), TagRules.Options.none()));
                disallowed(v, "labels", ref.labels(), kind);
                disallowed(v, "namespace", ref.namespace(), kind);
                disallowed(v, "sectionName", ref.sectionName(), kind);
            }
        }
        return v;
    }

    private static void proxyTypes(Violations v, TargetRef ref) {
        if (ref.proxyTypes() != null && ref.proxyTypes().isEmpty()) {
            v.add("proxyTypes", "must be undefined or have at least one element");
        }
    }

    private static void disallowed(Violations v, String field, Object value, String kind) {
        boolean set = value instanceof String s ? !s.isEmpty() : value instanceof Map<?, ?> m && !m.isEmpty();
        if (set) {
            v.add(field, "must not be set with kind " + kind);
        }
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
