package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.json.Json;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Kong's {@code Schema:process_auto_fields}: expands shorthands, generates ids, keys and timestamps, fills
 * defaults (inserts), deduplicates sets, and {@code Schema:merge_values} for updates.
 */
public final class AutoFields {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private AutoFields() {}

    /** The processed entity, or the shorthand errors (Kong returns a schema violation for those). */
    public record Result(ObjectNode entity, ObjectNode errors) {}

    /**
     * The wall clock's epoch second, stamped into {@code created_at}/{@code updated_at}. Expiry ({@code ttl}) is
     * measured with the store's clock instead, which tests move.
     */
    public static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    public static Result process(SchemaValidator validator, Schema schema, ObjectNode input, Context ctx) {
        ObjectNode data = ctx == Context.SELECT ? input : input.deepCopy();

        ObjectNode shorthandErrors = null;
        for (Shorthand sh : schema.shorthands()) {
            JsonNode value = data.get(sh.name());
            if (value == null) {
                continue;
            }
            JsonNode err = validator.validateField(sh.field(), value);
            if (err != null) {
                if (shorthandErrors == null) {
                    shorthandErrors = Json.object();
                }
                shorthandErrors.set(sh.name(), err);
                continue;
            }
            data.remove(sh.name());
            ObjectNode expanded = sh.expand().apply(value);
            if (expanded != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = expanded.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode v = e.getValue();
                    JsonNode current = data.get(e.getKey());
                    if (v.isObject() && current != null && current.isObject()) {
                        ObjectNode merged = ((ObjectNode) current).deepCopy();
                        merged.setAll((ObjectNode) v);
                        data.set(e.getKey(), merged);
                    } else {
                        data.set(e.getKey(), v);
                    }
                }
            }
        }
        if (shorthandErrors != null) {
            return new Result(null, shorthandErrors);
        }

