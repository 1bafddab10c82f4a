package dev.gatehouse.app.policyeditor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

/**
 * A Kuma target ref as three inputs: its kind, the service it names ({@code name} of a MeshService, the
 * {@code kuma.io/service} tag of a MeshSubset) and any other tags as {@code key=value, ...}.
 */
public final class TargetRefForm {

    /** The kinds the form offers; others may be typed (the control plane says whether it knows them). */
    public static final List<String> KINDS = List.of("Mesh", "MeshSubset", "MeshService", "MeshServiceSubset");

    static final String SERVICE_TAG = "kuma.io/service";
    private static final Set<String> SHOWN_FIELDS = Set.of("kind", "name", "tags");

    private final StringProperty kind = new SimpleStringProperty(this, "kind", "Mesh");
    private final StringProperty service = new SimpleStringProperty(this, "service", "");
    private final StringProperty tags = new SimpleStringProperty(this, "tags", "");

    public StringProperty kindProperty() {
        return kind;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public StringProperty tagsProperty() {
        return tags;
    }

    void addListener(ChangeListener<Object> listener) {
        kind.addListener(listener);
        service.addListener(listener);
        tags.addListener(listener);
    }

    /** Whether the form shows all of {@code ref} (no fields beyond kind, name and string tags). */
    static boolean fits(JsonNode ref) {
        if (ref.isMissingNode() || ref.isNull()) {
            return true;
        }
        if (!ref.isObject()) {
            return false;
        }
        for (Iterator<String> names = ref.fieldNames(); names.hasNext(); ) {
            if (!SHOWN_FIELDS.contains(names.next())) {
                return false;
            }
        }
        JsonNode tagNode = ref.path("tags");
        if (!tagNode.isMissingNode() && !tagNode.isObject()) {
            return false;
        }
        for (JsonNode value : tagNode) {
            if (!value.isTextual()) {
                return false;
            }
        }
        return ref.path("kind").isMissingNode() || ref.path("kind").isTextual();
    }

    /** Shows {@code ref}; a missing ref is kind Mesh (Kuma's GetTargetRef). */
    void load(JsonNode ref) {
        kind.set(ref.path("kind").asText("Mesh"));
        String name = ref.path("name").asText("");
        List<String> others = new ArrayList<>();
        String tagged = "";
        for (Map.Entry<String, JsonNode> tag : ref.path("tags").properties()) {
            if (tag.getKey().equals(SERVICE_TAG) && name.isEmpty()) {
                tagged = tag.getValue().asText();
            } else {
                others.add(tag.getKey() + "=" + tag.getValue().asText());
            }
        }
        service.set(name.isEmpty() ? tagged : name);
        tags.set(String.join(", ", others));
    }

    /** The target ref the inputs say. */
    ObjectNode toJson() {
        ObjectNode ref = JsonNodeFactory.instance.objectNode();
        String k = kind.get() == null ? "" : kind.get().strip();
        ref.put("kind", k);
        String s = service.get() == null ? "" : service.get().strip();
        boolean named = k.equals("MeshService") || k.equals("MeshServiceSubset");
        if (named && !s.isEmpty()) {
            ref.put("name", s);
        }
        ObjectNode tagNode = JsonNodeFactory.instance.objectNode();
        if (!named && !k.equals("Mesh") && !s.isEmpty()) {
            tagNode.put(SERVICE_TAG, s);
        }
        for (String pair : (tags.get() == null ? "" : tags.get()).split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                tagNode.put(
                        pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        if (!tagNode.isEmpty()) {
            ref.set("tags", tagNode);
        }
        return ref;
    }
}
