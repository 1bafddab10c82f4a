package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.List;

/** A nested record, such as a plugin's {@code config}: a group of fields of its own. */
public final class RecordFormField extends FormField {

    private final List<FormField> children;

    public RecordFormField(SchemaField schema, String path, List<FormField> children) {
        super(schema, path);
        this.children = List.copyOf(children);
        // An error about the record as a whole (a nested entity check) concerns whatever is in it.
        this.children.forEach(child -> child.addEditListener(this::edited));
    }

    public List<FormField> children() {
        return children;
    }

    @Override
    public JsonNode value() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (FormField child : children) {
            JsonNode v = child.value();
            if (!v.isNull()) {
                record.set(child.name(), v);
            }
        }
        return record.isEmpty() && !schema().required() ? NullNode.getInstance() : record;
    }

    /** Only the changed children, for a PATCH (Kong merges a partial {@code config}). */
    public ObjectNode changes() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        for (FormField child : children) {
            if (child.isModified()) {
                record.set(child.name(), child instanceof RecordFormField nested ? nested.changes() : child.value());
            }
        }
        return record;
    }

    @Override
    protected void show(JsonNode value) {
        for (FormField child : children) {
            JsonNode v = value.path(child.name());
            child.load(
                    v.isMissingNode() && child.schema().hasDefault() && value.isNull()
                            ? child.schema().defaultValue()
                            : v);
        }
    }

    @Override
    public boolean isModified() {
        return children.stream().anyMatch(FormField::isModified);
    }

    @Override
    public void clearErrors() {
        super.clearErrors();
        children.forEach(FormField::clearErrors);
    }
}
