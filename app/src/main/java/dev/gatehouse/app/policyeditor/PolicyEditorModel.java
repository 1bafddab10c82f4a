package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * One policy being edited, as YAML text and, for a MeshTrafficPermission the form can show, as a form: editing
 * either updates the other. It is checked as it is typed (YAML syntax at its line, the fields every resource needs)
 * and shows the control plane's refusal ({@code invalid_parameters}) at the field and at the YAML line it names.
 * Built from a draft (a template, or a fetched policy); whoever applies it reads {@link #edit()} while
 * {@link #validProperty()} holds. Runs on the UI thread; it calls nothing itself.
 */
public final class PolicyEditorModel {

    /** Fields the server sets; they are not sent back (Kuma ignores them, and they only clutter the text). */
    private static final List<String> SERVER_FIELDS = List.of("creationTime", "modificationTime");

    private final List<MeshResourceType> knownTypes;
    private final Optional<String> originalName;
    private final StringProperty yaml = new SimpleStringProperty(this, "yaml", "");
    private final ReadOnlyObjectWrapper<ObjectNode> resource = new ReadOnlyObjectWrapper<>(this, "resource");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final ReadOnlyBooleanWrapper formShown = new ReadOnlyBooleanWrapper(this, "formShown");
    private final ObservableList<LineError> lineErrors = FXCollections.observableArrayList();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();
    private final StringProperty generalError = new SimpleStringProperty(this, "generalError", "");
    private final ObservableList<String> services = FXCollections.observableArrayList();
    private final PermissionForm form = new PermissionForm();
    private PolicyYaml.Parsed parsed;
    private Map<String, String> serverErrors = Map.of();
    private boolean fromForm;
    private boolean fromText;

    /**
     * Edits {@code draft}, a Universal JSON policy with {@code type}, {@code mesh} and {@code name}; {@code existing}
     * says whether it is on the control plane already (then its name is what a delete or rename refers to), and
     * {@code knownTypes} are the policy types the control plane serves.
     */
    public PolicyEditorModel(ObjectNode draft, boolean existing, List<MeshResourceType> knownTypes) {
        this.knownTypes = List.copyOf(knownTypes);
        ObjectNode clean = draft.deepCopy();
        SERVER_FIELDS.forEach(clean::remove);
        this.originalName = existing ? Optional.of(clean.path("name").asText()) : Optional.empty();
        yaml.addListener((obs, old, now) -> textChanged());
        form.onChange(this::formChanged);
        yaml.set(PolicyYaml.write(clean));
    }

    /** The policy as YAML; set it to edit (the form follows when the text parses). */
    public StringProperty yamlProperty() {
        return yaml;
    }

    /** The policy the text says, or null while it does not parse. */
    public ReadOnlyObjectProperty<ObjectNode> resourceProperty() {
        return resource.getReadOnlyProperty();
    }

    /** True when the text parses and has what every policy needs; only then may it be applied. */
    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }

    /** True when the form shows the whole policy (a MeshTrafficPermission with targetRef and from only). */
    public ReadOnlyBooleanProperty formShownProperty() {
        return formShown.getReadOnlyProperty();
    }

    public PermissionForm form() {
        return form;
    }

    /** Problems at lines of the text: the parse error, or the fields the checks and the control plane named. */
    public ObservableList<LineError> lineErrors() {
        return lineErrors;
    }

    /** Reasons by Kuma field path ({@code spec.from[0].targetRef.kind}), for the form's inputs. */
    public ObservableMap<String, String> fieldErrors() {
        return fieldErrors;
    }

    /** A refusal that names no field (or a connection problem). */
    public StringProperty generalErrorProperty() {
        return generalError;
    }

    /** Service names the form suggests; whoever hosts the editor fills it. */
    public ObservableList<String> services() {
        return services;
    }

    /** The name the policy had on the control plane when the editor opened; empty for a new one. */
    public Optional<String> originalName() {
        return originalName;
    }

    /** The policy's type, when the text names one the control plane serves. */
    public Optional<MeshResourceType> type() {
        ObjectNode current = resource.get();
        if (current == null) {
            return Optional.empty();
        }
        String name = current.path("type").asText();
        return knownTypes.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The edit that applies the policy; empty while it is not valid. */
    public Optional<MeshEdit> edit() {
        return valid.get() ? type().map(t -> MeshEdit.put(t, resource.get())) : Optional.empty();
    }

    /**
     * Shows the control plane's refusal: each reason at its field and at the YAML line of that field (or of its
     * nearest parent, for a field that is missing); reasons that name no field go to the general error. They stay
     * until the policy is edited again.
     */
    public void showServerErrors(String message, Map<String, String> reasons) {
        serverErrors = Map.copyOf(reasons);
        generalError.set(reasons.isEmpty() ? message : "");
        showErrors();
    }

    /** Shows a failure that is not about the policy's fields (the control plane could not be reached). */
    public void showGeneralError(String message) {
        generalError.set(message);
    }

    private void textChanged() {
        parsed = PolicyYaml.read(yaml.get());
        serverErrors = Map.of();
        generalError.set("");
        ObjectNode now = parsed.resource().orElse(null);
        resource.set(now);
        boolean fits = now != null && PermissionForm.fits(now);
        if (fits && !fromForm) {
            fromText = true;
            try {
                form.load(now);
            } finally {
                fromText = false;
            }
        }
        // While the text does not parse the form keeps the last policy it showed, read-only.
        formShown.set(fits || (now == null && formShown.get()));
        showErrors();
    }

    private void formChanged() {
        if (fromText || resource.get() == null) {
            return;
        }
        fromForm = true;
        try {
            yaml.set(PolicyYaml.write(form.applyTo(resource.get())));
        } finally {
            fromForm = false;
        }
    }

    private void showErrors() {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<LineError> lines = new ArrayList<>();
        parsed.error().ifPresent(lines::add);
        if (resource.get() != null) {
            reasons.putAll(checks(resource.get()));
        }
        reasons.putAll(serverErrors);
        for (Map.Entry<String, String> reason : reasons.entrySet()) {
            int line = parsed.lineOf(reason.getKey()).orElse(1);
            lines.add(new LineError(
                    line, reason.getKey().isEmpty() ? reason.getValue() : reason.getKey() + ": " + reason.getValue()));
        }
        lines.sort(java.util.Comparator.comparingInt(LineError::line));
        lineErrors.setAll(lines);
        fieldErrors.clear();
        fieldErrors.putAll(reasons);
        valid.set(resource.get() != null && checks(resource.get()).isEmpty());
    }

    /** What every policy needs before it is sent: a type the control plane serves, a mesh and a name. */
    private Map<String, String> checks(ObjectNode policy) {
        Map<String, String> reasons = new LinkedHashMap<>();
        String type = policy.path("type").asText("");
        if (type.isEmpty()) {
            reasons.put("type", "must be defined");
        } else if (knownTypes.stream().noneMatch(t -> t.name().equals(type))) {
            reasons.put(
                    "type",
                    "'" + type + "' is not a policy type of this control plane ("
                            + String.join(
                                    ", ",
                                    knownTypes.stream()
                                            .map(MeshResourceType::name)
                                            .toList()) + ")");
        }
        if (policy.path("mesh").asText("").isBlank()) {
            reasons.put("mesh", "must be defined");
        }
        if (policy.path("name").asText("").isBlank()) {
            reasons.put("name", "must be defined");
        }
        return reasons;
    }
}
