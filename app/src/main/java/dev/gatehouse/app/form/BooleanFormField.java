package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * A boolean. With a default (or when required) it is a plain switch; otherwise it can also be unset, because for
 * Kong "not set" differs from false (a service's {@code tls_verify} must stay null unless the protocol is https).
 */
public final class BooleanFormField extends FormField {

    private final ObjectProperty<Boolean> value = new SimpleObjectProperty<>(this, "value");

    public BooleanFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(value);
    }

    /** True when the field may be left unset (no default, not required). */
    public boolean isNullable() {
        return !schema().hasDefault() && !schema().required();
    }

    /** The state: true, false, or null when unset. */
    public ObjectProperty<Boolean> valueProperty() {
        return value;
    }

    @Override
    public JsonNode value() {
        Boolean v = value.get();
        if (v == null) {
            return isNullable() ? NullNode.getInstance() : BooleanNode.FALSE;
        }
        return BooleanNode.valueOf(v);
    }

    @Override
    protected void show(JsonNode json) {
        if (json.isBoolean()) {
            value.set(json.asBoolean());
        } else {
            value.set(isNullable() ? null : Boolean.FALSE);
        }
    }
}
