package dev.gatehouse.app.kong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An error answer from a Kong Admin API, typed: HTTP status, Kong's error {@code code} (kong/db/errors.lua), the
 * message, and the per-field errors of a schema violation flattened to dotted paths.
 */
public final class KongApiException extends RuntimeException {

    /** The key Kong uses in {@code fields} for errors about the whole entity. */
    private static final String ENTITY_FIELD = "@entity";

    private final int status;
    private final Integer code;
    private final JsonNode fields;

    public KongApiException(int status, Integer code, String message, JsonNode fields) {
        super(message);
        this.status = status;
        this.code = code;
        this.fields = fields == null ? NullNode.getInstance() : fields;
    }

    public int status() {
        return status;
    }

    /** Kong's error code (2 = schema violation, 5 = unique violation, ...), absent for plain-message errors. */
    public Optional<Integer> code() {
        return Optional.ofNullable(code);
    }

    public boolean isNotFound() {
        return status == 404;
    }

    /**
     * Field errors keyed by dotted path: {@code {"config":{"key_names":["bad"]}}} gives {@code config.key_names}
     * → {@code bad}; entity-level errors stay under {@code @entity}. Several messages for one path are joined.
     */
    public Map<String, String> fieldErrors() {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", fields, flat);
        return flat;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isTextual() || node.isNumber() || node.isBoolean()) {
            out.merge(prefix, node.asText(), (a, b) -> a + "; " + b);
        } else if (node.isArray()) {
            // Element errors of arrays and sets: messages of the elements, reported on the field itself.
            for (JsonNode element : node) {
                flatten(prefix, element, out);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = ENTITY_FIELD.equals(entry.getKey()) && !prefix.isEmpty()
                        ? prefix
                        : prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                flatten(key, entry.getValue(), out);
            }
        }
    }
}
