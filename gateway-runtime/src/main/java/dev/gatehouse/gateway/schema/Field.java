package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One field definition of a schema, with the attributes of Kong's schema library. Immutable; build with
 * {@link #builder(FieldType)} or derive a variant with {@link #with()} (Kong's {@code typedef { overrides }}).
 */
public final class Field {

    /** A {@code match_none} / {@code match_all} entry. */
    public record PatternRule(LuaPattern pattern, String err) {}

    /** A {@code match_any} rule. */
    public record AnyPattern(List<LuaPattern> patterns, String err) {}

    final FieldType type;
    final Boolean required;
    final boolean hasDefault;
    final JsonNode defaultValue;
    final boolean auto;
    final boolean uuid;
    final boolean unique;
    final boolean timestamp;
    final boolean isAbstract;
    final boolean eqNull;
    final JsonNode eq;
    final JsonNode ne;
    final List<JsonNode> oneOf;
    final List<JsonNode> notOneOf;
    final Number[] between;
    final Number gt;
    final Integer lenEq;
    final Integer lenMin;
    final Integer lenMax;
    final String startsWith;
    final LuaPattern match;
    final LuaPattern notMatch;
    final List<PatternRule> matchNone;
    final List<PatternRule> matchAll;
    final AnyPattern matchAny;
    final String contains;
    final List<List<String>> mutuallyExclusiveSubsets;
    final String err;
    final Field elements;
    final Field keys;
    final Field values;
    final List<NamedField> fields;
    final List<EntityCheck> entityChecks;
    final String reference;
    final String onDelete;
    final String description;
    final CustomValidator customValidator;
    final boolean referenceable;
    final boolean encrypted;
    final boolean transientField;
    private volatile Schema recordSchema;

    private Field(Builder b) {
        this.type = b.type;
        this.required = b.required;
        this.hasDefault = b.hasDefault;
        this.defaultValue = b.defaultValue;
        this.auto = b.auto;
        this.uuid = b.uuid;
        this.unique = b.unique;
        this.timestamp = b.timestamp;
        this.isAbstract = b.isAbstract;
        this.eqNull = b.eqNull;
        this.eq = b.eq;
        this.ne = b.ne;
        this.oneOf = b.oneOf;
        this.notOneOf = b.notOneOf;
        this.between = b.between;
        this.gt = b.gt;
        this.lenEq = b.lenEq;
        this.lenMin = b.lenMin;
        this.lenMax = b.lenMax;
        this.startsWith = b.startsWith;
        this.match = b.match;
        this.notMatch = b.notMatch;
        this.matchNone = b.matchNone;
        this.matchAll = b.matchAll;
        this.matchAny = b.matchAny;
        this.contains = b.contains;
        this.mutuallyExclusiveSubsets = b.mutuallyExclusiveSubsets;
        this.err = b.err;
        this.elements = b.elements;
        this.keys = b.keys;
        this.values = b.values;
        this.fields = b.fields == null ? null : List.copyOf(b.fields);
        this.entityChecks = b.entityChecks == null ? List.of() : List.copyOf(b.entityChecks);
        this.reference = b.reference;
        this.onDelete = b.onDelete;
        this.description = b.description;
        this.customValidator = b.customValidator;
        this.referenceable = b.referenceable;
        this.encrypted = b.encrypted;
        this.transientField = b.transientField;
    }

    public static Builder builder(FieldType type) {
        return new Builder(type);
    }

    public static Builder string() {
        return builder(FieldType.STRING);
    }

    public static Builder integer() {
        return builder(FieldType.INTEGER);
    }

    public static Builder bool() {
        return builder(FieldType.BOOLEAN);
    }

    public static Builder record(List<NamedField> fields) {
        return builder(FieldType.RECORD).fields(fields);
    }

    /** A builder pre-filled with this field's attributes (Kong's {@code typedef { overrides }}). */
    public Builder with() {
        return new Builder(this);
    }

    public FieldType type() {
        return type;
    }

    public boolean required() {
        return Boolean.TRUE.equals(required);
    }

    /**
     * Kong's {@code make_records_required}: records in entities are required unless said otherwise, so that they
     * return their full structure (defaults included).
     */
    public Field withRecordsRequired() {
        if (type != FieldType.RECORD || fields == null) {
            return this;
        }
        List<NamedField> inner = new ArrayList<>();
        for (NamedField nf : fields) {
            inner.add(NamedField.of(nf.name(), nf.field().withRecordsRequired()));
        }
        Builder b = with().fields(inner);
        if (required == null) {
            b.required(true);
        }
        return b.build();
    }

    public boolean hasDefault() {
        return hasDefault;
    }

    public JsonNode defaultValue() {
        return defaultValue;
    }

    public boolean auto() {
        return auto;
    }

    public boolean uuid() {
        return uuid;
    }

    /** A field validated on input and never stored (Kong's {@code transient}). */
    public boolean isTransient() {
        return transientField;
    }

    public boolean unique() {
        return unique;
    }

    public boolean isAbstract() {
        return isAbstract;
    }

    public Field elements() {
        return elements;
    }

    public Field keys() {
        return keys;
    }

    public Field values() {
        return values;
    }

    public List<NamedField> fields() {
        return fields == null ? List.of() : fields;
    }

    public String reference() {
        return reference;
    }

    public String onDelete() {
        return onDelete;
    }

    public String description() {
        return description;
    }

    /** The record's fields as a schema (Kong's {@code get_field_schema}), built once. */
    public Schema recordSchema() {
        Schema s = recordSchema;
        if (s == null) {
            s = Schema.builder(null).fields(fields()).entityChecks(entityChecks).build();
            recordSchema = s;
        }
        return s;
    }

    /** This field as Kong's {@code schema_to_jsonable} prints it (functions dropped). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("type", type.luaName());
        if (required != null) {
            o.put("required", required);
        }
        if (hasDefault) {
            o.set("default", defaultValue == null ? Json.nullNode() : defaultValue.deepCopy());
        }
        if (auto) {
            o.put("auto", true);
        }
        if (uuid) {
            o.put("uuid", true);
        }
        if (unique) {
            o.put("unique", true);
        }
        if (timestamp) {
            o.put("timestamp", true);
        }
        if (isAbstract) {
            o.put("abstract", true);
        }
        if (eqNull) {
            o.set("eq", Json.nullNode());
        } else if (eq != null) {
            o.set("eq", eq);
        }
        if (ne != null) {
            o.set("ne", ne);
        }
        if (oneOf != null) {
            ArrayNode a = o.putArray("one_of");
            oneOf.forEach(a::add);
        }
        if (notOneOf != null) {
            ArrayNode a = o.putArray("not_one_of");
            notOneOf.forEach(a::add);
        }
        if (between != null) {
            ArrayNode a = o.putArray("between");
            for (Number n : between) {
                a.add(Json.MAPPER.valueToTree(n));
            }
        }
        if (gt != null) {
            o.set("gt", Json.MAPPER.valueToTree(gt));
        }
        if (lenEq != null) {
            o.put("len_eq", lenEq);
        }
        if (lenMin != null) {
            o.put("len_min", lenMin);
        }
        if (lenMax != null) {
            o.put("len_max", lenMax);
        }
        if (startsWith != null) {
            o.put("starts_with", startsWith);
        }
        if (match != null) {
            o.put("match", match.lua());
        }
        if (notMatch != null) {
            o.put("not_match", notMatch.lua());
        }
        if (matchNone != null) {
            o.set("match_none", rules(matchNone));
        }
        if (matchAll != null) {
            o.set("match_all", rules(matchAll));
        }
        if (matchAny != null) {
            ObjectNode any = o.putObject("match_any");
            ArrayNode p = any.putArray("patterns");
            matchAny.patterns().forEach(x -> p.add(x.lua()));
            any.put("err", matchAny.err());
        }
        if (contains != null) {
            o.put("contains", contains);
        }
        if (mutuallyExclusiveSubsets != null) {
            ArrayNode a = o.putArray("mutually_exclusive_subsets");
            for (List<String> subset : mutuallyExclusiveSubsets) {
                ArrayNode s = a.addArray();
                subset.forEach(s::add);
            }
        }
        if (err != null) {
            o.put("err", err);
        }
        if (elements != null) {
            o.set("elements", elements.toJson());
        }
        if (keys != null) {
            o.set("keys", keys.toJson());
        }
        if (values != null) {
            o.set("values", values.toJson());
        }
        if (fields != null) {
            o.set("fields", NamedField.toJson(fields));
        }
        if (!entityChecks.isEmpty()) {
            o.set("entity_checks", EntityCheck.toJson(entityChecks));
        }
        if (reference != null) {
            o.put("reference", reference);
        }
        if (onDelete != null) {
            o.put("on_delete", onDelete);
        }
        if (referenceable) {
            o.put("referenceable", true);
        }
        if (encrypted) {
            o.put("encrypted", true);
        }
        if (transientField) {
            o.put("transient", true);
        }
        if (description != null) {
            o.put("description", description);
        }
        return o;
    }

    private static ArrayNode rules(List<PatternRule> rules) {
        ArrayNode a = Json.array();
        for (PatternRule r : rules) {
            ObjectNode x = a.addObject();
            x.put("pattern", r.pattern().lua());
            x.put("err", r.err());
        }
        return a;
    }

    /** Fluent builder for {@link Field}. */
    public static final class Builder {
        private FieldType type;
        private Boolean required;
        private boolean hasDefault;
        private JsonNode defaultValue;
        private boolean auto;
        private boolean uuid;
        private boolean unique;
        private boolean timestamp;
        private boolean isAbstract;
        private boolean eqNull;
        private JsonNode eq;
        private JsonNode ne;
        private List<JsonNode> oneOf;
        private List<JsonNode> notOneOf;
        private Number[] between;
        private Number gt;
        private Integer lenEq;
        private Integer lenMin;
        private Integer lenMax;
        private String startsWith;
        private LuaPattern match;
        private LuaPattern notMatch;
        private List<PatternRule> matchNone;
        private List<PatternRule> matchAll;
        private AnyPattern matchAny;
        private String contains;
        private List<List<String>> mutuallyExclusiveSubsets;
        private String err;
        private Field elements;
        private Field keys;
        private Field values;
        private List<NamedField> fields;
        private List<EntityCheck> entityChecks;
        private String reference;
        private String onDelete;
        private String description;
        private CustomValidator customValidator;
        private boolean referenceable;
        private boolean encrypted;
        private boolean transientField;

        Builder(FieldType type) {
            this.type = type;
        }

        Builder(Field f) {
            type = f.type;
            required = f.required;
            hasDefault = f.hasDefault;
            defaultValue = f.defaultValue;
            auto = f.auto;
            uuid = f.uuid;
            unique = f.unique;
            timestamp = f.timestamp;
            isAbstract = f.isAbstract;
            eqNull = f.eqNull;
            eq = f.eq;
            ne = f.ne;
            oneOf = f.oneOf;
            notOneOf = f.notOneOf;
            between = f.between;
            gt = f.gt;
            lenEq = f.lenEq;
            lenMin = f.lenMin;
            lenMax = f.lenMax;
            startsWith = f.startsWith;
            match = f.match;
            notMatch = f.notMatch;
            matchNone = f.matchNone;
            matchAll = f.matchAll;
            matchAny = f.matchAny;
            contains = f.contains;
            mutuallyExclusiveSubsets = f.mutuallyExclusiveSubsets;
            err = f.err;
            elements = f.elements;
            keys = f.keys;
            values = f.values;
            fields = f.fields;
            entityChecks = f.entityChecks;
            reference = f.reference;
            onDelete = f.onDelete;
            description = f.description;
            customValidator = f.customValidator;
            referenceable = f.referenceable;
            encrypted = f.encrypted;
            transientField = f.transientField;
        }

        public Builder required(boolean v) {
            required = v;
            return this;
        }

        public Builder defaultValue(JsonNode v) {
            hasDefault = true;
            defaultValue = v;
            return this;
        }

        public Builder defaultValue(Object v) {
            return defaultValue(v == null ? Json.nullNode() : (JsonNode) Json.MAPPER.valueToTree(v));
        }

        public Builder auto() {
            auto = true;
            return this;
        }

        public Builder uuid() {
            uuid = true;
            return this;
        }

        public Builder unique() {
            unique = true;
            return this;
        }

        public Builder timestamp() {
            timestamp = true;
            return this;
        }

        public Builder abstractField() {
            isAbstract = true;
            return this;
        }

        public Builder eqNull() {
            eqNull = true;
            return this;
        }

        public Builder ne(Object v) {
            ne = Json.MAPPER.valueToTree(v);
            return this;
        }

        public Builder oneOf(Object... options) {
            oneOf = new ArrayList<>();
            for (Object o : options) {
                oneOf.add(Json.MAPPER.valueToTree(o));
            }
            return this;
        }

        public Builder notOneOf(Object... options) {
            notOneOf = new ArrayList<>();
            for (Object o : options) {
                notOneOf.add(Json.MAPPER.valueToTree(o));
            }
            return this;
        }

        public Builder between(Number lo, Number hi) {
            between = new Number[] {lo, hi};
            return this;
        }

        public Builder gt(Number v) {
            gt = v;
            return this;
        }

        public Builder lenMin(int v) {
            lenMin = v;
            return this;
        }

        public Builder lenMax(int v) {
            lenMax = v;
            return this;
        }

        public Builder lenEq(int v) {
            lenEq = v;
            return this;
        }

        public Builder startsWith(String v) {
            startsWith = v;
            return this;
        }

        public Builder match(String luaPattern) {
            match = LuaPattern.of(luaPattern);
            return this;
        }

        public Builder notMatch(String luaPattern) {
            notMatch = LuaPattern.of(luaPattern);
            return this;
        }

        public Builder matchNone(String luaPattern, String error) {
            if (matchNone == null) {
                matchNone = new ArrayList<>();
            } else {
                matchNone = new ArrayList<>(matchNone);
            }
            matchNone.add(new PatternRule(LuaPattern.of(luaPattern), error));
            return this;
        }

        public Builder matchAll(String luaPattern, String error) {
            if (matchAll == null) {
                matchAll = new ArrayList<>();
            } else {
                matchAll = new ArrayList<>(matchAll);
            }
            matchAll.add(new PatternRule(LuaPattern.of(luaPattern), error));
            return this;
        }

        public Builder matchAny(String error, String... luaPatterns) {
            List<LuaPattern> ps = new ArrayList<>();
            for (String p : luaPatterns) {
                ps.add(LuaPattern.of(p));
            }
            matchAny = new AnyPattern(List.copyOf(ps), error);
            return this;
        }

        public Builder contains(String v) {
            contains = v;
            return this;
        }

        public Builder mutuallyExclusiveSubsets(List<List<String>> v) {
            mutuallyExclusiveSubsets = v;
            return this;
        }

        public Builder err(String v) {
            err = v;
            return this;
        }

        public Builder elements(Field v) {
            elements = v;
            return this;
        }

        public Builder keys(Field v) {
            keys = v;
            return this;
        }

        public Builder values(Field v) {
            values = v;
            return this;
        }

        public Builder fields(List<NamedField> v) {
            fields = v;
            return this;
        }

        public Builder entityChecks(List<EntityCheck> v) {
            entityChecks = v;
            return this;
        }

        public Builder reference(String v) {
            reference = v;
            return this;
        }

        public Builder onDelete(String v) {
            onDelete = v;
            return this;
        }

        public Builder description(String v) {
            description = v;
            return this;
        }

        public Builder customValidator(CustomValidator v) {
            customValidator = v;
            return this;
        }

        public Builder referenceable() {
            referenceable = true;
            return this;
        }

        public Builder encrypted() {
            encrypted = true;
            return this;
        }

        /** Kong's {@code transient}: validated on input, never stored (certificates' {@code snis}). */
        public Builder transientField() {
            transientField = true;
            return this;
        }

        public Field build() {
            return new Field(this);
        }
    }

    /** Builds a JSON array default from strings, e.g. {@code ["http","https"]}. */
    public static JsonNode stringArray(String... values) {
        ArrayNode a = Json.array();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    static Map<String, Field> index(List<NamedField> fields) {
        Map<String, Field> m = new java.util.LinkedHashMap<>();
        for (NamedField nf : fields) {
            m.put(nf.name(), nf.field());
        }
        return m;
    }
}
