package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * One input of a schema-generated form: knows its schema field, its dotted path (as Kong names it in errors),
 * its current value as JSON, and the error the server reported for it. An edit clears that error: it was about
 * the value the user has just changed.
 */
public abstract class FormField {

    private final SchemaField schema;
    private final String path;
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final StringProperty setBy = new SimpleStringProperty(this, "setBy", "");
    private final List<Runnable> editListeners = new ArrayList<>();
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

    /**
     * The name of the shorthand field that sets this one while it has a value (a service's {@code url} sets its
     * {@code host}); empty when none does. Such a field is not sent.
     */
    public StringProperty setByProperty() {
        return setBy;
    }

    /** True while a shorthand field sets this one. */
    public boolean isSetByShorthand() {
        return !setBy.get().isEmpty();
    }

    /** Runs {@code listener} after every change of the value, by the user or by {@link #load}. */
    public void addEditListener(Runnable listener) {
        editListeners.add(listener);
    }

    /** Subclasses call this for every property that holds their value. */
    protected final void watch(ObservableValue<?> value) {
        value.addListener((obs, old, now) -> edited());
    }

    /** Subclasses call this for every list that holds their value. */
    protected final void watch(ObservableList<?> value) {
        value.addListener((ListChangeListener<Object>) change -> edited());
    }

    /** The value changed: the error about the old value no longer holds. */
    protected final void edited() {
        error.set("");
        for (Runnable listener : List.copyOf(editListeners)) {
            listener.run();
        }
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