        Schema subschema = schema.subschemaFor(data);
        Long now = null;
        for (NamedField nf : schema.fieldList()) {
            String key = nf.name();
            Field field = schema.resolveField(key, subschema);
            JsonNode value = data.get(key);
            if (ctx != Context.SELECT && field.auto()) {
                if (field.uuid()) {
                    if (ctx.insertOrUpsert() && value == null) {
                        value = TextNode.valueOf(UUID.randomUUID().toString());
                    }
                } else if (field.type() == FieldType.STRING) {
                    if (ctx.insertOrUpsert() && value == null) {
                        value = TextNode.valueOf(randomString());
                    }
                } else if ((key.equals("created_at") && ctx.insertOrUpsert() && Json.isNull(value))
                        || (key.equals("updated_at") && ctx != Context.SELECT)) {
                    if (now == null) {
                        now = nowSeconds();
                    }
                    // auto_timestamp_ms fields (targets) are numbers with millisecond precision, as Kong's
                    value = field.type() == FieldType.NUMBER
                            ? com.fasterxml.jackson.databind.node.DoubleNode.valueOf(
                                    System.currentTimeMillis() / 1000.0)
                            : LongNode.valueOf(now);
                }
            }
            value = adjust(validator, field, value, ctx);
            if (value == null) {
                data.remove(key);
            } else {
                data.set(key, value);
            }
        }
        return new Result(data, null);
    }

    private static boolean shouldRecurseRecord(Context ctx, JsonNode value, Field field) {
        if (ctx == Context.UPDATE) {
            return value != null && !value.isNull();
        }
        return (value == null || !value.isNull()) && (value != null || field.required());
    }

    private static JsonNode adjust(SchemaValidator validator, Field field, JsonNode value, Context ctx) {
        if (ctx == Context.SELECT && value != null && value.isNull() && field.required()) {
            return missing(validator, field);
        }
        if (field.isAbstract()) {
            return value;
        }
        if (field.type() == FieldType.RECORD) {
            if (shouldRecurseRecord(ctx, value, field)) {
                if (value == null) {
                    value = missing(validator, field);
                }
                if (value != null && value.isObject()) {
                    return process(validator, field.recordSchema(), (ObjectNode) value, ctx)
                            .entity();
                }
            }
        } else if (value != null && value.isContainerNode()) {
            Field sub = null;
            if (field.type() == FieldType.ARRAY) {
                sub = field.elements();
            } else if (field.type() == FieldType.SET) {
                value = dedupe(value);
                sub = field.elements();
            } else if (field.type() == FieldType.MAP) {
                sub = field.values();
            }
            if (sub != null) {
                if (value.isArray()) {
                    ArrayNode arr = (ArrayNode) value;
                    for (int i = 0; i < arr.size(); i++) {
                        JsonNode adjusted = adjust(validator, sub, arr.get(i), ctx);
                        arr.set(i, adjusted == null ? Json.nullNode() : adjusted);
                    }
                } else if (value.isObject()) {
                    ObjectNode obj = (ObjectNode) value;
                    for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        JsonNode adjusted = adjust(validator, sub, e.getValue(), ctx);
                        e.setValue(adjusted == null ? Json.nullNode() : adjusted);
                    }
                }
            }
        } else if (value != null
                && field.type() == FieldType.INTEGER
                && value.isFloatingPointNumber()
                && SchemaValidator.isInteger(value)) {
            value = LongNode.valueOf(value.longValue()); // Lua numbers: 5.0 is 5
        }
        if (value == null && ctx != Context.UPDATE) {
            return missing(validator, field);
        }
        return value;
    }

    private static JsonNode dedupe(JsonNode value) {
        if (!value.isArray()) {
            return value;
        }
        Set<JsonNode> seen = new LinkedHashSet<>();
        value.forEach(seen::add);
        if (seen.size() == value.size()) {
            return value;
        }
        ArrayNode out = Json.array();
        seen.forEach(out::add);
        return out;
    }

    /** Kong's {@code handle_missing_field}: the default, null, an expanded record, or absent (Java null). */
    private static JsonNode missing(SchemaValidator validator, Field field) {
        if (field.hasDefault()) {
            JsonNode d = field.defaultValue();
            return d == null ? Json.nullNode() : d.deepCopy();
        }
        if (!field.required()) {
            return Json.nullNode();
        }
        if (field.isAbstract()) {
            return null;
        }
        if (field.type() == FieldType.RECORD) {
            return process(validator, field.recordSchema(), Json.object(), Context.INSERT)
                    .entity();
        }
        return null;
    }

    /** Kong's {@code Schema:merge_values(top, bottom)}: records merge field by field, arrays are replaced. */
    public static ObjectNode merge(Schema schema, ObjectNode top, JsonNode bottom) {
        ObjectNode out = Json.object();
        if (bottom != null && bottom.isObject()) {
            out.setAll(((ObjectNode) bottom).deepCopy());
        }
        out.setAll(top.deepCopy());
        if (bottom == null || !bottom.isObject()) {
            return out;
        }
        Schema subschema = schema.subschemaFor(bottom);
        for (NamedField nf : schema.fieldList()) {
            Field f = schema.resolveField(nf.name(), subschema);
            JsonNode topValue = top.get(nf.name());
            if (topValue == null) {
                JsonNode b = bottom.get(nf.name());
                if (b != null) {
                    out.set(nf.name(), b.deepCopy());
                }
            } else if (f.type() == FieldType.RECORD && !f.isAbstract() && topValue.isObject()) {
                out.set(nf.name(), merge(f.recordSchema(), (ObjectNode) topValue, bottom.get(nf.name())));
            } else {
                out.set(nf.name(), topValue.deepCopy());
            }
        }
        return out;
    }

    /**
     * Kong's {@code random_string}: 24 random bytes, base64, with {@code /} and {@code +} replaced by random
     * letters, so 32 alphanumeric characters.
     */
    public static String randomString() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        char[] s = Base64.getEncoder().encodeToString(bytes).toCharArray();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == '/' || s[i] == '+') {
                s[i] = LETTERS.charAt(RANDOM.nextInt(LETTERS.length()));
            }
        }
        return new String(s);
    }
}
