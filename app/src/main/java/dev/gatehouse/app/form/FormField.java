package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gatehouse.app.kong.SchemaField;
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

    /** An empty array counts as null for "was it changed", since the form cannot tell the two apart. */
    private static JsonNode normalise(JsonNode node) {
        return node.isArray() && node.isEmpty() ? NullNode.getInstance() : node;
    }
}
