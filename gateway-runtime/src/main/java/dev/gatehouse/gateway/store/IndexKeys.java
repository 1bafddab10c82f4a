package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The unique indexes of a schema: each {@code unique} field, plus {@code cache_key} when it spans several
 * fields (plugins: name, route, service, consumer). Index keys are canonical JSON text of the values.
 */
public final class IndexKeys {

    /** The pseudo-field naming the composite cache-key index. */
    public static final String CACHE_KEY = "cache_key";

    private final Map<String, List<String>> indexes = new LinkedHashMap<>();
    private final Schema schema;

    public IndexKeys(Schema schema) {
        this.schema = schema;
        for (NamedField nf : schema.fieldList()) {
            if (nf.field().unique()) {
                indexes.put(nf.name(), List.of(nf.name()));
            }
        }
        if (schema.cacheKey() != null && schema.cacheKey().size() > 1) {
            indexes.put(CACHE_KEY, schema.cacheKey());
        }
    }

    public Iterable<String> names() {
        return indexes.keySet();
    }

    /** The index key of an entity, or null when a single-field unique value is null (nulls never collide). */
    public String key(String index, JsonNode body) {
        List<String> fs = indexes.get(index);
        if (fs.size() == 1) {
            JsonNode v = body.get(fs.get(0));
            return Json.isNull(v) ? null : canonical(v);
        }
        ArrayNode a = Json.array();
        for (String f : fs) {
            JsonNode v = body.get(f);
            if (schema.field(f).type() == FieldType.FOREIGN && v != null && v.isObject()) {
                v = v.get("id");
            }
            a.add(v == null ? Json.nullNode() : v);
        }
        return a.toString();
    }

    /** The conflicting key as Kong reports it in a unique violation (e.g. {@code {username="bob"}}). */
    public ObjectNode describe(String index, JsonNode body) {
        ObjectNode o = Json.object();
        for (String f : indexes.get(index)) {
            JsonNode v = body.get(f);
            o.set(f, v == null ? Json.nullNode() : v);
        }
        return o;
    }

    static String canonical(JsonNode v) {
        return v.toString();
    }
}
