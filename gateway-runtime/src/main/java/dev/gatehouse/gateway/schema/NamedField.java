package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/** A field with its name, as one entry of a schema's ordered {@code fields} array. */
public record NamedField(String name, Field field) {

    public static NamedField of(String name, Field field) {
        return new NamedField(name, field);
    }

    public static NamedField of(String name, Field.Builder field) {
        return new NamedField(name, field.build());
    }

    /** Kong's {@code fields_to_jsonable}: {@code [{"name": {...}}, ...]}. */
    static ArrayNode toJson(List<NamedField> fields) {
        ArrayNode a = Json.array();
        for (NamedField nf : fields) {
            a.addObject().set(nf.name(), nf.field().toJson());
        }
        return a;
    }
}
