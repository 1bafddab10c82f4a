package dev.gatehouse.app.form;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A create/edit form generated from a Kong schema ({@code /schemas/{entity}} or a plugin's), so it works for any
 * Kong's entities and plugins: fields with sensible inputs and defaults, the body to send, and the gateway's
 * validation errors put back where they belong, each shown once: beside the field it is about, beside the shorthand
 * that set that field, beside the group an entity check names, or on top when nothing closer fits. An error goes
 * away as soon as what it is about is edited.
 */
public final class SchemaFormModel {

    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    /** Entity checks name their fields in quotes: "must set one of 'methods', 'hosts', ...". */
    private static final Pattern QUOTED_FIELD = Pattern.compile("'([a-z_]+)'");

    private final List<FormField> primary = new ArrayList<>();
    private final List<FormField> advanced = new ArrayList<>();
    private final List<FormGroup> groups = new ArrayList<>();
    private final Map<FormField, FormField> setters = new java.util.HashMap<>();
    /** Where each field a shorthand sets comes in its list, to report their errors in that order. */
    private final Map<FormField, Integer> shorthandOrder = new java.util.HashMap<>();

    private final StringProperty formError = new SimpleStringProperty(this, "formError", "");
    /** The fields whose edit clears the error on top, and those of each group's error. */
    private final Set<FormField> formErrorFields = new HashSet<>();

    private final Map<FormGroup, Set<FormField>> groupErrorFields = new java.util.HashMap<>();
    private boolean editing;
    private final Set<String> multiline;

    public SchemaFormModel(List<SchemaField> fields, FormLayout layout) {
        this.multiline = layout.multiline();
        for (SchemaField field : fields) {
            if (layout.hidden().contains(field.name()) || field.auto()) {
                continue;
            }
            (layout.primary().contains(field.name()) ? primary : advanced).add(build(field, field.name()));
        }
        primary.sort(Comparator.comparingInt(f -> layout.primary().indexOf(f.name())));
        for (FormLayout.FieldGroup group : layout.groups()) {
            List<FormField> members = group.fields().stream()
                    .map(this::field)
                    .flatMap(Optional::stream)
                    .toList();
            if (!members.isEmpty()) {
                groups.add(new FormGroup(group.titleKey(), members));
            }
        }
        for (FormLayout.Shorthand shorthand : layout.shorthands()) {
            field(shorthand.field()).ifPresent(setter -> {
                List<FormField> set = shorthand.sets().stream()
                        .map(this::field)
                        .flatMap(Optional::stream)
                        .toList();
                set.forEach(target -> setters.put(target, setter));
                set.forEach(target -> shorthandOrder.put(target, set.indexOf(target)));
                setter.addEditListener(() -> set.forEach(target -> {
                    boolean setByShorthand = !setter.value().isNull();
                    target.setByProperty().set(setByShorthand ? setter.name() : "");
                    if (setByShorthand) {
                        // What it said was about a value that is no longer sent.
                        target.clearErrors();
                    }
                }));
            });
        }
        allNested(all()).forEach(field -> field.addEditListener(() -> edited(field)));
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
        if (field.isCollection()
                && field.elements().map(e -> SCALARS.contains(e.type())).orElse(false)) {
            return new ListFormField(field, path);
        }
        if ("map".equals(type)
                && field.values()
                        .map(v -> SCALARS.contains(v.type())
                                || v.isCollection()
                                        && v.elements()
                                                .map(e -> SCALARS.contains(e.type()))
                                                .orElse(false))
                        .orElse(false)) {
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

    /** The groups of fields, in layout order. */
    public List<FormGroup> groups() {
        return groups;
    }

    /** The group {@code field} is shown in, if any. */
    public Optional<FormGroup> groupOf(FormField field) {
        return groups.stream().filter(g -> g.contains(field)).findFirst();
    }

    private List<FormField> all() {
        List<FormField> all = new ArrayList<>(primary);
        all.addAll(advanced);
        return all;
    }

    private static List<FormField> allNested(List<FormField> fields) {
        List<FormField> out = new ArrayList<>();
        for (FormField field : fields) {
            out.add(field);
            if (field instanceof RecordFormField record) {
                out.addAll(allNested(record.children()));
            }
        }
        return out;
    }

    /** The error that belongs to no single field or group (conflicts, unreachable gateway, unplaced checks). */
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

    /**
     * Shows an existing entity for editing. A secret (a certificate's private key) is not loaded: it stays out of
     * the form, and is sent only when a new one is typed.
     */
    public void loadEntity(JsonNode entity) {
        editing = true;
        for (FormField field : all()) {
            field.load(field.schema().isSecret() ? NullNode.getInstance() : entity.path(field.name()));
        }
        clearErrors();
    }

    /** Whether a text field takes several lines (a PEM certificate or key). */
    public boolean isMultiline(FormField field) {
        return multiline.contains(field.path());
    }

    /** The body of a POST: every field that has a value, except those a shorthand sets. */
    public ObjectNode createBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (FormField field : all()) {
            JsonNode v = field.value();
            if (!v.isNull() && !field.isSetByShorthand()) {
                body.set(field.name(), v);
            }
        }
        return body;
    }

    /** The body of a PATCH: only what changed; a cleared field is sent as null, as Kong expects. */
    public ObjectNode patchBody() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (FormField field : all()) {
            if (field.isModified() && !field.isSetByShorthand()) {
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
        formErrorFields.clear();
        groups.forEach(g -> g.errorProperty().set(""));
        groupErrorFields.clear();
        all().forEach(FormField::clearErrors);
    }

    /** An edit of {@code field} (its own error is gone already) clears the group or top errors it was named in. */
    private void edited(FormField field) {
        if (formErrorFields.contains(field)) {
            formError.set("");
            formErrorFields.clear();
        }
        groupErrorFields.entrySet().removeIf(entry -> {
            if (entry.getValue().contains(field)) {
                entry.getKey().errorProperty().set("");
                return true;
            }
            return false;
        });
    }

    /**
     * Puts a gateway error where it belongs, once: each entry of Kong's {@code fields} beside its input (or its
     * closest shown ancestor, or the shorthand that set it), an entity check beside the group of fields it names
     * (else on top), a conflict beside the one key it names (else on top), and anything else on top.
     */
    public void showError(GatewayException error) {
        clearErrors();
        List<String> general = new ArrayList<>();
        Set<FormField> generalFields = new LinkedHashSet<>();
        Map<String, String> fieldErrors = error.fieldErrors();
        Map<FormField, java.util.TreeMap<Integer, String>> shorthandErrors = new java.util.LinkedHashMap<>();
        int arrival = 0;
        if (error.isUniqueViolation()) {
            // A unique violation names the conflicting key; Kong's sentence says it (a plugin's names several).
            List<FormField> keys = fieldErrors.keySet().stream()
                    .map(this::closest)
                    .flatMap(Optional::stream)
                    .distinct()
                    .toList();
            if (keys.size() == 1) {
                append(keys.get(0), error.getMessage());
            } else {
                general.add(error.getMessage());
                generalFields.addAll(keys);
            }
            formError.set(String.join("\n", general));
            formErrorFields.addAll(generalFields);
            return;
        }
        for (Map.Entry<String, String> entry : fieldErrors.entrySet()) {
            if (GatewayException.ENTITY_FIELD.equals(entry.getKey())) {
                showEntityCheck(entry.getValue(), general, generalFields);
                continue;
            }
            Optional<FormField> target = closest(entry.getKey());
            if (target.isEmpty()) {
                general.add(entry.getKey() + ": " + entry.getValue());
                continue;
            }
            FormField field = target.get();
            FormField setter = setters.get(field);
            if (setter != null && field.isSetByShorthand()) {
                // Kong reports what the shorthand set ("host: required field missing"); the user typed the shorthand.
                shorthandErrors
                        .computeIfAbsent(setter, s -> new java.util.TreeMap<>())
                        .put(
                                shorthandOrder.getOrDefault(field, 0) * 1000 + arrival++,
                                entry.getKey() + ": " + entry.getValue());
            } else if (field.path().equals(entry.getKey())) {
                append(field, entry.getValue());
            } else {
                // A nested record's own check (flattened onto it) or a part of it the form does not show.
                append(field, entry.getKey().substring(field.path().length() + 1) + ": " + entry.getValue());
            }
        }
        // In the order the shorthand sets them (protocol, host, port, path), as the form shows those fields.
        shorthandErrors.forEach((setter, messages) -> messages.values().forEach(message -> append(setter, message)));
        if (general.isEmpty() && fieldErrors.isEmpty()) {
            general.add(error.getMessage());
        }
        formError.set(String.join("\n", general));
        formErrorFields.addAll(generalFields);
    }

    /** An entity check goes beside the group of the fields it names, or on top when no group shows them. */
    private void showEntityCheck(String message, List<String> general, Set<FormField> generalFields) {
        Set<FormField> named = new LinkedHashSet<>();
        Matcher quoted = QUOTED_FIELD.matcher(message);
        while (quoted.find()) {
            field(quoted.group(1)).ifPresent(named::add);
        }
        Optional<FormGroup> group =
                named.stream().map(this::groupOf).flatMap(Optional::stream).findFirst();
        if (group.isPresent()) {
            StringProperty groupError = group.get().errorProperty();
            groupError.set(groupError.get().isEmpty() ? message : groupError.get() + "\n" + message);
            Set<FormField> clearing = groupErrorFields.computeIfAbsent(group.get(), g -> new HashSet<>());
            clearing.addAll(group.get().fields());
            clearing.addAll(named);
        } else {
            general.add(message);
            generalFields.addAll(named);
        }
    }

    private static void append(FormField field, String message) {
        String now = field.errorProperty().get();
        field.errorProperty().set(now.isEmpty() ? message : now + "\n" + message);
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
