package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * Partial field attributes laid over a schema field, as Kong's entity checks do with {@code if_match} and
 * {@code then_match} (a metatable whose {@code __index} is the field's definition).
 */
public record FieldPatch(ObjectNode json, UnaryOperator<Field.Builder> patch) {

    public Field applyTo(Field base) {
        return patch.apply(base.with()).build();
    }

    /** True when the patch asks for {@code required = true} (handled specially by {@code conditional}). */
    public boolean requiresValue() {
        return json.path("required").asBoolean(false);
    }

    /** {@code { eq = value }} for a string field. */
    public static FieldPatch eq(String value) {
        ObjectNode j = dev.gatehouse.gateway.json.Json.object();
        j.put("eq", value);
        return new FieldPatch(j, f -> f.oneOf(value));
    }

    /** {@code { required = true }}. */
    public static FieldPatch required() {
        ObjectNode j = dev.gatehouse.gateway.json.Json.object();
        j.put("required", true);
        return new FieldPatch(j, f -> f.required(true));
    }
}
