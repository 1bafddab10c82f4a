package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

/** One {@code from[]} item of a MeshTrafficPermission: who the clients are, and the action for them. */
public final class FromRule {

    /** Kuma's actions (pkg/plugins/policies/meshtrafficpermission/api/v1alpha1). */
    public static final List<String> ACTIONS = List.of("Allow", "Deny", "AllowWithShadowDeny");

    private final TargetRefForm client = new TargetRefForm();
    private final StringProperty action = new SimpleStringProperty(this, "action", "Allow");

    public FromRule() {
        client.kindProperty().set("MeshSubset");
    }

    /** The clients ({@code targetRef}). */
    public TargetRefForm client() {
        return client;
    }

    public StringProperty actionProperty() {
        return action;
    }

    void addListener(ChangeListener<Object> listener) {
        client.addListener(listener);
        action.addListener(listener);
    }

    static boolean fits(JsonNode item) {
        if (!item.isObject() || !Set.of("targetRef", "default").containsAll(fieldNames(item))) {
            return false;
        }
        JsonNode conf = item.path("default");
        return TargetRefForm.fits(item.path("targetRef"))
                && (conf.isMissingNode() || conf.isObject() && Set.of("action").containsAll(fieldNames(conf)));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static FromRule of(JsonNode item) {
        FromRule rule = new FromRule();
        rule.client.load(item.path("targetRef"));
        rule.action.set(item.path("default").path("action").asText(""));
        return rule;
    }

    ObjectNode toJson() {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.set("targetRef", client.toJson());
        item.putObject("default").put("action", action.get() == null ? "" : action.get());
        return item;
    }
}
