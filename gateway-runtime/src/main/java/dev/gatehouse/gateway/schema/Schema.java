package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An entity (or record) schema in the manner of Kong's {@code kong/db/schema}: ordered fields, entity checks,
 * keys, and optional subschemas (plugins by {@code name}, routes by {@code protocols}). One schema drives
 * validation, the Admin API endpoints, the declarative format and {@code /schemas/...}.
 */
public final class Schema {

    private final String name;
    private final List<String> primaryKey;
    private final String endpointKey;
    private final List<String> cacheKey;
    private final List<NamedField> fieldList;
    private final Map<String, Field> fields;
    private final List<EntityCheck> entityChecks;
    private final String subschemaKey;
    private final String subschemaError;
    private final Map<String, Schema> subschemas;
    private final List<Shorthand> shorthands;
    private final boolean ttl;
    private final String adminApiName;
    private final String adminApiNestedName;
    private final boolean nestedOnly;
    private final List<Transformation> transformations;

    private Schema(Builder b) {
        this.name = b.name;
        this.primaryKey = List.copyOf(b.primaryKey);
        this.endpointKey = b.endpointKey;
        this.cacheKey = b.cacheKey == null ? null : List.copyOf(b.cacheKey);
        this.fieldList = List.copyOf(b.fields);
        this.fields = Collections.unmodifiableMap(Field.index(b.fields));
        this.entityChecks = List.copyOf(b.entityChecks);
        this.subschemaKey = b.subschemaKey;
        this.subschemaError = b.subschemaError;
        this.subschemas = Collections.unmodifiableMap(new LinkedHashMap<>(b.subschemas));
        this.shorthands = List.copyOf(b.shorthands);
        this.ttl = b.ttl;
        this.adminApiName = b.adminApiName;
        this.adminApiNestedName = b.adminApiNestedName;
        this.nestedOnly = b.nestedOnly;
        this.transformations = List.copyOf(b.transformations);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder with this schema's definition, for adding subschemas (plugins) without mutating it. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.primaryKey = primaryKey;
        b.endpointKey = endpointKey;
        b.cacheKey = cacheKey;
        b.fields = new ArrayList<>(fieldList);
        b.entityChecks = new ArrayList<>(entityChecks);
        b.subschemaKey = subschemaKey;
        b.subschemaError = subschemaError;
        b.subschemas = new LinkedHashMap<>(subschemas);
        b.shorthands = new ArrayList<>(shorthands);
        b.ttl = ttl;
        b.adminApiName = adminApiName;
        b.adminApiNestedName = adminApiNestedName;
        b.nestedOnly = nestedOnly;
        b.transformations = new ArrayList<>(transformations);
        return b;
    }

    public String name() {
        return name;
    }

    public List<String> primaryKey() {
        return primaryKey;
    }

    public String endpointKey() {
        return endpointKey;
    }

    public List<String> cacheKey() {
        return cacheKey;
    }

    public List<NamedField> fieldList() {
        return fieldList;
    }

    public Field field(String fieldName) {
        return fields.get(fieldName);
    }

    public List<EntityCheck> entityChecks() {
        return entityChecks;
    }

    public String subschemaKey() {
        return subschemaKey;
    }

    public String subschemaError() {
        return subschemaError;
    }

    public Map<String, Schema> subschemas() {
        return subschemas;
    }

    public Schema subschema(String key) {
        return subschemas.get(key);
    }

    public List<Shorthand> shorthands() {
        return shorthands;
    }

    /** Kong's {@code transformations}: values rewritten on write (insert, update, upsert, declarative import). */
    public List<Transformation> transformations() {
        return transformations;
    }

    public boolean ttl() {
        return ttl;
    }

    /** The path segment of the Admin API collection, e.g. {@code key-auths} for {@code keyauth_credentials}. */
    public String adminApiName() {
        return adminApiName != null ? adminApiName : name;
    }

    /** The segment used under a parent, e.g. {@code /consumers/{c}/key-auth}. */
    public String adminApiNestedName() {
        return adminApiNestedName != null ? adminApiNestedName : adminApiName();
    }

    /** True when the Admin API has no top-level collection (Kong's targets: only under their upstream). */
    public boolean nestedOnly() {
        return nestedOnly;
    }

