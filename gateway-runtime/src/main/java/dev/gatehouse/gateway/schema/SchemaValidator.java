package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.LuaNumber;
import dev.gatehouse.gateway.json.LuaPretty;
import dev.gatehouse.gateway.json.Utf8Text;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Validates input against a {@link Schema} with the semantics and messages of Kong's {@code Schema:validate}
 * (field validators in Kong's order, required fields, entity checks, subschemas). Error tables are JSON objects
 * shaped like Kong's: field names to messages, nested objects for records, arrays for elements, and
 * {@code "@entity"} for entity-level messages.
 */
public final class SchemaValidator {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);

    private final Function<String, Schema> foreignSchemas;

    /** @param foreignSchemas finds the schema a {@code foreign} field references (by entity name) */
    public SchemaValidator(Function<String, Schema> foreignSchemas) {
        this.foreignSchemas = foreignSchemas;
    }

    /** {@code Schema:validate(input, full_check)}; null when valid, else the error table. */
    public ObjectNode validate(Schema schema, ObjectNode input, boolean fullCheck) {
        return validate(schema, input, fullCheck, false);
    }

    /** {@code Schema:validate_update}: like validate on a partial entity, with Kong's "when updating" wording. */
    public ObjectNode validateUpdate(Schema schema, ObjectNode input) {
        return validate(schema, input, false, true);
    }

    ObjectNode validate(Schema schema, ObjectNode input, boolean fullCheck, boolean updating) {
        if (schema.subschemaKey() != null) {
            JsonNode key = input.get(schema.subschemaKey());
            if (Json.isNull(key)) {
                ObjectNode e = Json.object();
                e.put(schema.subschemaKey(), Messages.REQUIRED);
                return e;
            }
            if (schema.subschemaFor(input) == null) {
                String fmt = schema.subschemaError() != null ? schema.subschemaError() : Messages.SUBSCHEMA_UNKNOWN;
                String shown = key.isTextual()
                        ? key.textValue()
                        : key.isArray() && key.size() > 0 ? luaString(key.get(0)) : luaString(key);
                ObjectNode e = Json.object();
                e.put(schema.subschemaKey(), String.format(fmt, shown));
                return e;
            }
        }

        Schema subschema = schema.subschemaFor(input);
        ObjectNode errors = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = input.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if ((k.equals("ttl") && schema.ttl()) || k.equals("updated_at")) {
                continue; // Kong's unvalidated_fields
            }
            Field f = schema.resolveField(k, subschema);
            if (f == null) {
                errors.put(k, Messages.UNKNOWN);
                continue;
            }
            JsonNode err = validateField(f, e.getValue(), updating);
            if (err != null) {
                errors.set(k, err);
            }
        }

        for (NamedField nf : schema.fieldList()) {
            if (nf.field().required()) {
                JsonNode v = input.get(nf.name());
                if ((v != null && v.isNull()) || (fullCheck && v == null)) {
                    errors.put(nf.name(), Messages.REQUIRED);
                }
            }
        }

        runEntityChecks(schema, schema.entityChecks(), null, input, fullCheck, errors, updating);
        if (subschema != null && !subschema.entityChecks().isEmpty()) {
            runEntityChecks(schema, subschema.entityChecks(), subschema, input, fullCheck, errors, updating);
        }
        return errors.isEmpty() ? null : errors;
    }

    /** {@code Schema:validate_field}; null when valid, else a message or a nested error table. */
    public JsonNode validateField(Field field, JsonNode value) {
        return validateField(field, value, false);
    }

    JsonNode validateField(Field field, JsonNode value, boolean updating) {
        if (value == null || value.isNull()) {
            if (field.ne != null && field.ne.isNull()) {
                return text(field.err != null ? field.err : String.format(Messages.NE, "null"));
            }
            if (field.eq != null && !field.eq.isNull()) {
                return text(String.format(Messages.EQ, luaString(field.eq)));
            }
            if (field.required()) {
                return text(Messages.REQUIRED);
            }
            return null;
        }
        if (field.eqNull) {
            return text(field.err != null ? field.err : String.format(Messages.EQ, "null"));
        }
        if (field.isAbstract) {
            return text(Messages.SUBSCHEMA_ABSTRACT_FIELD);
        }

        switch (field.type) {
            case ARRAY, SET -> {
                if (!value.isArray()) {
                    return text(field.type == FieldType.ARRAY ? Messages.ARRAY : Messages.SET);
                }
                JsonNode err = validateElements(field.elements, value, updating);
                if (err != null) {
                    return err;
                }
            }
            case MAP -> {
                if (value.isArray() && value.isEmpty()) {
                    break; // an empty Lua table is both
                }
                if (!value.isObject()) {
                    return text(Messages.MAP);
                }
                Field keys = field.keys.with().required(true).build();
                Field values = field.values.with().required(true).build();
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode err = validateField(keys, TextNode.valueOf(e.getKey()), updating);
                    if (err != null) {
                        return err;
                    }
                    err = validateField(values, e.getValue(), updating);
                    if (err != null) {
                        return err;
                    }
                }
            }
            case RECORD -> {
                if (!value.isObject()) {
                    return text(Messages.RECORD);
                }
                Schema rs = field.recordSchema();
                ObjectNode copy = AutoFields.process(this, rs, (ObjectNode) value, Context.INSERT)
                        .entity();
                if (copy == null) {
                    copy = ((ObjectNode) value).deepCopy();
                }
                ObjectNode err = validate(rs, copy, true, updating);
                if (err != null) {
                    return err;
                }
            }
            case FOREIGN -> {
                Schema foreign = foreignSchemas.apply(field.reference);
                if (foreign != null) {
                    ObjectNode pkErrors = validatePrimaryKey(foreign, value);
                    if (pkErrors != null) {
                        if (value.isObject()) {
                            ObjectNode foreignErrors = validate(foreign, (ObjectNode) value, false, updating);
                            if (foreignErrors != null) {
                                return foreignErrors;
                            }
                        }
                        return pkErrors;
                    }
                }
            }
            case INTEGER -> {
                if (!isInteger(value)) {
                    return text(Messages.INTEGER);
                }
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    return text(Messages.NUMBER);
                }
            }
            case STRING -> {
                if (!value.isTextual()) {
                    return text(Messages.STRING);
                }
                int bad = Utf8Text.invalidPosition(value.textValue());
                if (bad > 0) {
                    // Kong stores raw bytes and only its utf8 validators object; we cannot store invalid UTF-8 at all.
                    return text(String.format(Messages.INVALID_UTF8, bad));
                }
                if (field.referenceable && Field.isReference(value.textValue())) {
                    return null; // Kong's validate_field: a reference skips the field's other checks
                }
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    return text(Messages.BOOLEAN);
                }
            }
            default -> {}
        }
        String err = runValidators(field, value);
        if (err != null) {
            return text(field.err != null ? field.err : err);
        }
        return null;
    }

    /** Kong's {@code Schema:validate_primary_key(pk, true)}. */
    public ObjectNode validatePrimaryKey(Schema schema, JsonNode pk) {
        ObjectNode errors = Json.object();
        for (String k : schema.primaryKey()) {
            Field f = schema.field(k);
            JsonNode v = pk.isObject() ? pk.get(k) : null;
            if (v == null || (v.isBoolean() && !v.booleanValue())) {
                errors.put(k, Messages.MISSING_PK);
            } else if ((f.required() || f.auto()) && v.isNull()) {
                errors.put(k, Messages.REQUIRED);
            } else {
                JsonNode err = validateField(f, v);
                if (err != null) {
                    errors.set(k, err);
                }
            }
        }
        return errors.isEmpty() ? null : errors;
    }

    private JsonNode validateElements(Field elements, JsonNode array, boolean updating) {
        Field el = elements.with().required(true).build();
        ArrayNode errs = null;
        int last = -1;
        JsonNode[] found = new JsonNode[array.size()];
        for (int i = 0; i < array.size(); i++) {
            JsonNode err = validateField(el, array.get(i), updating);
            if (err != null) {
                found[i] = err;
                last = i;
            }
        }
        if (last < 0) {
            return null;
        }
        errs = Json.array();
        for (int i = 0; i <= last; i++) {
            errs.add(found[i] == null ? Json.nullNode() : found[i]);
        }
        return errs;
    }

    static boolean isInteger(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            return !Double.isInfinite(d) && !Double.isNaN(d) && d == Math.floor(d);
        }
        return false;
    }

    private String runValidators(Field f, JsonNode value) {
        if (f.eq != null && !f.eq.isNull() && !sameValue(f.eq, value)) {
            return String.format(Messages.EQ, luaString(f.eq));
        }
        if (f.ne != null && !f.ne.isNull() && sameValue(f.ne, value)) {
            return String.format(Messages.NE, luaString(value));
        }
        if (f.notOneOf != null) {
            for (JsonNode o : f.notOneOf) {
                if (sameValue(o, value)) {
                    return String.format(Messages.NOT_ONE_OF, joined(f.notOneOf));
                }
            }
        }
        if (f.oneOf != null) {
            boolean ok = false;
            for (JsonNode o : f.oneOf) {
                if (sameValue(o, value)) {
                    ok = true;
                    break;
                }
            }
            if (!ok) {
                return String.format(Messages.ONE_OF, joined(f.oneOf));
            }
        }
        if (f.gt != null && value.isNumber() && !(value.doubleValue() > f.gt.doubleValue())) {
            return String.format(Messages.GT, LuaNumber.format(f.gt.doubleValue()));
        }
        if (f.timestamp && value.isNumber() && !(value.doubleValue() > 0)) {
            return Messages.TIMESTAMP;
        }
        if (f.uuid && value.isTextual()) {
            String s = value.textValue();
            if (s.length() != 36 || !UUID.matcher(s).matches()) {
                return Messages.UUID;
            }
        }
        if (f.between != null && value.isNumber()) {
            double d = value.doubleValue();
            if (d < f.between[0].doubleValue() || d > f.between[1].doubleValue()) {
                return String.format(
                        Messages.BETWEEN,
                        LuaNumber.format(f.between[0].doubleValue()),
                        LuaNumber.format(f.between[1].doubleValue()));
            }
        }
        if (f.lenEq != null && length(value) != f.lenEq) {
            return String.format(Messages.LEN_EQ, f.lenEq);
        }
        int lenMin = f.lenMin != null ? f.lenMin : (f.type == FieldType.STRING ? 1 : -1);
        if (lenMin >= 0 && length(value) < lenMin) {
            return String.format(Messages.LEN_MIN, lenMin);
        }
        if (f.lenMax != null && length(value) > f.lenMax) {
            return String.format(Messages.LEN_MAX, f.lenMax);
        }
        if (value.isTextual()) {
            String s = value.textValue();
            if (f.startsWith != null && !s.startsWith(f.startsWith)) {
                return String.format(Messages.STARTS_WITH, f.startsWith);
            }
            if (f.notMatch != null && f.notMatch.find(s)) {
                return String.format(Messages.MATCH, s);
            }
            if (f.matchNone != null) {
                for (Field.PatternRule r : f.matchNone) {
                    if (r.pattern().find(s)) {
                        return r.err();
                    }
                }
            }
            if (f.match != null && !f.match.find(s)) {
                return String.format(Messages.MATCH, s);
            }
            if (f.matchAll != null) {
                for (Field.PatternRule r : f.matchAll) {
                    if (!r.pattern().find(s)) {
                        return r.err();
                    }
                }
            }
            if (f.matchAny != null) {
                boolean any = false;
                for (LuaPattern p : f.matchAny.patterns()) {
                    if (p.find(s)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return f.matchAny.err();
                }
            }
        }
        if (f.contains != null && value.isArray()) {
            boolean found = false;
            for (JsonNode n : value) {
                if (n.isTextual() && n.textValue().equals(f.contains)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return String.format(Messages.CONTAINS, f.contains);
            }
        }
        if (f.customValidator != null) {
            String err = f.customValidator.check(value);
            if (err != null) {
                return err;
            }
        }
        if (f.mutuallyExclusiveSubsets != null && value.isArray()) {
            List<List<String>> memberOf = new ArrayList<>();
            for (JsonNode n : value) {
                for (List<String> subset : f.mutuallyExclusiveSubsets) {
                    if (n.isTextual() && subset.contains(n.textValue()) && !memberOf.contains(subset)) {
                        memberOf.add(subset);
                    }
                }
            }
            if (memberOf.size() > 1) {
                List<String> parts = new ArrayList<>();
                for (List<String> s : memberOf) {
                    parts.add("(" + quotedList(s) + ")");
                }
                return String.format(Messages.MUTUALLY_EXCLUSIVE_SETS, String.join(", ", parts));
            }
        }
        return null;
    }

    private static int length(JsonNode v) {
        if (v.isTextual()) {
            return v.textValue().getBytes(StandardCharsets.UTF_8).length;
        }
        if (v.isContainerNode()) {
            return v.size();
        }
        return 0;
    }

    static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.doubleValue() == b.doubleValue();
        }
        return a.equals(b);
    }

    private static String joined(List<JsonNode> values) {
        List<String> parts = new ArrayList<>();
        for (JsonNode v : values) {
            parts.add(luaString(v));
        }
        return String.join(", ", parts);
    }

    static String luaString(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return LuaNumber.format(v);
        }
        if (v.isContainerNode()) {
            return LuaPretty.write(v);
        }
        return v.asText();
    }

    /** Kong's {@code quoted_list}: {@code 'a', 'b'}. */
    public static String quotedList(List<String> words) {
        List<String> q = new ArrayList<>();
        for (String w : words) {
            q.add("'" + w + "'");
        }
        return String.join(", ", q);
    }

    private static TextNode text(String s) {
        return TextNode.valueOf(s);
    }

    // ---- entity checks -------------------------------------------------------------------------------------

    private void runEntityChecks(
            Schema schema,
            List<EntityCheck> checks,
            Schema subschema,
            ObjectNode input,
            boolean fullCheck,
            ObjectNode errors,
            boolean updating) {
        for (EntityCheck check : checks) {
            runEntityCheck(schema, subschema, check, input, fullCheck, errors, updating);
        }
    }

    private record CheckPlan(
            List<String> fields, Set<String> required, boolean runWithMissing, boolean runWithInvalid) {}

    private static CheckPlan plan(EntityCheck check) {
        return switch (check) {
            case EntityCheck.AtLeastOneOf c -> new CheckPlan(c.fields(), new HashSet<>(c.fields()), true, true);
            case EntityCheck.OnlyOneOf c -> new CheckPlan(c.fields(), new HashSet<>(c.fields()), false, true);
            case EntityCheck.Distinct c -> new CheckPlan(c.fields(), new HashSet<>(c.fields()), false, true);
            case EntityCheck.MutuallyRequired c -> new CheckPlan(c.fields(), new HashSet<>(c.fields()), true, false);
            case EntityCheck.MutuallyExclusive c -> new CheckPlan(c.fields(), new HashSet<>(c.fields()), true, false);
            case EntityCheck.Conditional c ->
                new CheckPlan(List.of(c.ifField(), c.thenField()), Set.of(c.ifField()), false, true);
            case EntityCheck.ConditionalAtLeastOneOf c -> {
                List<String> fs = new ArrayList<>();
                fs.add(c.ifField());
                fs.addAll(c.thenAtLeastOneOf());
                if (c.elseThenAtLeastOneOf() != null) {
                    fs.addAll(c.elseThenAtLeastOneOf());
                }
                yield new CheckPlan(fs, Set.of(c.ifField()), true, true);
            }
            case EntityCheck.Custom c ->
                new CheckPlan(c.fieldSources(), new HashSet<>(c.fieldSources()), c.runWithMissingFields(), false);
        };
    }

    private void runEntityCheck(
            Schema schema,
            Schema subschema,
            EntityCheck check,
            ObjectNode input,
            boolean fullCheck,
            ObjectNode errors,
            boolean updating) {
        CheckPlan plan = plan(check);
        ObjectNode checkInput = Json.object();
        List<String> missing = new ArrayList<>();
        boolean allNil = true;
        boolean allOk = true;
        for (String fname : new LinkedHashSet<>(plan.fields())) {
            JsonNode value = getField(input, fname);
            if (value == null) {
                if (!plan.runWithMissing() && plan.required().contains(fname)) {
                    missing.add(fname);
                }
            } else {
                allNil = false;
            }
            if (errors.has(fname)) {
                allOk = false;
            }
            if (value != null) {
                setField(checkInput, fname, value);
            }
        }
        if (!allOk && !plan.runWithInvalid()) {
            return;
        }
        if (allNil && !(plan.runWithMissing() && fullCheck)) {
            return;
        }
        if (!missing.isEmpty()) {
            for (String m : missing) {
                setField(errors, m, text(Messages.REQUIRED_FOR_ENTITY_CHECK + (updating ? " when updating" : "")));
            }
            return;
        }
        String message = switch (check) {
            case EntityCheck.AtLeastOneOf c ->
                atLeastOneOf(checkInput, c.fields())
                        ? null
                        : String.format(atLeastOneOfMessage(updating), quotedList(c.fields()));
            case EntityCheck.OnlyOneOf c ->
                onlyOneOf(checkInput, c.fields()) ? null : String.format(Messages.ONLY_ONE_OF, quotedList(c.fields()));
            case EntityCheck.Distinct c ->
                distinct(checkInput, c.fields()) ? null : String.format(Messages.DISTINCT, quotedList(c.fields()));
            case EntityCheck.MutuallyRequired c -> {
                int n = countNonEmpty(checkInput, c.fields());
                yield n == 0 || n == c.fields().size()
                        ? null
                        : String.format(Messages.MUTUALLY_REQUIRED, quotedList(c.fields()));
            }
            case EntityCheck.MutuallyExclusive c ->
                countNonEmpty(checkInput, c.fields()) <= 1
                        ? null
                        : String.format(Messages.MUTUALLY_EXCLUSIVE, quotedList(c.fields()));
            case EntityCheck.Conditional c -> conditional(schema, subschema, c, checkInput, errors);
            case EntityCheck.ConditionalAtLeastOneOf c ->
                conditionalAtLeastOneOf(schema, subschema, c, checkInput, updating);
            case EntityCheck.Custom c -> c.fn().apply(checkInput);
        };
        if (message != null) {
            ArrayNode entity = errors.has("@entity") ? (ArrayNode) errors.get("@entity") : errors.putArray("@entity");
            entity.add(message);
        }
    }

    private static String atLeastOneOfMessage(boolean updating) {
        return updating ? "when updating, " + Messages.AT_LEAST_ONE_OF : Messages.AT_LEAST_ONE_OF;
    }

    private static boolean atLeastOneOf(ObjectNode in, List<String> fields) {
        return countNonEmpty(in, fields) > 0;
    }

    private static boolean onlyOneOf(ObjectNode in, List<String> fields) {
        return countNonEmpty(in, fields) == 1;
    }

    private static boolean distinct(ObjectNode in, List<String> fields) {
        Set<JsonNode> seen = new HashSet<>();
        for (String f : fields) {
            JsonNode v = getField(in, f);
            if (Json.isNonEmpty(v) && !seen.add(v)) {
                return false;
            }
        }
        return true;
    }

    private static int countNonEmpty(ObjectNode in, List<String> fields) {
        int n = 0;
        for (String f : fields) {
            if (Json.isNonEmpty(getField(in, f))) {
                n++;
            }
        }
        return n;
    }

    private Field schemaField(Schema schema, Schema subschema, String dotted) {
        String[] parts = dotted.split("\\.");
        Field f = schema.resolveField(parts[0], subschema);
        for (int i = 1; i < parts.length && f != null; i++) {
            f = f.recordSchema().field(parts[i]);
        }
        return f;
    }

    private String conditional(
            Schema schema, Schema subschema, EntityCheck.Conditional c, ObjectNode in, ObjectNode errors) {
        JsonNode ifValue = getField(in, c.ifField());
        JsonNode thenValue = getField(in, c.thenField());
        if (thenValue == null) {
            thenValue = Json.nullNode();
        }
        Field ifField = schemaField(schema, subschema, c.ifField());
        if (ifField == null || validateField(c.ifMatch().applyTo(ifField), ifValue) != null) {
            return null;
        }
        if (c.thenMatch().requiresValue() && thenValue.isNull()) {
            setField(errors, c.thenField(), text(Messages.REQUIRED));
            return String.format(Messages.CONDITIONAL, c.ifField());
        }
        Field thenField = schemaField(schema, subschema, c.thenField());
        if (thenField == null) {
            return null;
        }
        JsonNode err = validateField(c.thenMatch().applyTo(thenField), thenValue);
        if (err != null) {
            setField(errors, c.thenField(), err);
            return c.thenErr() != null
                    ? String.format(c.thenErr(), c.ifField())
                    : String.format(Messages.CONDITIONAL, c.ifField());
        }
        return null;
    }

    private String conditionalAtLeastOneOf(
            Schema schema, Schema subschema, EntityCheck.ConditionalAtLeastOneOf c, ObjectNode in, boolean updating) {
        JsonNode ifValue = getField(in, c.ifField());
        if (ifValue == null) {
            return null;
        }
        Field ifField = schemaField(schema, subschema, c.ifField());
        String generic = updating ? "when updating, " + Messages.AT_LEAST_ONE_OF : Messages.AT_LEAST_ONE_OF;
        if (validateField(c.ifMatch().applyTo(ifField), ifValue) != null) {
            if (c.elseMatch() == null || validateField(c.elseMatch().applyTo(ifField), ifValue) != null) {
                return null;
            }
            if (countNonEmpty(in, c.elseThenAtLeastOneOf()) > 0) {
                return null;
            }
            String list = quotedList(c.elseThenAtLeastOneOf());
            return c.elseThenErr() != null ? String.format(c.elseThenErr(), list) : String.format(generic, list);
        }
        if (countNonEmpty(in, c.thenAtLeastOneOf()) > 0) {
            return null;
        }
        String list = quotedList(c.thenAtLeastOneOf());
        return c.thenErr() != null ? String.format(c.thenErr(), list) : String.format(generic, list);
    }

    /** Kong's {@code get_field(t, "a.b")}: Java null when absent. */
    public static JsonNode getField(JsonNode node, String dotted) {
        JsonNode cur = node;
        for (String part : dotted.split("\\.")) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur;
    }

    static void setField(ObjectNode node, String dotted, JsonNode value) {
        String[] parts = dotted.split("\\.");
        ObjectNode cur = node;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = cur.get(parts[i]);
            if (next == null || !next.isObject()) {
                next = cur.putObject(parts[i]);
            }
            cur = (ObjectNode) next;
        }
        cur.set(parts[parts.length - 1], value);
    }
}
