package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.math.BigDecimal;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An array or set of scalars (paths, hosts, methods, tags, key_names, protocols), edited as chips. When the element
 * schema lists its values (protocols), the chips are toggles over those values.
 */
public final class ListFormField extends FormField {

    private final ObservableList<String> items = FXCollections.observableArrayList();

    public ListFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(items);
    }

    public ObservableList<String> items() {
        return items;
    }

    /**
     * True while the list is empty although the schema has a default: the gateway then stores the default
     * (key-auth's {@code key_names} becomes {@code ["apikey"]}), so an emptied list does not mean "none".
     */
    public BooleanBinding defaultAppliesBinding() {
        return Bindings.createBooleanBinding(
                () -> items.isEmpty() && !defaultText().isEmpty(), items);
    }

    /** The schema's default as the form shows it ("apikey"); empty when there is none. */
    public String defaultText() {
        JsonNode defaults = schema().defaultValue();
        if (!schema().hasDefault() || !defaults.isArray() || defaults.isEmpty()) {
            return "";
        }
        List<String> values = new java.util.ArrayList<>();
        defaults.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    /** The allowed element values, when the schema fixes them. */
    public List<String> options() {
        return schema().elements().map(SchemaField::oneOf).orElse(List.of());
    }

    /** Adds an element unless it is blank or (for sets) already there. */
    public void add(String item) {
        String value = item.strip();
        if (!value.isEmpty() && !("set".equals(schema().type()) && items.contains(value))) {
            items.add(value);
        }
    }

    @Override
    public JsonNode value() {
        if (items.isEmpty()) {
            return NullNode.getInstance();
        }
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        String elementType = schema().elements().map(SchemaField::type).orElse("string");
        for (String item : items) {
            if ("integer".equals(elementType) || "number".equals(elementType)) {
                try {
                    array.add(new BigDecimal(item));
                    continue;
                } catch (NumberFormatException e) {
                    // sent as text; the gateway names the problem
                }
            }
            array.add(item);
        }
        return array;
    }

    @Override
    protected void show(JsonNode value) {
        items.clear();
        if (value.isArray()) {
            value.forEach(v -> items.add(v.asText()));
        }
    }
}
