package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * A MeshTrafficPermission as a form: name, mesh, the services it protects (top-level {@code targetRef}) and its
 * {@code from[]} rules. It shows policies whose spec has nothing else; others are edited as YAML only.
 */
public final class PermissionForm {

    static final String TYPE = "MeshTrafficPermission";

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty mesh = new SimpleStringProperty(this, "mesh", "");
    private final TargetRefForm target = new TargetRefForm();
    private final ObservableList<FromRule> rules = FXCollections.observableArrayList();
    private final List<Runnable> listeners = new ArrayList<>();

    PermissionForm() {
        ChangeListener<Object> changed = (obs, old, now) -> fire();
        name.addListener(changed);
        mesh.addListener(changed);
        target.addListener(changed);
        rules.addListener((ListChangeListener<FromRule>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(rule -> rule.addListener(changed));
            }
            fire();
        });
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty meshProperty() {
        return mesh;
    }

    /** The destination services ({@code spec.targetRef}). */
    public TargetRefForm target() {
        return target;
    }

    /** The {@code spec.from[]} rules, in order. */
    public ObservableList<FromRule> rules() {
        return rules;
    }

    /** Command: a new rule allowing a service, at the end. */
    public void addRule() {
        rules.add(new FromRule());
    }

    public void removeRule(FromRule rule) {
        rules.remove(rule);
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    /** Whether the form shows all of {@code resource}. */
    static boolean fits(JsonNode resource) {
        if (!TYPE.equals(resource.path("type").asText())) {
            return false;
        }
        JsonNode spec = resource.path("spec");
        if (spec.isMissingNode()) {
            return true;
        }
        Set<String> names = new java.util.HashSet<>();
        spec.fieldNames().forEachRemaining(names::add);
        if (!spec.isObject() || !Set.of("targetRef", "from").containsAll(names)) {
            return false;
        }
        JsonNode from = spec.path("from");
        if (!from.isMissingNode() && !from.isArray()) {
            return false;
        }
        for (JsonNode item : from) {
            if (!FromRule.fits(item)) {
                return false;
            }
        }
        return TargetRefForm.fits(spec.path("targetRef"));
    }

    /** Shows {@code resource} (which {@link #fits}). */
    void load(JsonNode resource) {
        name.set(resource.path("name").asText(""));
        mesh.set(resource.path("mesh").asText(""));
        JsonNode spec = resource.path("spec");
        target.load(spec.path("targetRef"));
        List<FromRule> loaded = new ArrayList<>();
        spec.path("from").forEach(item -> loaded.add(FromRule.of(item)));
        rules.setAll(loaded);
    }

    /** {@code base} (its other fields kept) with what the form says. */
    ObjectNode applyTo(ObjectNode base) {
        ObjectNode out = base.deepCopy();
        out.put("type", TYPE);
        out.put("mesh", mesh.get() == null ? "" : mesh.get().strip());
        out.put("name", name.get() == null ? "" : name.get().strip());
        ObjectNode spec = out.putObject("spec");
        spec.set("targetRef", target.toJson());
        ArrayNode from = spec.putArray("from");
        rules.forEach(rule -> from.add(rule.toJson()));
        return out;
    }
}
