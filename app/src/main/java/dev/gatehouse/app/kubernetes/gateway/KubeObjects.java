package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import java.time.Instant;
import java.util.List;

/**
 * Kubernetes objects as Kong entities see them: {@code metadata.uid} is the entity's id, the creation time its
 * {@code created_at}, the last write its {@code updated_at} (Unix seconds, as Kong's).
 */
final class KubeObjects {

    private KubeObjects() {}

    static String uid(JsonNode object) {
        return object.path("metadata").path("uid").asText();
    }

    static String namespace(JsonNode object) {
        return object.path("metadata").path("namespace").asText("");
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** The id and timestamps of {@code object} ahead of the Kong {@code fields}. */
    static ObjectNode entity(JsonNode object, ObjectNode fields, boolean updatedAt) {
        ObjectNode entity = JsonNodeFactory.instance.objectNode();
        entity.put("id", uid(object));
        long created = seconds(object.path("metadata").path("creationTimestamp").asText(""));
        entity.put("created_at", created);
        if (updatedAt) {
            // Kubernetes keeps no update time; the newest managedFields entry is the last write that recorded one.
            long updated = created;
            for (JsonNode field : object.path("metadata").path("managedFields")) {
                updated = Math.max(updated, seconds(field.path("time").asText("")));
            }
            entity.put("updated_at", updated);
        }
        entity.setAll(fields);
        return entity;
    }

    /** A foreign reference as Kong writes it, {@code {"id": "..."}}. */
    static ObjectNode ref(String id) {
        return JsonNodeFactory.instance.objectNode().put("id", id);
    }

    /** A copy of {@code object} whose {@code konghq.com/plugins} lists {@code plugins} (removed when empty). */
    static ObjectNode withPlugins(ObjectNode object, List<String> plugins) {
        ObjectNode copy = object.deepCopy();
        ObjectNode annotations = KongManifests.annotations(copy);
        if (plugins.isEmpty()) {
            annotations.remove(KongManifests.PLUGINS);
        } else {
            annotations.put(KongManifests.PLUGINS, String.join(",", plugins));
        }
        return copy;
    }

    /** A copy of {@code object} without the given annotations, then with {@code put} set. */
    static ObjectNode reannotated(ObjectNode object, List<String> remove, java.util.Map<String, String> put) {
        ObjectNode copy = object.deepCopy();
        ObjectNode annotations = KongManifests.annotations(copy);
        annotations.remove(remove);
        put.forEach(annotations::put);
        return copy;
    }

    /** Kong tags from KIC's {@code konghq.com/tags} annotation, null when there are none. */
    static JsonNode tags(JsonNode object) {
        List<String> tags = KongManifests.annotation(object, KongManifests.TAGS)
                .map(KongManifests::commaList)
                .orElse(List.of());
        if (tags.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        var array = JsonNodeFactory.instance.arrayNode();
        tags.forEach(array::add);
        return array;
    }

    /** KIC's {@code konghq.com/tags} annotation for {@code entity}'s tags (none when it has none). */
    static java.util.Map<String, String> tagAnnotation(JsonNode entity) {
        List<String> tags = KongManifests.texts(entity.path("tags"));
        return tags.isEmpty() ? java.util.Map.of() : java.util.Map.of(KongManifests.TAGS, String.join(",", tags));
    }

    private static long seconds(String timestamp) {
        return timestamp.isEmpty() ? 0 : Instant.parse(timestamp).getEpochSecond();
    }
}
