package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.math.BigDecimal;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A string, integer or number field typed as text. Numbers that do not parse are sent as text, so the gateway's
 * own message ("expected an integer") appears next to the field, exactly as Kong words it.
 */
public final class TextFormField extends FormField {

    private final StringProperty text = new SimpleStringProperty(this, "text", "");

    public TextFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(text);
    }

    public StringProperty textProperty() {
        return text;
    }

    public boolean isNumeric() {
        return "integer".equals(schema().type()) || "number".equals(schema().type());
    }

    @Override
    public JsonNode value() {
        String value = text.get() == null ? "" : text.get().strip();
        if (value.isEmpty()) {
            return NullNode.getInstance();
        }
        if (isNumeric()) {
            try {
                BigDecimal number = new BigDecimal(value);
                if ("integer".equals(schema().type())) {
                    return LongNode.valueOf(number.longValueExact());
                }
                return DoubleNode.valueOf(number.doubleValue());
            } catch (NumberFormatException | ArithmeticException e) {
                return TextNode.valueOf(value);
            }
        }
        return TextNode.valueOf(text.get());
    }

    @Override
    protected void show(JsonNode value) {
        text.set(value.isNull() ? "" : value.asText());
    }
}
