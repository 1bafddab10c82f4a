package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A map such as a route's {@code headers} (name → list of values), edited as lines {@code name: v1, v2}.
 * Values that are arrays in the schema are split on commas; plain string values are kept whole.
 */
public final class MapFormField extends FormField {

    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    public MapFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(text);
    }

    public StringProperty textProperty() {
        return text;
    }

    private boolean valuesAreLists() {
        return schema().values().map(SchemaField::isCollection).orElse(false);
    }

    @Override
    public JsonNode value() {
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (String line : (text.get() == null ? "" : text.get()).split("\\R")) {
            int colon = line.indexOf(':');
            if (line.isBlank()) {
                continue;
            }
            String key = (colon < 0 ? line : line.substring(0, colon)).strip();
            String rest = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (valuesAreLists()) {
                ArrayNode values = JsonNodeFactory.instance.arrayNode();
                for (String v : rest.split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                }
                map.set(key, values);
            } else {
                map.put(key, rest);
            }
        }
        return map.isEmpty() ? NullNode.getInstance() : map;
    }

    @Override
    protected void show(JsonNode value) {
        StringBuilder lines = new StringBuilder();
        if (value.isObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                lines.append(e.getKey()).append(": ");
                if (e.getValue().isArray()) {
                    StringBuilder joined = new StringBuilder();
                    e.getValue()
                            .forEach(v ->
                                    joined.append(joined.isEmpty() ? "" : ", ").append(v.asText()));
                    lines.append(joined);
                } else {
                    lines.append(e.getValue().asText());
                }
                lines.append('\n');
            }
        }
        text.set(lines.toString().strip());
    }
}
