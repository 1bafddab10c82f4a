package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What of a live entity goes into a file, and in which order entities are listed. */
public final class FileEntities {

    /**
     * Never written: timestamps (go-database-reconciler pkg/utils/zero.go ZeroOutTimestamps) and the workspace,
     * which go-kong's types do not carry.
     */
    private static final Set<String> NEVER = Set.of("created_at", "updated_at", "ws_id");

    /** The foreign fields a nested entity loses: its parent is where it sits. */
    public static final List<String> FOREIGN = List.of("service", "route", "consumer");

    private FileEntities() {}

    /**
     * The entity as a file holds it: no timestamps, no null fields, no empty lists (go-kong's fields are
     * {@code omitempty}), no foreign fields, and no id when the entity has a name (pkg/utils/zero.go ZeroOutID).
     */
    public static ObjectNode forFile(DeckKind kind, ObjectNode live) {
        ObjectNode copy = live.deepCopy();
        NEVER.forEach(copy::remove);
        FOREIGN.forEach(copy::remove);
        if (GatewayState.hasName(kind, live)) {
            copy.remove("id");
        }
        withoutNulls(copy);
        List<String> empty = new ArrayList<>();
        copy.properties().forEach(f -> {
            if (f.getValue().isArray() && f.getValue().isEmpty()) {
                empty.add(f.getKey());
            }
        });
        empty.forEach(copy::remove);
        return copy;
    }

    /** Removes null fields at every depth (arrays keep their elements). */
    public static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    fields.remove();
                } else {
                    withoutNulls(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(FileEntities::withoutNulls);
        }
        return node;
    }

    /**
     * decK's list order: by name, username, key or group, falling back to the id (pkg/file/writer.go compareOrder
     * and compareCredential); plugins by name followed by their references (pkg/file/types.go FPlugin.sortKey).
     */
    public static Comparator<ObjectNode> order(DeckKind kind) {
        return Comparator.comparing((ObjectNode e) -> sortKey(kind, e))
                .thenComparing(e -> e.path("id").asText(""));
    }

    private static String sortKey(DeckKind kind, ObjectNode entity) {
        if (kind == DeckKind.PLUGIN) {
            StringBuilder key = new StringBuilder(entity.path("name").asText(""));
            for (String ref : List.of("consumer", "route", "service")) {
                JsonNode value = entity.get(ref);
                if (value != null && value.isTextual()) {
                    key.append(value.asText());
                }
            }
            return key.toString();
        }
        return GatewayState.hasName(kind, entity)
                ? GatewayState.nameOf(kind, entity)
                : entity.path("id").asText("");
    }

    /** {@code list} sorted in decK's order into a new array. */
    static ArrayNode sortedArray(DeckKind kind, List<ObjectNode> list, ArrayNode into) {
        list.stream().sorted(order(kind)).forEach(into::add);
        return into;
    }
}
