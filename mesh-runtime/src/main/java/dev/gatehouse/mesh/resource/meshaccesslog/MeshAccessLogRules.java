package dev.gatehouse.mesh.resource.meshaccesslog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.TargetRef;
import dev.gatehouse.mesh.resource.TargetRefRules;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Backend;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Conf;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Format;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Item;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.GoValidatorUrl;
import dev.gatehouse.mesh.validation.Violations;
import java.util.List;
import java.util.regex.Pattern;

/**
 * MeshAccessLog checks, in two phases as Kuma runs them (pkg/core/resources/model/rest/unmarshaller.go): first the
 * structural schema of the CRD (pkg/plugins/policies/meshaccesslog/k8s/crd/kuma.io_meshaccesslogs.yaml: enums,
 * required fields, {@code minLength}; kube-openapi's messages), and only when that passes
 * pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go with {@code ValidateTargetRef} and
 * {@code ValidateMatch} of pkg/core/resources/apis/mesh/validators.go, all @v2.14.3, same messages.
 */
public final class MeshAccessLogRules {
    private static final List<String> TOP_KINDS =
            List.of("Mesh", "MeshSubset", "MeshGateway", "MeshService", "MeshServiceSubset", "Dataplane");
    private static final List<String> TO_KINDS =
            List.of("Mesh", "MeshService", "MeshExternalService", "MeshMultiZoneService", "MeshHTTPRoute");
    private static final List<String> SCHEMA_KINDS = List.of(
            "Mesh",
            "MeshSubset",
            "MeshGateway",
            "MeshService",
            "MeshExternalService",
            "MeshMultiZoneService",
            "MeshServiceSubset",
            "MeshHTTPRoute",
            "Dataplane");
    private static final List<String> BACKEND_TYPES =
            List.of(MeshAccessLogSpec.TCP, MeshAccessLogSpec.FILE, MeshAccessLogSpec.OPEN_TELEMETRY);
    private static final List<String> FORMAT_TYPES = List.of(MeshAccessLogSpec.PLAIN, MeshAccessLogSpec.JSON);
    private static final Pattern OTEL_ATTRIBUTE = Pattern.compile("^[a-z](?:[a-z0-9]|[._][a-z0-9])*$");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private MeshAccessLogRules() {}

    public static Violations validate(MeshAccessLogSpec spec) {
        Violations schema = schema(spec);
        if (!schema.isEmpty()) {
            return schema;
        }
        Violations v = new Violations();
        FieldPath path = FieldPath.of("spec");
        boolean inbound = !spec.rulesOrEmpty().isEmpty() || !spec.fromOrEmpty().isEmpty(); // AffectsInbounds
        v.addAt(path.field("targetRef"), TargetRefRules.validate(spec.targetRefOrMesh(), TOP_KINDS, inbound, true));
        boolean rules = !spec.rulesOrEmpty().isEmpty();
        if (rules && (!spec.toOrEmpty().isEmpty() || !spec.fromOrEmpty().isEmpty())) {
            v.add(path, "fields 'to' and 'from' must be empty when 'rules' is defined");
        }
        if (!rules && spec.toOrEmpty().isEmpty() && spec.fromOrEmpty().isEmpty()) {
            v.add(path, "at least one of 'from', 'to' or 'rules' has to be defined");
        }
        List<String> toKinds = "MeshGateway".equals(spec.targetRefOrMesh().kind()) ? List.of("Mesh") : TO_KINDS;
        for (int i = 0; i < spec.toOrEmpty().size(); i++) {
            Item to = spec.toOrEmpty().get(i);
            FieldPath item = FieldPath.of("to").index(i);
            v.addAt(
                    path,
                    new Violations().addAt(item.field("targetRef"), TargetRefRules.validate(ref(to), toKinds, false)));
            v.addAt(path, new Violations().addAt(item.field("default"), conf(to.conf())));
        }
        for (int i = 0; i < spec.fromOrEmpty().size(); i++) {
            Item from = spec.fromOrEmpty().get(i);
            FieldPath item = FieldPath.of("from").index(i);
            v.addAt(
                    path,
                    new Violations()
                            .addAt(
                                    item.field("targetRef"),
                                    TargetRefRules.validate(ref(from), List.of("Mesh"), false)));
            v.addAt(path, new Violations().addAt(item.field("default"), conf(from.conf())));
        }
        for (int i = 0; i < spec.rulesOrEmpty().size(); i++) {
            MeshAccessLogSpec.Rule rule = spec.rulesOrEmpty().get(i);
            FieldPath item = FieldPath.of("rules").index(i);
            JsonNode matches = rule.matches() == null ? ResourceCodec.JSON.createArrayNode() : rule.matches();
            for (int j = 0; j < matches.size(); j++) {
                v.addAt(path, new Violations().addAt(item.field("matches").index(j), match(matches.get(j))));
            }
            v.addAt(path, new Violations().addAt(item.field("default"), conf(rule.conf())));
        }
        return v;
    }

