package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Kong's schema {@code transformations} entry ({@code kong/db/schema/init.lua}, {@code Schema:transform}): when a
 * write's input holds every {@code input} field, {@code onWrite} receives their values followed by the
 * {@code needs} values (dotted paths into the entity, such as {@code consumer.id}) and returns fields to store
 * instead, as basic-auth stores a hash instead of the password.
 */
public record Transformation(List<String> input, List<String> needs, Function<List<JsonNode>, ObjectNode> onWrite) {

    /** The entity with this transformation's output applied, or the entity itself when the input lacks a field. */
    public ObjectNode apply(ObjectNode writeInput, ObjectNode entity) {
        List<JsonNode> args = new ArrayList<>();
        for (String f : input) {
            JsonNode v = writeInput.get(f);
            if (v == null || v.isNull()) {
                return entity;
            }
            args.add(v);
        }
        for (String path : needs) {
            JsonNode v = entity;
            for (String part : path.split("\\.")) {
                v = v == null ? null : v.get(part);
            }
            args.add(v == null ? Json.nullNode() : v);
        }
        ObjectNode out = entity.deepCopy();
        out.setAll(onWrite.apply(args));
        return out;
    }

    /** Every transformation of {@code schema} applied in order. */
    public static ObjectNode applyAll(Schema schema, ObjectNode writeInput, ObjectNode entity) {
        ObjectNode out = entity;
        for (Transformation t : schema.transformations()) {
            out = t.apply(writeInput, out);
        }
        return out;
    }
}
