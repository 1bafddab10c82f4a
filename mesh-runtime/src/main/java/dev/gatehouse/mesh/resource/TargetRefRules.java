package dev.gatehouse.mesh.resource;

import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.TagRules;
import dev.gatehouse.mesh.validation.Violations;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Kuma's {@code ValidateTargetRef} (pkg/core/resources/apis/mesh/validators.go @v2.14.3) for the kinds the targetRef
 * policies served here use: Mesh, MeshSubset, MeshService, MeshServiceSubset, Dataplane, MeshGateway,
 * MeshHTTPRoute, MeshExternalService and MeshMultiZoneService (the last one has no checks of its own). Same messages.
 */
public final class TargetRefRules {
    private static final Pattern NAME_CHARS = Pattern.compile("^[0-9a-z.\\-_]*$");

    private TargetRefRules() {}

    /** {@code ValidateTargetRef}: {@code ref} must be one of {@code supported}; inbound policies may name a section. */
    public static Violations validate(TargetRef ref, List<String> supported, boolean inboundPolicy) {
        return validate(ref, supported, inboundPolicy, false);
    }

    /** As above; {@code gatewayListenerTagsAllowed}: a MeshGateway may select listeners by tags (MeshAccessLog). */
    public static Violations validate(
            TargetRef ref, List<String> supported, boolean inboundPolicy, boolean gatewayListenerTagsAllowed) {
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
                    v.add(
                            "name",
                            "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.");
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
            case "MeshHTTPRoute" -> {
                name(v, ref);
                disallowed(v, "mesh", ref.mesh(), kind);
                disallowed(v, "tags", ref.tags(), kind);
                proxyTypesDisallowed(v, ref, kind);
                disallowed(v, "sectionName", ref.sectionName(), kind);
                if (ref.labelsOrEmpty().isEmpty() && !notEmpty(ref.name())) {
                    v.add("", "name or labels must be set when kind is " + kind);
                }
                if (!ref.labelsOrEmpty().isEmpty() && (notEmpty(ref.name()) || notEmpty(ref.namespace()))) {
                    v.add("labels", "either labels or name and namespace must be specified");
                }
            }
            case "MeshExternalService" -> {
                name(v, ref);
                disallowed(v, "mesh", ref.mesh(), kind);
                disallowed(v, "tags", ref.tags(), kind);
                proxyTypesDisallowed(v, ref, kind);
                if (ref.labelsOrEmpty().isEmpty() && !notEmpty(ref.name())) {
                    v.add("", "name or labels must be set when kind is " + kind);
                }
                if (!ref.labelsOrEmpty().isEmpty() && (notEmpty(ref.name()) || notEmpty(ref.namespace()))) {
                    v.add("labels", "either labels or name must be specified");
                }
                disallowed(v, "sectionName", ref.sectionName(), kind);
            }
            case "MeshServiceSubset", "MeshGateway" -> {
                if (!notEmpty(ref.name())) {
                    v.add("name", "must be set when kind is " + kind);
                }
                if (kind.equals("MeshGateway")) {
                    name(v, ref); // the existing MeshServiceSubset checks are kept as they were
                }
                disallowed(v, "mesh", ref.mesh(), kind);
                proxyTypesDisallowed(v, ref, kind);
                v.addAll(TagRules.selector(FieldPath.of("tags"), ref.tagsOrEmpty(), TagRules.Options.none()));
                if (kind.equals("MeshGateway") && !gatewayListenerTagsAllowed) {
                    disallowed(v, "tags", ref.tags(), kind);
                }
                disallowed(v, "labels", ref.labels(), kind);
                disallowed(v, "namespace", ref.namespace(), kind);
                disallowed(v, "sectionName", ref.sectionName(), kind);
            }
            default -> {
                // MeshMultiZoneService: ValidateTargetRef has no case for it
            }
        }
        return v;
    }

    private static void name(Violations v, TargetRef ref) {
        if (!NAME_CHARS.matcher(ref.name() == null ? "" : ref.name()).matches()) {
            v.add("name", "invalid characters: must consist of lower case alphanumeric characters, '-', '.' and '_'.");
        }
    }

    private static void proxyTypesDisallowed(Violations v, TargetRef ref, String kind) {
        if (ref.proxyTypes() != null && !ref.proxyTypes().isEmpty()) {
            v.add("proxyTypes", "must not be set with kind " + kind);
        }
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
