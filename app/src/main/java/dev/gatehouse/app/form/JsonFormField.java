package dev.gatehouse.app.form;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Any field the form has no better widget for (arrays of records, json fields of custom plugins): edited as JSON,
 * so every plugin a remote Kong runs can still be configured.
 */
public final class JsonFormField extends FormField {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    public JsonFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(text);
    }

    public StringProperty textProperty() {
        return text;
    }

    @Override
    public JsonNode value() {
        String value = text.get() == null ? "" : text.get().strip();
        if (value.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            // The gateway rejects the text with its own message for this field.
            return TextNode.valueOf(value);
        }
    }

    @Override
    protected void show(JsonNode value) {
        try {
            text.set(value.isNull() ? "" : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            text.set(value.toString());
        }
    }
}