    private static TargetRef ref(Item item) {
        return item.targetRef() == null
                ? new TargetRef(null, null, null, null, null, null, null, null)
                : item.targetRef();
    }

    /** {@code validateDefault}. */
    private static Violations conf(Conf conf) {
        Violations v = new Violations();
        if (conf == null || conf.backends() == null) {
            return v.add("backends", "must be defined");
        }
        for (int i = 0; i < conf.backends().size(); i++) {
            v.addAt(FieldPath.of("backends").index(i), backend(conf.backends().get(i)));
        }
        return v;
    }

    /** {@code validateBackend}. */
    private static Violations backend(Backend b) {
        Violations v = new Violations();
        switch (b.type()) {
            case MeshAccessLogSpec.FILE -> {
                if (b.file() == null) {
                    return v.add("file", "must be defined");
                }
                if (b.file().format() != null) {
                    v.addAt(
                            FieldPath.of("file").field("format"),
                            format(b.file().format()));
                }
                if (!isFilePath(b.file().path())) {
                    v.add("file.path", "file backend requires a valid path");
                }
            }
            case MeshAccessLogSpec.TCP -> {
                if (b.tcp() == null) {
                    return v.add("tcp", "must be defined");
                }
                if (b.tcp().format() != null) {
                    v.addAt(FieldPath.of("tcp").field("format"), format(b.tcp().format()));
                }
                if (!GoValidatorUrl.isUrl(b.tcp().address())) {
                    v.add("tcp.address", "tcp backend requires valid address");
                }
            }
            default -> { // OpenTelemetry: validated, but data planes here do not export to it
                JsonNode otel = b.openTelemetry();
                if (otel == null || otel.isNull()) {
                    return v.add("openTelemetry", "must be defined");
                }
                String endpoint = otel.path("endpoint").asText("");
                JsonNode backendRef = otel.path("backendRef");
                boolean hasRef = backendRef.isObject();
                if (!endpoint.isEmpty() && hasRef) {
                    v.add("openTelemetry", "openTelemetry must have only one type defined: endpoint, backendRef");
                } else if (endpoint.isEmpty() && !hasRef) {
                    v.add("openTelemetry", "openTelemetry must have exactly one defined: endpoint, backendRef");
                } else if (hasRef) {
                    if (backendRef.path("labels").isEmpty()) {
                        v.add("openTelemetry.backendRef", "backendRef must have exactly one defined: labels");
                    }
                } else if (endpoint.chars().anyMatch(c -> c == '/' || c == '?' || c == '#')) {
                    v.add("openTelemetry.endpoint", "must be in host:port format, not a URL");
                }
                JsonNode attributes = otel.path("attributes");
                for (int i = 0; i < attributes.size(); i++) {
                    String key = attributes.get(i).path("key").asText("");
                    String field = "openTelemetry.attributes[" + i + "].key";
                    if (key.isEmpty()) {
                        v.add(field, "must be defined");
                    } else if (key.contains("%")) {
                        v.add(
                                field,
                                "must be a static OpenTelemetry attribute name; placeholders are only supported in values");
                    } else if (key.startsWith("otel.")) {
                        v.add(field, "must not use the reserved OpenTelemetry prefix 'otel.'");
                    } else if (!OTEL_ATTRIBUTE.matcher(key).matches()) {
                        v.add(
                                field,
                                "must start with a lowercase letter, use only lowercase letters, digits, '.' or '_', avoid consecutive delimiters, and end with a letter or digit");
                    }
                }
            }
        }
        return v;
    }

    /** {@code validateFormat}. */
    private static Violations format(Format f) {
        Violations v = new Violations();
        if (MeshAccessLogSpec.PLAIN.equals(f.type())) {
            if (f.plain() == null) {
                v.add("plain", "must be defined");
            } else if (f.plain().isEmpty()) {
                v.add("plain", "must not be empty");
            }
            return v;
        }
        if (f.json() == null) {
            return v.add("json", "must be defined");
        }
        if (f.json().isEmpty()) {
            v.add("json", "must not be empty");
        }
        for (int i = 0; i < f.json().size(); i++) {
            MeshAccessLogSpec.JsonValue kv = f.json().get(i);
            FieldPath item = FieldPath.of("json").index(i);
            String key = kv.key() == null ? "" : kv.key();
            String value = kv.value() == null ? "" : kv.value();
            if (key.isEmpty()) {
                v.add(item.field("key"), "key cannot be empty");
            }
            if (value.isEmpty()) {
                v.add(item.field("value"), "value cannot be empty");
            }
            // Kuma pastes both into {"key": "value"} unescaped and asks whether that is JSON.
            try {
                ResourceCodec.JSON.readTree("{\"" + key + "\": \"" + value + "\"}");
            } catch (JsonProcessingException e) {
                v.add(item, "is not a valid JSON object");
            }
        }
        return v;
    }

