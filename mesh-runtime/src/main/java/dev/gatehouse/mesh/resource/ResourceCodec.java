package dev.gatehouse.mesh.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Converts between Kuma's Universal REST/YAML form and {@link Resource}: meta fields ({@code type, mesh, name,
 * creationTime, modificationTime, labels}) plus the body, inline for legacy types and under {@code spec} otherwise
 * (pkg/core/resources/model/rest/{unversioned,v1alpha1} @v2.14.3).
 */
public final class ResourceCodec {
    /** Shared JSON mapper: lenient about unknown fields in typed views. */
    public static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final Set<String> META =
            Set.of("type", "mesh", "name", "creationTime", "modificationTime", "labels");

    private ResourceCodec() {}

    /**
     * Parses a request body: JSON when it looks like JSON (Kuma's API takes only JSON), else YAML, a Gatehouse
     * extension read as kumactl reads files ({@link YamlTreeReader}: aliases resolved, never stored as their name).
     */
    public static JsonNode parseBody(byte[] body, ResourceTypeDescriptor type) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new InvalidResourceException("invalid " + type.name() + " object: \"request body is empty\"");
        }
        try {
            JsonNode node = text.strip().startsWith("{") ? JSON.readTree(text) : YamlTreeReader.read(text);
            if (node == null || !node.isObject()) {
                throw new InvalidResourceException("invalid " + type.name() + " object: \"not an object\"");
            }
            rejectNonFinite(node, type);
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidResourceException(
                    "invalid " + type.name() + " object: \"" + e.getOriginalMessage() + "\"");
        } catch (IOException e) {
            throw new InvalidResourceException("invalid " + type.name() + " object: \"" + e.getMessage() + "\"");
        }
    }

    /** Numbers beyond a double (1e999) cannot be stored as JSON; Go's json.Unmarshal refuses them too. */
    private static void rejectNonFinite(JsonNode node, ResourceTypeDescriptor type) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigDecimal()) {
            throw new InvalidResourceException("invalid " + type.name() + " object: \"json: cannot unmarshal number "
                    + node.asText() + " into Go value of type float64\"");
        }
        for (JsonNode child : node) {
            rejectNonFinite(child, type);
        }
    }

    /** The meta and body of a REST item as Kuma decodes it ({@link KnownFields}); times are ignored (the store sets them). */
    public static Resource fromRest(ResourceTypeDescriptor type, JsonNode node) {
        String mesh = text(node, "mesh");
        String name = text(node, "name");
        Map<String, String> labels = new LinkedHashMap<>();
        JsonNode l = node.get("labels");
        if (l != null && !l.isNull()) {
            if (!l.isObject()) {
                throw new InvalidResourceException("labels must be an object");
            }
            l.properties().forEach(e -> {
                if (e.getValue().isContainerNode()) {
                    // Go's json.Unmarshal into map[string]string: a label value is never an object or a list.
                    throw new InvalidResourceException("invalid " + type.name() + " object: \"json: cannot unmarshal "
                            + (e.getValue().isArray() ? "array" : "object")
                            + " into Go struct field ResourceMeta.labels of type string\"");
                }
                labels.put(e.getKey(), e.getValue().asText());
            });
        }
        ObjectNode spec;
        if (type.specNested()) {
            JsonNode s = node.get("spec");
            if (s != null && !s.isNull() && !s.isObject()) {
                throw new InvalidResourceException("spec must be an object");
            }
            spec = s == null || s.isNull() ? JSON.createObjectNode() : ((ObjectNode) s).deepCopy();
        } else {
            spec = JSON.createObjectNode();
            node.properties().forEach(e -> {
                if (!META.contains(e.getKey())) {
                    spec.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        // Unknown fields are dropped, as Kuma's decoders drop them: never stored, never echoed.
        return new Resource(
                type, type.meshScoped() ? mesh : "", name, null, null, labels, KnownFields.decode(type, spec), 0);
    }

    /** The {@code type} field of a body, or null. */
    public static String typeOf(JsonNode node) {
        return text(node, "type");
    }

    public static ObjectNode toRest(Resource r) {
        ObjectNode out = JSON.createObjectNode();
        out.put("type", r.type().name());
        if (r.type().meshScoped()) {
            out.put("mesh", r.mesh());
        }
        out.put("name", r.name());
        out.put("creationTime", time(r.creationTime()));
        out.put("modificationTime", time(r.modificationTime()));
        if (!r.labels().isEmpty()) {
            ObjectNode labels = out.putObject("labels");
            r.labels().forEach(labels::put);
        }
        if (r.type().specNested()) {
            out.set("spec", r.spec().deepCopy());
        } else {
            r.spec().properties().forEach(e -> out.set(e.getKey(), e.getValue().deepCopy()));
        }
        return out;
    }

    /** RFC 3339 like Go's time marshalling. */
    public static String time(Instant t) {
        return (t == null ? Instant.EPOCH : t).toString();
    }

    /** Typed view of a body; a type mismatch is an undecodable resource (400 Bad Request). */
    public static <T> T typed(ObjectNode spec, Class<T> type) {
        try {
            return JSON.treeToValue(spec, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String msg = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidResourceException("invalid resource body: " + msg);
        }
    }

    public static ObjectNode readObject(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored resource is not valid JSON", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return "";
        }
        if (!v.isValueNode()) {
            throw new InvalidResourceException(field + " must be a string");
        }
        return v.asText();
    }
}
