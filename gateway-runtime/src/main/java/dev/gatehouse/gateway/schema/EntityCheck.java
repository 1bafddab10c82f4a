package dev.gatehouse.gateway.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;
import java.util.function.Function;

/** A cross-field rule of a schema ({@code entity_checks} in Kong). */
public sealed interface EntityCheck {

    /** The check's name as Kong spells it. */
    String name();

    /** The argument as printed by {@code /schemas}. */
    JsonNode argumentJson();

    /** {@code at_least_one_of}. */
    record AtLeastOneOf(List<String> fields) implements EntityCheck {
        public String name() {
            return "at_least_one_of";
        }

        public JsonNode argumentJson() {
            return strings(fields);
        }
    }

    /** {@code only_one_of}. */
    record OnlyOneOf(List<String> fields) implements EntityCheck {
        public String name() {
            return "only_one_of";
        }

        public JsonNode argumentJson() {
            return strings(fields);
        }
    }

    /** {@code mutually_required}. */
    record MutuallyRequired(List<String> fields) implements EntityCheck {
        public String name() {
            return "mutually_required";
        }

        public JsonNode argumentJson() {
            return strings(fields);
        }
    }

    /** {@code mutually_exclusive}. */
    record MutuallyExclusive(List<String> fields) implements EntityCheck {
        public String name() {
            return "mutually_exclusive";
        }

        public JsonNode argumentJson() {
            return strings(fields);
        }
    }

    /** {@code distinct}. */
    record Distinct(List<String> fields) implements EntityCheck {
        public String name() {
            return "distinct";
        }

        public JsonNode argumentJson() {
            return strings(fields);
        }
    }

    /** {@code conditional}: if {@code ifField} matches, {@code thenField} must match. */
    record Conditional(String ifField, FieldPatch ifMatch, String thenField, FieldPatch thenMatch, String thenErr)
            implements EntityCheck {
        public String name() {
            return "conditional";
        }

        public JsonNode argumentJson() {
            ObjectNode o = Json.object();
            o.put("if_field", ifField);
            o.set("if_match", ifMatch.json());
            o.put("then_field", thenField);
            o.set("then_match", thenMatch.json());
            if (thenErr != null) {
                o.put("then_err", thenErr);
            }
            return o;
        }
    }

    /** {@code conditional_at_least_one_of}. */
    record ConditionalAtLeastOneOf(
            String ifField,
            FieldPatch ifMatch,
            List<String> thenAtLeastOneOf,
            String thenErr,
            FieldPatch elseMatch,
            List<String> elseThenAtLeastOneOf,
            String elseThenErr)
            implements EntityCheck {
        public String name() {
            return "conditional_at_least_one_of";
        }

        public JsonNode argumentJson() {
            ObjectNode o = Json.object();
            o.put("if_field", ifField);
            o.set("if_match", ifMatch.json());
            o.set("then_at_least_one_of", strings(thenAtLeastOneOf));
            if (thenErr != null) {
                o.put("then_err", thenErr);
            }
            if (elseMatch != null) {
                o.set("else_match", elseMatch.json());
                o.set("else_then_at_least_one_of", strings(elseThenAtLeastOneOf));
                if (elseThenErr != null) {
                    o.put("else_then_err", elseThenErr);
                }
            }
            return o;
        }
    }

    /**
     * {@code custom_entity_check}: Java code over a projection of {@code fieldSources}; returns null when valid,
     * else the entity-level error message.
     */
    record Custom(List<String> fieldSources, boolean runWithMissingFields, Function<ObjectNode, String> fn)
            implements EntityCheck {
        public String name() {
            return "custom_entity_check";
        }

        public JsonNode argumentJson() {
            ObjectNode o = Json.object();
            o.set("field_sources", strings(fieldSources));
            if (runWithMissingFields) {
                o.put("run_with_missing_fields", true);
            }
            return o;
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode a = Json.array();
        values.forEach(a::add);
        return a;
    }

    /** {@code [{"at_least_one_of": [...]}, ...]}. */
    static ArrayNode toJson(List<EntityCheck> checks) {
        ArrayNode a = Json.array();
        for (EntityCheck c : checks) {
            a.addObject().set(c.name(), c.argumentJson());
        }
        return a;
    }
}
