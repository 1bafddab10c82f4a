package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A foreign key ({@code route.service}, {@code plugin.consumer}, ...): picked by name from the referenced
 * entities, sent as Kong wants it, {@code {"id": "..."}} or null.
 */
public final class ForeignFormField extends FormField {

    private final ObjectProperty<EntityRef> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<EntityRef> options = FXCollections.observableArrayList();
    private String initialId;

    public ForeignFormField(SchemaField schema, String path) {
        super(schema, path);
        watch(selected);
    }

    public ObjectProperty<EntityRef> selectedProperty() {
        return selected;
    }

    /** The entities one may point at; filled by the form's owner (from the Admin API). */
    public ObservableList<EntityRef> options() {
        return options;
    }

    /** The choice that clears an optional reference. */
    public static final EntityRef NONE = new EntityRef("", "\u2014");

    /**
     * Replaces the options, keeping the current choice selected when it is still among them. An optional
     * reference also gets a "none" choice, so a route can be detached from its service again.
     */
    public void setOptions(java.util.List<EntityRef> refs) {
        String id = selected.get() == null ? initialId : selected.get().id();
        java.util.List<EntityRef> all = new java.util.ArrayList<>();
        if (!schema().required()) {
            all.add(NONE);
        }
        all.addAll(refs);
        options.setAll(all);
        selected.set(all.stream().filter(r -> r.id().equals(id)).findFirst().orElse(selected.get()));
    }

    /** The kind of entity this field points at. */
    public Optional<EntityKind> referencedKind() {
        return schema().referencedKind();
    }

    @Override
    public JsonNode value() {
        EntityRef ref = selected.get();
        return ref == null || ref.id().isEmpty()
                ? NullNode.getInstance()
                : JsonNodeFactory.instance.objectNode().put("id", ref.id());
    }

    @Override
    protected void show(JsonNode value) {
        initialId = value.path("id").asText(null);
        selected.set(
                initialId == null
                        ? null
                        : options.stream()
                                .filter(r -> r.id().equals(initialId))
                                .findFirst()
                                .orElse(new EntityRef(initialId, initialId)));
    }
}
