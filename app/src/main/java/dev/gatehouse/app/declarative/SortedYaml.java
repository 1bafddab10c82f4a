package dev.gatehouse.app.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The YAML every export writes: keys sorted, as decK, kumactl and kubectl all marshal through JSON maps
 * (sigs.k8s.io/yaml), so the same state always gives the same bytes; quotes only where YAML needs them, and strings
 * that would read as numbers ({@code "3.0"}, {@code "426"}) kept quoted.
 */
public final class SortedYaml {

    private SortedYaml() {}

    /** A mapper for one document at a time; {@code documentStart} writes the {@code ---} line before each. */
    public static YAMLMapper mapper(boolean documentStart) {
        YAMLFactory factory = YAMLFactory.builder()
                .configure(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, documentStart)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build();
        return YAMLMapper.builder(factory).build();
    }

    /** A deep copy with every object's keys in alphabetical order. */
    public static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(object.properties());
            fields.sort(Map.Entry.comparingByKey());
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            fields.forEach(f -> copy.set(f.getKey(), sorted(f.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            array.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
