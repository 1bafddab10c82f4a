package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One input of a schema-generated form: knows its schema field, its dotted path (as Kong names it in errors),
 * its current value as JSON, and the error the server reported for it.
 */
public abstract class FormField {

    private final SchemaField schema;
    private final String path;
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private JsonNode initial = NullNode.getInstance();

    protected FormField(SchemaField schema, String path) {
        this.schema = schema;
        this.path = path;
    }

    public SchemaField schema() {
        return schema;
    }

    /** Dotted path, e.g. {@code config.key_names}. */
    public String path() {
        return path;
    }

    public String name() {
        return schema.name();
    }

    /** The server's (or the form's) complaint about this field; empty when none. */
    public StringProperty errorProperty() {
        return error;
    }

    /** The value as Kong wants it; {@link NullNode} when empty. */
    public abstract JsonNode value();

    /** Shows {@code value} (an entity's field, or the default for a new one). */
    protected abstract void show(JsonNode value);

    /** Loads the field from an existing entity (or a default) and remembers it as the unchanged state. */
    public final void load(JsonNode value) {
        JsonNode v = value == null || value.isMissingNode() ? NullNode.getInstance() : value;
        initial = v;
        show(v);
    }

    /** True when the user changed the value since {@link #load}. */
    public boolean isModified() {
        return !normalise(value()).equals(normalise(initial));
    }

    /** Clears this field's error and those of any children. */
    public void clearErrors() {
        error.set("");
    }

    /**
     * For "was it changed": an empty array counts as null (the form cannot tell them apart), and numbers compare
     * by value whatever their JSON type (426 typed in equals 426 read back).
     */
    static JsonNode normalise(JsonNode node) {
        if (node.isArray() && node.isEmpty()) {
            return NullNode.getInstance();
        }
        if (node.isNumber()) {
            return DecimalNode.valueOf(node.decimalValue().stripTrailingZeros());
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(normalise(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(entry -> copy.set(entry.getKey(), normalise(entry.getValue())));
            return copy;
        }
        return node;
    }
}
