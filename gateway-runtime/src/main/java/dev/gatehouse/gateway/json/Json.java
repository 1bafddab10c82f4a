package dev.gatehouse.gateway.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The shared Jackson mapper and small tree helpers used across the gateway. */
public final class Json {

    /** One mapper for the whole runtime; thread safe once configured. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(false);

    private Json() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** True for a missing value (Java null) or an explicit JSON null. */
    public static boolean isNull(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** Kong's is_nonempty: not null, not an empty string, not an empty table. */
    public static boolean isNonEmpty(JsonNode node) {
        if (isNull(node)) {
            return false;
        }
        if (node.isTextual()) {
            return !node.textValue().isEmpty();
        }
        if (node.isContainerNode()) {
            return node.size() > 0;
        }
        return true;
    }

    public static JsonNode nullNode() {
        return NullNode.getInstance();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return MAPPER.valueToTree(Utf8Text.sanitizeTree(node)).toString();
        }
    }

    public static byte[] writeBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            try {
                return MAPPER.writeValueAsBytes(Utf8Text.sanitizeTree(node));
            } catch (JsonProcessingException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of a value; null when it is missing or an explicit JSON null. */
    public static String text(JsonNode node) {
        return isNull(node) ? null : node.asText();
    }

    /** The elements of an array as text, in order; empty when it is missing, null or not an array. */
    public static List<String> strings(JsonNode node) {
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(node.size());
        node.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    /** Shallow field iteration that tolerates a null node. */
    public static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node == null ? java.util.Collections.emptyIterator() : node.fields();
    }
}
