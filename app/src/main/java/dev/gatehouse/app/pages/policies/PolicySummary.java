package dev.gatehouse.app.pages.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A policy in one line for the table: who may reach what, such as {@code web → orders: Allow}. Permission policies
 * are read rule by rule; other policies say what they target.
 */
final class PolicySummary {

    private static final String SERVICE_TAG = "kuma.io/service";
    private static final String ARROW = " \u2192 ";

    private PolicySummary() {}

    static String of(String type, JsonNode policy) {
        return switch (type) {
            case "MeshTrafficPermission" -> meshTrafficPermission(policy.path("spec"));
            case "TrafficPermission" -> trafficPermission(policy);
            default ->
                policy.path("spec").has("targetRef")
                        ? target(policy.path("spec").path("targetRef"))
                        : "";
        };
    }

    private static String meshTrafficPermission(JsonNode spec) {
        String destination = target(spec.path("targetRef"));
        List<String> rules = new ArrayList<>();
        for (JsonNode from : spec.path("from")) {
            rules.add(target(from.path("targetRef")) + ARROW + destination + ": "
                    + from.path("default").path("action").asText("?"));
        }
        if (spec.has("rules")) {
            rules.add(destination + ": rules");
        }
        return String.join("; ", rules);
    }

    private static String trafficPermission(JsonNode policy) {
        return selectors(policy.path("sources")) + ARROW + selectors(policy.path("destinations")) + ": Allow";
    }

    private static String selectors(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode selector : list) {
            names.add(tags(selector.path("match")));
        }
        return String.join(", ", names);
    }

    /** A target ref in words: "all" for the whole mesh, the service it names, else its kind and tags. */
    static String target(JsonNode ref) {
        String kind = ref.path("kind").asText("Mesh");
        if (kind.equals("Mesh")) {
            return "*";
        }
        if (ref.has("name")) {
            return ref.path("name").asText() + (ref.has("tags") ? " " + tags(ref.path("tags")) : "");
        }
        if (ref.has("tags")) {
            return tags(ref.path("tags"));
        }
        if (ref.has("labels")) {
            return kind + " " + tags(ref.path("labels"));
        }
        return kind;
    }

    /** Tags as the service alone when that is all they say, else {@code key=value} pairs. */
    private static String tags(JsonNode tags) {
        if (tags.size() == 1 && tags.has(SERVICE_TAG)) {
            return tags.path(SERVICE_TAG).asText();
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> tag : tags.properties()) {
            pairs.add(tag.getKey() + "=" + tag.getValue().asText());
        }
        return String.join(",", pairs);
    }
}
