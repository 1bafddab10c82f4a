package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.PlanKind;
import dev.gatehouse.app.declarative.deck.DeckKind;
import dev.gatehouse.app.declarative.deck.Secrets;
import java.util.TreeSet;

/**
 * An update's field-level diff in the shape decK prints (its ASCII formatter over the old and new JSON): the whole
 * object, unchanged fields indented, removed ones with {@code -}, added ones with {@code +}, nested records opened.
 * A key-auth's key is never printed.
 */
final class FieldDiff {

    private FieldDiff() {}

    static String render(PlanKind kind, ObjectNode before, ObjectNode after) {
        StringBuilder out = new StringBuilder("{\n");
        object(masked(kind, before), masked(kind, after), 1, out);
        return out.append(" }").toString();
    }

    /** {@code entity} with its secret fields as the placeholder. */
    static ObjectNode masked(PlanKind kind, ObjectNode entity) {
        java.util.Set<String> secret = kind == DeckKind.KEY_AUTH ? java.util.Set.of("key") : kind.secretFields();
        if (secret.stream().noneMatch(entity::has)) {
            return entity;
        }
        ObjectNode copy = entity.deepCopy();
        secret.stream().filter(entity::has).forEach(field -> copy.put(field, Secrets.PLACEHOLDER));
        return copy;
    }

    private static void object(ObjectNode before, ObjectNode after, int depth, StringBuilder out) {
        TreeSet<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        String pad = "  ".repeat(depth);
        for (String key : keys) {
            JsonNode old = before.get(key);
            JsonNode now = after.get(key);
            String label = "\"" + key + "\": ";
            if (old != null && old.equals(now)) {
                out.append(' ').append(pad).append(label).append(old).append('\n');
            } else if (old instanceof ObjectNode o && now instanceof ObjectNode n) {
                out.append(' ').append(pad).append(label).append("{\n");
                object(o, n, depth + 1, out);
                out.append(' ').append(pad).append("}\n");
            } else {
                if (old != null) {
                    out.append('-').append(pad).append(label).append(old).append('\n');
                }
                if (now != null) {
                    out.append('+').append(pad).append(label).append(now).append('\n');
                }
            }
        }
    }
}
