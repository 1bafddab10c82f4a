package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A create/edit form generated from a Kong schema ({@code /schemas/{entity}} or a plugin's), so it works for any
 * Kong's entities and plugins: fields with sensible inputs and defaults, the body to send, and the gateway's
 * validation errors put back next to the field they name.
 */
public final class SchemaFormModel {

    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private final List<FormField> primary = new ArrayList<>();
    private final List<FormField> advanced = new ArrayList<>();
    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    private boolean editing;

    public SchemaFormModel(List<SchemaField> fields, FormLayout layout) {
        for (SchemaField field : fields) {
            if (layout.hidden().contains(field.name()) || field.auto()) {
                continue;
            }
            (layout.primary().contains(field.name()) ? primary : advanced).add(build(field, field.name()));
        }
        primary.sort(Comparator.comparingInt(f -> layout.primary().indexOf(f.name())));
    }

    /** Builds the input that suits a field's type, recursing into records. */
    static FormField build(SchemaField field, String path) {
        String type = field.type();
        if ("foreign".equals(type)) {
            return new ForeignFormField(field, path);
        }
        if ("record".equals(type) && !field.fields().isEmpty()) {
            List<FormField> children = new ArrayList<>();
            for (SchemaField child : field.fields()) {
                if (!child.auto()) {
                    children.add(build(child, path + "." + child.name()));
                }
            }
            return new RecordFormField(field, path, children);
        }
        if ("boolean".equals(type)) {
            return new BooleanFormField(field, path);
        }
        if (("string".equals(type) || "integer".equals(type) || "number".equals(type))) {
            return field.oneOf().isEmpty() ? new TextFormField(field, path) : new ChoiceFormField(field, path);
        }
        if (field.isCollection() && field.elements().map(e -> SCALARS.contains(e.type())).orElse(false)) {
            return new ListFormField(field, path);
        }
        if ("map".equals(type) && field.values().map(v -> SCALARS.contains(v.type())
                || v.isCollection() && v.elements().map(e -> SCALARS.contains(e.type())).orElse(false)).orElse(false)) {
            return new MapFormField(field, path);
        }
        return new JsonFormField(field, path);
    }

    public List<FormField> primaryFields() {
        return primary;
    }

    public List<FormField> advancedFields() {
        return advanced;
    }

    private List<FormField> all() {
        List<FormField> all = new ArrayList<>(primary);
        all.addAll(advanced);
        return all;
    }

    /** The error that belongs to no single field ({@code @entity} checks, conflicts, unreachable gateway). */
    public StringProperty formErrorProperty() {
        return formError;
    }

    public boolean isEditing() {
        return editing;
    }

    /** Shows a new entity: every field at its schema default. */
    public void loadNew() {
        editing = false;
        for (FormField field : all()) {
            field.load(field.schema().hasDefault() ? field.schema().defaultValue() : NullNode.getInstance());
        }
        clearErrors();
    }

    /** Shows an existing entity for editing. */
    public void loadEntity(JsonNode entity) {
        editing = true;
        for (FormField field : all()) {
            field.load(entity.path(field.name()));
        }
        clearErrors();
    }

    /** The body of a POST: every field that has a value. */
    public ObjectNode createBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (FormField field : all()) {
            JsonNode v = field.value();
            if (!v.isNull()) {
                body.set(field.name(), v);
            }
        }
        return body;
    }

    /** The body of a PATCH: only what changed; a cleared field is sent as null, as Kong expects. */
    public ObjectNode patchBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (FormField field : all()) {
            if (field.isModified()) {
                body.set(field.name(), field instanceof RecordFormField record ? record.changes() : field.value());
            }
        }
        return body;
    }

    public boolean isModified() {
        return all().stream().anyMatch(FormField::isModified);
    }

    /** Finds the input for a dotted path such as {@code config.key_names}. */
    public Optional<FormField> field(String path) {
        return find(all(), path);
    }

    private static Optional<FormField> find(List<FormField> fields, String path) {
        for (FormField field : fields) {
            if (field.path().equals(path)) {
                return Optional.of(field);
            }
            if (field instanceof RecordFormField record && path.startsWith(field.path() + ".")) {
                Optional<FormField> child = find(record.children(), path);
                if (child.isPresent()) {
                    return child;
                }
            }
        }
        return Optional.empty();
    }

    public void clearErrors() {
        formError.set("");
        all().forEach(FormField::clearErrors);
    }

    /**
     * Puts a gateway error where it belongs: each entry of Kong's {@code fields} next to its input (or its closest
     * shown ancestor), and the rest (entity checks, unique conflicts, plain messages) at the top of the form.
     */
    public void showError(GatewayException error) {
        clearErrors();
        List<String> general = new ArrayList<>();
        Map<String, String> fieldErrors = error.fieldErrors();
        for (Map.Entry<String, String> entry : fieldErrors.entrySet()) {
            Optional<FormField> target = closest(entry.getKey());
            boolean uniqueConflict = error.isUniqueViolation();
            if (target.isPresent() && !uniqueConflict) {
                FormField field = target.get();
                String message = field.path().equals(entry.getKey()) ? entry.getValue()
                        : entry.getKey().substring(field.path().length() + 1) + ": " + entry.getValue();
                field.errorProperty().set(field.errorProperty().get().isEmpty() ? message
                        : field.errorProperty().get() + "; " + message);
            } else if (!GatewayException.ENTITY_FIELD.equals(entry.getKey()) && !uniqueConflict) {
                general.add(entry.getKey() + ": " + entry.getValue());
            } else if (GatewayException.ENTITY_FIELD.equals(entry.getKey())) {
                general.add(entry.getValue());
                markNamedFields(entry.getValue());
            }
        }
        if (error.isUniqueViolation()) {
            // A unique violation names the conflicting key: mark that input, and say it in Kong's words on top.
            fieldErrors.keySet().forEach(key -> closest(key).ifPresent(f -> f.errorProperty().set(error.getMessage())));
            general.add(error.getMessage());
        }
        if (general.isEmpty() && fieldErrors.isEmpty()) {
            general.add(error.getMessage());
        }
        formError.set(String.join("\n", general));
    }

    /**
     * Entity checks name the fields they are about in quotes ("must set one of 'methods', 'hosts', 'headers',
     * 'paths', 'snis' when 'protocols' is 'https'"); the message goes beside each of those inputs too.
     */
    private void markNamedFields(String message) {
        java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("'([a-z_]+)'").matcher(message);
        while (quoted.find()) {
            field(quoted.group(1)).ifPresent(f -> {
                if (f.errorProperty().get().isEmpty()) {
                    f.errorProperty().set(message);
                }
            });
        }
    }

    /** Shows an error that is not about the form's content (gateway down, timeout). */
    public void showGeneralError(String message) {
        clearErrors();
        formError.set(message);
    }

    private Optional<FormField> closest(String path) {
        String p = path;
        while (true) {
            Optional<FormField> found = field(p);
            if (found.isPresent()) {
                return found;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            p = p.substring(0, dot);
        }
    }
}