    /** {@code ValidateMatch}. */
    private static Violations match(JsonNode m) {
        Violations v = new Violations();
        JsonNode spiffe = m.path("spiffeID");
        if (spiffe.isObject() && !spiffe.path("value").asText("").startsWith("spiffe://")) {
            v.add("spiffeID", "must be a valid Spiffe ID: scheme is missing or invalid");
        }
        JsonNode sni = m.path("sni");
        if (sni.isObject()) {
            String type = sni.path("type").asText("");
            if (type.isEmpty()) {
                v.add("sni.type", "must be set");
            } else if (!type.equals("Exact")) {
                v.add("sni.type", "unrecognized type \"" + type + "\", supported values are: Exact");
            }
            String value = sni.path("value").asText("");
            if (value.isEmpty()) {
                v.add("sni.value", "must be set");
            } else {
                if (value.length() > 253) {
                    v.add("sni.value", "must be no more than 253 characters");
                }
                if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
                    v.add(
                            "sni.value",
                            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or"
                                    + " '.', and must start and end with an alphanumeric character (e.g. 'example.com',"
                                    + " regex used for validation is"
                                    + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
                }
            }
        }
        return v;
    }

    /** govalidator's {@code IsFilePath}: a Windows path ({@code C:\...}) or a Unix absolute path. */
    static boolean isFilePath(String p) {
        if (p == null) {
            return false;
        }
        if (p.matches("^[a-zA-Z]:\\\\(?:[^\\\\/:*?\"<>|\\r\\n]+\\\\)*[^\\\\/:*?\"<>|\\r\\n]*$")) {
            return p.length() - 3 <= 32767;
        }
        return p.matches("^(/[^/\\x00]*)+/?$");
    }

    /** The CRD's structural schema (first phase): enums, required fields and minimum lengths. */
    private static Violations schema(MeshAccessLogSpec spec) {
        Violations v = new Violations();
        kind(v, "spec.targetRef", spec.targetRef());
        items(v, "spec.to", spec.toOrEmpty());
        items(v, "spec.from", spec.fromOrEmpty());
        for (int i = 0; i < spec.rulesOrEmpty().size(); i++) {
            MeshAccessLogSpec.Rule r = spec.rulesOrEmpty().get(i);
            String at = "spec.rules[" + i + "]";
            if (r.conf() == null) {
                v.add(at + ".default", "in body is required");
            } else {
                schemaConf(v, at + ".default", r.conf());
            }
        }
        return v;
    }

    private static void items(Violations v, String at, List<Item> items) {
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            String item = at + "[" + i + "]";
            if (it.conf() == null) {
                v.add(item + ".default", "in body is required");
            } else {
                schemaConf(v, item + ".default", it.conf());
            }
            if (it.targetRef() == null) {
                v.add(item + ".targetRef", "in body is required");
            } else {
                kind(v, item + ".targetRef", it.targetRef());
            }
        }
    }

    private static void kind(Violations v, String at, TargetRef ref) {
        if (ref == null) {
            return;
        }
        if (ref.kind() == null) {
            v.add(at + ".kind", "in body is required");
        } else if (!SCHEMA_KINDS.contains(ref.kind())) {
            v.add(
                    at + ".kind",
                    "in body should be one of " + SCHEMA_KINDS.toString().replace(",", ""));
        }
    }

    private static void schemaConf(Violations v, String at, Conf conf) {
        if (conf.backends() == null) {
            return;
        }
        for (int i = 0; i < conf.backends().size(); i++) {
            Backend b = conf.backends().get(i);
            String item = at + ".backends[" + i + "]";
            if (b.type() == null) {
                v.add(item + ".type", "in body is required");
            } else if (!BACKEND_TYPES.contains(b.type())) {
                v.add(
                        item + ".type",
                        "in body should be one of " + BACKEND_TYPES.toString().replace(",", ""));
            }
            if (b.tcp() != null) {
                required(v, item + ".tcp.address", b.tcp().address());
                schemaFormat(v, item + ".tcp.format", b.tcp().format());
            }
            if (b.file() != null) {
                required(v, item + ".file.path", b.file().path());
                schemaFormat(v, item + ".file.format", b.file().format());
            }
        }
    }

    private static void required(Violations v, String at, String value) {
        if (value == null) {
            v.add(at, "in body is required");
        } else if (value.isEmpty()) {
            v.add(at, "in body should be at least 1 chars long");
        }
    }

    private static void schemaFormat(Violations v, String at, Format f) {
        if (f == null) {
            return;
        }
        if (f.type() == null) {
            v.add(at + ".type", "in body is required");
        } else if (!FORMAT_TYPES.contains(f.type())) {
            v.add(
                    at + ".type",
                    "in body should be one of " + FORMAT_TYPES.toString().replace(",", ""));
        }
        if (f.json() != null) {
            for (int i = 0; i < f.json().size(); i++) {
                if (f.json().get(i).key() == null) {
                    v.add(at + ".json[" + i + "].key", "in body is required");
                }
                if (f.json().get(i).value() == null) {
                    v.add(at + ".json[" + i + "].value", "in body is required");
                }
            }
        }
    }
}
