package dev.gatehouse.mesh.resource;

import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.Violations;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks of a PUT request against its path: {@code validateResourceRequest} in
 * pkg/api-server/resource_endpoints.go and {@code ValidateMeta} in pkg/core/resources/apis/mesh/meta_validator.go
 * (@v2.14.3).
 */
public final class MetaRules {
    private static final Pattern IDENTIFIER =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final String IDENTIFIER_MSG =
            "invalid characters. A lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
                    + "characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final Pattern BACKWARD_COMPAT = Pattern.compile("^[0-9a-z-_.]*$");
    private static final String BACKWARD_COMPAT_MSG =
            "invalid characters. Valid characters are numbers, lowercase latin letters and '-', '_', '.' symbols.";
    private static final Pattern LABEL_NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");
    private static final Pattern LABEL_PREFIX =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private MetaRules() {}

    public static Violations request(
            ResourceTypeDescriptor type, String pathMesh, String pathName, String bodyType, Resource body) {
        Violations v = new Violations();
        if (!pathName.equals(body.name())) {
            v.add("name", "name from the URL has to be the same as in body");
        }
        if (!type.name().equals(bodyType)) {
            v.add("type", "type from the URL has to be the same as in body");
        }
        if (type.meshScoped() && !pathMesh.equals(body.mesh())) {
            v.add("mesh", "mesh from the URL has to be the same as in body");
        }
        new TreeMap<>(body.labels()).keySet().forEach(k -> {
            String msg = labelKeyProblem(k);
            if (msg != null) {
                v.add(FieldPath.root().key(k), msg);
            }
        });
        v.addAll(identifier("name", body.name(), IDENTIFIER, IDENTIFIER_MSG));
        if (type.meshScoped()) {
            v.addAll(identifier("mesh", body.mesh(), BACKWARD_COMPAT, BACKWARD_COMPAT_MSG));
        }
        return v;
    }

    /** Kuma's {@code validateIdentifier} with its RFC 1123 pattern, violations at "" for the caller to place. */
    public static Violations identifier(String value) {
        return identifier("", value, IDENTIFIER, IDENTIFIER_MSG);
    }

    private static Violations identifier(String field, String value, Pattern p, String msg) {
        Violations v = new Violations();
        if (value.isEmpty()) {
            v.add(field, "cannot be empty");
        } else if (value.length() > 253) {
            v.add(field, "value length must less or equal 253");
        } else if (!p.matcher(value).matches()) {
            v.add(field, msg);
        }
        return v;
    }

    /** Kubernetes {@code IsQualifiedName}, the check Kuma applies to label keys. */
    private static String labelKeyProblem(String key) {
        String name = key;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty()
                    || prefix.length() > 253
                    || !LABEL_PREFIX.matcher(prefix).matches()) {
                return "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                        + "and must start and end with an alphanumeric character";
            }
        }
        if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                    + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                    + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
        }
        return null;
    }
}
