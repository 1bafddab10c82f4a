package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.gatehouse.app.kong.SchemaField;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A boolean, shown as a switch. */
public final class BooleanFormField extends FormField {

    private final BooleanProperty selected = new SimpleBooleanProperty(this, "selected");

    public BooleanFormField(SchemaField schema, String path) {
        super(schema, path);
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    @Override
    public JsonNode value() {
        return BooleanNode.valueOf(selected.get());
    }

    @Override
    protected void show(JsonNode value) {
        selected.set(value.asBoolean(false));
    }
}