    /** The fields of type {@code foreign}, in declaration order. */
    public List<NamedField> foreignFields() {
        List<NamedField> out = new ArrayList<>();
        for (NamedField nf : fieldList) {
            if (nf.field().type() == FieldType.FOREIGN) {
                out.add(nf);
            }
        }
        return out;
    }

    /** Kong's {@code get_subschema}: by the key's value, or the first element of a set key that has one. */
    public Schema subschemaFor(JsonNode input) {
        if (subschemaKey == null || subschemas.isEmpty() || input == null) {
            return null;
        }
        JsonNode key = input.get(subschemaKey);
        if (key == null) {
            return null;
        }
        if (key.isTextual()) {
            return subschemas.get(key.textValue());
        }
        if (key.isArray()) {
            for (JsonNode k : key) {
                if (k.isTextual() && subschemas.containsKey(k.textValue())) {
                    return subschemas.get(k.textValue());
                }
            }
        }
        return null;
    }

    /** The field definition, specialised by the subschema when it redefines it (Kong's {@code resolve_field}). */
    public Field resolveField(String fieldName, Schema subschema) {
        Field f = fields.get(fieldName);
        if (f == null) {
            return null;
        }
        if (subschema != null) {
            Field s = subschema.field(fieldName);
            if (s != null) {
                return s;
            }
        }
        return f;
    }

    /** Kong's {@code schema_to_jsonable}: {@code {"fields": [...], "entity_checks": [...]}}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.set("entity_checks", EntityCheck.toJson(entityChecks));
        o.set("fields", NamedField.toJson(fieldList));
        return o;
    }

    /** Extracts {@code {"id": ...}} (the primary key values). */
    public ObjectNode primaryKeyOf(JsonNode entity) {
        ObjectNode pk = Json.object();
        for (String k : primaryKey) {
            JsonNode v = entity.get(k);
            pk.set(k, v == null ? Json.nullNode() : v);
        }
        return pk;
    }

    @Override
    public String toString() {
        return "Schema[" + name + "]";
    }

    /** Fluent builder for {@link Schema}. */
    public static final class Builder {
        private final String name;
        private List<String> primaryKey = List.of("id");
        private String endpointKey;
        private List<String> cacheKey;
        private List<NamedField> fields = new ArrayList<>();
        private List<EntityCheck> entityChecks = new ArrayList<>();
        private String subschemaKey;
        private String subschemaError;
        private Map<String, Schema> subschemas = new LinkedHashMap<>();
        private List<Shorthand> shorthands = new ArrayList<>();
        private boolean ttl;
        private String adminApiName;
        private String adminApiNestedName;
        private boolean nestedOnly;
        private List<Transformation> transformations = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        public Builder primaryKey(String... keys) {
            primaryKey = List.of(keys);
            return this;
        }

        public Builder endpointKey(String v) {
            endpointKey = v;
            return this;
        }

        public Builder nestedOnly() {
            nestedOnly = true;
            return this;
        }

        public Builder cacheKey(String... keys) {
            cacheKey = List.of(keys);
            return this;
        }

        public Builder fields(List<NamedField> v) {
            fields = new ArrayList<>(v);
            return this;
        }

        public Builder field(String fieldName, Field f) {
            fields.add(NamedField.of(fieldName, f));
            return this;
        }

        public Builder field(String fieldName, Field.Builder f) {
            return field(fieldName, f.build());
        }

        public Builder entityChecks(List<EntityCheck> v) {
            entityChecks = new ArrayList<>(v);
            return this;
        }

        public Builder entityCheck(EntityCheck c) {
            entityChecks.add(c);
            return this;
        }

        public Builder subschemaKey(String v) {
            subschemaKey = v;
            return this;
        }

        public Builder subschemaError(String v) {
            subschemaError = v;
            return this;
        }

        public Builder subschema(String key, Schema s) {
            subschemas.put(key, s);
            return this;
        }

        public Builder shorthand(Shorthand s) {
            shorthands.add(s);
            return this;
        }

        public Builder ttl(boolean v) {
            ttl = v;
            return this;
        }

        public Builder adminApiName(String v) {
            adminApiName = v;
            return this;
        }

        public Builder adminApiNestedName(String v) {
            adminApiNestedName = v;
            return this;
        }

        public Builder transformation(Transformation t) {
            transformations.add(t);
            return this;
        }

        public Schema build() {
            return new Schema(this);
        }
    }
}
