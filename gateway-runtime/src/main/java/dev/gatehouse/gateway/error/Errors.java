package dev.gatehouse.gateway.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.LuaPretty;
import java.util.ArrayList;
import java.util.List;

/** Builders for Kong's error objects, with Kong's message formats ({@code kong/db/errors.lua}). */
public final class Errors {

    private Errors() {}

    /** {@code schema_violation}: entity errors first, then fields in sorted order. */
    public static KongError schemaViolation(ObjectNode errors) {
        List<String> buf = new ArrayList<>();
        JsonNode entity = errors.get("@entity");
        if (entity != null && entity.isArray()) {
            entity.forEach(e -> buf.add(e.asText()));
        }
        buf.addAll(describe(errors));
        return new KongError(ErrorCode.SCHEMA_VIOLATION, summary(buf, "schema violation", "schema violations"), errors);
    }

    /** {@code field: err} or {@code field.sub: err} per error, fields sorted, nested tables pretty-printed. */
    private static List<String> describe(ObjectNode errors) {
        List<String> buf = new ArrayList<>();
        for (String field : sortedKeys(errors)) {
            if (field.equals("@entity")) {
                continue;
            }
            JsonNode v = errors.get(field);
            if (v.isContainerNode()) {
                for (String sub : sortedKeys(v)) {
                    JsonNode value = childOf(v, sub);
                    if (value == null || value.isNull()) {
                        continue;
                    }
                    String shown = value.isContainerNode() ? LuaPretty.writeIndented(value) : value.asText();
                    buf.add(field + "." + sub + ": " + shown);
                }
            } else {
                buf.add(field + ": " + v.asText());
            }
        }
        return buf;
    }

    /** {@code one (x)} or {@code N many (x; y)}. */
    private static String summary(List<String> buf, String one, String many) {
        return buf.size() == 1
                ? one + " (" + buf.get(0) + ")"
                : buf.size() + " " + many + " (" + String.join("; ", buf) + ")";
    }

    /** A schema violation with a single field error. */
    public static KongError schemaViolation(String field, String message) {
        ObjectNode e = Json.object();
        e.put(field, message);
        return schemaViolation(e);
    }

    public static KongError primaryKeyViolation(ObjectNode pk) {
        return new KongError(
                ErrorCode.PRIMARY_KEY_VIOLATION, "primary key violation on key '" + LuaPretty.write(pk) + "'", pk);
    }

    public static KongError foreignKeyViolationInvalidReference(ObjectNode foreignKey, String field, String parent) {
        ObjectNode fields = Json.object();
        fields.set(field, foreignKey);
        return new KongError(
                ErrorCode.FOREIGN_KEY_VIOLATION,
                "the foreign key '" + LuaPretty.write(foreignKey) + "' does not reference an existing '" + parent
                        + "' entity.",
                fields);
    }

    public static KongError foreignKeyViolationRestricted(String parent, String child) {
        ObjectNode fields = Json.object();
        fields.put("@referenced_by", child);
        return new KongError(
                ErrorCode.FOREIGN_KEY_VIOLATION,
                "an existing '" + child + "' entity references this '" + parent + "' entity",
                fields);
    }

    /** One unresolved reference: {@code field.subField} could not be found as {@code parent}. */
    public record Unresolved(String field, String subField, JsonNode value, String parent) {}

    public static KongError foreignKeysUnresolved(List<Unresolved> unresolved) {
        ObjectNode fields = Json.object();
        for (Unresolved u : unresolved) {
            ObjectNode kv = Json.object();
            kv.set(u.subField(), u.value());
            String msg = "the foreign key cannot be resolved with '" + LuaPretty.write(kv) + "' for an existing '"
                    + u.parent() + "' entity";
            ObjectNode f = fields.has(u.field()) ? (ObjectNode) fields.get(u.field()) : fields.putObject(u.field());
            f.put(u.subField(), msg);
        }
        List<String> buf = new ArrayList<>();
        for (String field : sortedKeys(fields)) {
            for (String sub : sortedKeys(fields.get(field))) {
                buf.add(field + "." + sub + ": " + fields.get(field).get(sub).asText());
            }
        }
        return new KongError(
                ErrorCode.FOREIGN_KEYS_UNRESOLVED,
                summary(buf, "foreign key unresolved", "foreign keys unresolved"),
                fields);
    }

    public static KongError uniqueViolation(ObjectNode uniqueKey) {
        return new KongError(
                ErrorCode.UNIQUE_VIOLATION,
                "UNIQUE violation detected on '" + LuaPretty.write(uniqueKey) + "'",
                uniqueKey);
    }

    public static KongError notFound(ObjectNode primaryKey) {
        return new KongError(
                ErrorCode.NOT_FOUND,
                "could not find the entity with primary key '" + LuaPretty.write(primaryKey) + "'",
                primaryKey);
    }

    public static KongError notFoundByField(ObjectNode filter) {
        return new KongError(
                ErrorCode.NOT_FOUND, "could not find the entity with '" + LuaPretty.write(filter) + "'", filter);
    }

    public static KongError invalidOffset(String offset, String err) {
        return new KongError(ErrorCode.INVALID_OFFSET, "'" + offset + "' is not a valid offset: " + err, null);
    }

    public static KongError invalidSize(String err) {
        return new KongError(ErrorCode.INVALID_SIZE, err, null);
    }

    public static KongError invalidUnique(String name, String err) {
        return new KongError(
                ErrorCode.INVALID_UNIQUE, String.format(ErrorCode.INVALID_UNIQUE.errorName(), name), err, null, null);
    }

    /** {@code invalid_options}: {@code invalid option (tags: cannot be null)}. */
    public static KongError invalidOptions(ObjectNode errors) {
        return new KongError(
                ErrorCode.INVALID_OPTIONS, summary(describe(errors), "invalid option", "option violations"), errors);
    }

    public static KongError invalidOption(String option, String message) {
        ObjectNode e = Json.object();
        e.put(option, message);
        return invalidOptions(e);
    }

    public static KongError declarativeConfig(ObjectNode errors) {
        return new KongError(
                ErrorCode.DECLARATIVE_CONFIG, "declarative config is invalid: " + LuaPretty.write(errors), errors);
    }

    /** Lua's sorted_keys: numeric keys (array positions, 1-based) sort before names. */
    static List<String> sortedKeys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isNull()) {
                    keys.add(Integer.toString(i + 1));
                }
            }
            return keys;
        }
        node.fieldNames().forEachRemaining(keys::add);
        keys.sort(null);
        return keys;
    }

    private static JsonNode childOf(JsonNode node, String key) {
        if (node.isArray()) {
            return node.get(Integer.parseInt(key) - 1);
        }
        return node.get(key);
    }

    static TextNode text(String s) {
        return TextNode.valueOf(s);
    }
}
