package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One field a change sets, alters or removes, by its dotted path ({@code config.key_names}); absent on the side where
 * the field is not. Records are opened down to their changed leaves; lists and scalars are compared whole. Secrets
 * read as the placeholder, as in the printed diff.
 */
public record FieldChange(String path, Optional<JsonNode> before, Optional<JsonNode> after) {

    /** The fields {@code change} touches, in path order: all of a create's or a delete's, an update's changed ones. */
    public static List<FieldChange> of(Change change) {
        List<FieldChange> out = new ArrayList<>();
        walk(
                "",
                FieldDiff.masked(change.kind(), change.before()),
                FieldDiff.masked(change.kind(), change.after()),
                out);
        return out;
    }

    private static void walk(String prefix, ObjectNode before, ObjectNode after, List<FieldChange> out) {
        TreeSet<String> keys = new TreeSet<>();
        before.fieldNames().forEachRemaining(keys::add);
        after.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            JsonNode old = before.get(key);
            JsonNode now = after.get(key);
            String path = prefix + key;
            if (old != null && old.equals(now)) {
                continue;
            }
            if (old instanceof ObjectNode o && now instanceof ObjectNode n) {
                walk(path + ".", o, n, out);
            } else {
                out.add(new FieldChange(path, Optional.ofNullable(old), Optional.ofNullable(now)));
            }
        }
    }
}
