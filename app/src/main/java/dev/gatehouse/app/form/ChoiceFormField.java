package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/** A field whose schema lists its values ({@code one_of}), shown as a choice box. */
public final class ChoiceFormField extends FormField {

    private final ObjectProperty<String> choice = new SimpleObjectProperty<>(this, "choice");

    public ChoiceFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(choice);
    }

    public ObjectProperty<String> choiceProperty() {
        return choice;
    }

    public List<String> options() {
        return schema().oneOf();
    }

    @Override
    public JsonNode value() {
        if (choice.get() == null || choice.get().isEmpty()) {
            return NullNode.getInstance();
        }
        // one_of lists integers too (a route's https_redirect_status_code); send them as numbers.
        if ("integer".equals(schema().type()) || "number".equals(schema().type())) {
            try {
                return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(new java.math.BigDecimal(choice.get()));
            } catch (NumberFormatException e) {
                return TextNode.valueOf(choice.get());
            }
        }
        return TextNode.valueOf(choice.get());
    }

    @Override
    protected void show(JsonNode value) {
        choice.set(value.isNull() ? null : value.asText());
    }
}
