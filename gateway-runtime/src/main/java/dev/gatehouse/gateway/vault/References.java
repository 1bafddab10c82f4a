package dev.gatehouse.gateway.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Kong's reference resolution on read ({@code process_auto_fields} with context {@code select},
 * {@code kong/db/schema/init.lua}): in a record, each {@code referenceable} string field holding a reference, and
 * each such element of an array or set or value of a map, is replaced by what the resolver returns; nested records
 * too. The input is never changed: a copy is returned when something was resolved, so stored entities and exports
 * keep the reference text.
 */
public final class References {

    private References() {}

    /** {@code record} with its references resolved (the same object when it holds none). */
    public static ObjectNode resolve(Field recordField, ObjectNode record, UnaryOperator<String> resolver) {
        if (recordField == null || recordField.type() != FieldType.RECORD || !hasReferences(recordField, record)) {
            return record;
        }
        ObjectNode copy = record.deepCopy();
        replace(recordField, copy, resolver);
        return copy;
    }

    private static boolean hasReferences(Field recordField, JsonNode record) {
        if (record == null || !record.isObject()) {
            return false;
        }
        for (NamedField nf : recordField.fields()) {
            Field f = nf.field();
            JsonNode v = record.get(nf.name());
            if (v == null || v.isNull()) {
                continue;
            }
            switch (f.type()) {
                case STRING -> {
                    if (f.referenceable() && v.isTextual() && Field.isReference(v.textValue())) {
                        return true;
                    }
                }
                case RECORD -> {
                    if (hasReferences(f, v)) {
                        return true;
                    }
                }
                case ARRAY, SET, MAP -> {
                    Field sub = f.type() == FieldType.MAP ? f.values() : f.elements();
                    if (sub != null && sub.type() == FieldType.STRING && sub.referenceable()) {
                        for (JsonNode e : v) {
                            if (e.isTextual() && Field.isReference(e.textValue())) {
                                return true;
                            }
                        }
                    }
                }
                default -> {}
            }
        }
        return false;
    }

    private static void replace(Field recordField, ObjectNode record, UnaryOperator<String> resolver) {
        for (NamedField nf : recordField.fields()) {
            Field f = nf.field();
            JsonNode v = record.get(nf.name());
            if (v == null || v.isNull()) {
                continue;
            }
            switch (f.type()) {
                case STRING -> {
                    if (f.referenceable() && v.isTextual() && Field.isReference(v.textValue())) {
                        record.put(nf.name(), resolver.apply(v.textValue()));
                    }
                }
                case RECORD -> {
                    if (v instanceof ObjectNode o) {
                        replace(f, o, resolver);
                    }
                }
                case ARRAY, SET -> {
                    Field sub = f.elements();
                    if (sub != null && sub.referenceable() && v instanceof ArrayNode a) {
                        for (int i = 0; i < a.size(); i++) {
                            if (a.get(i).isTextual()
                                    && Field.isReference(a.get(i).textValue())) {
                                a.set(i, resolver.apply(a.get(i).textValue()));
                            }
                        }
                    }
                }
                case MAP -> {
                    Field sub = f.values();
                    if (sub != null && sub.referenceable() && v instanceof ObjectNode m) {
                        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
                            Map.Entry<String, JsonNode> e = it.next();
                            if (e.getValue().isTextual()
                                    && Field.isReference(e.getValue().textValue())) {
                                e.setValue(
                                        m.textNode(resolver.apply(e.getValue().textValue())));
                            }
                        }
                    }
                }
                default -> {}
            }
        }
    }
}
