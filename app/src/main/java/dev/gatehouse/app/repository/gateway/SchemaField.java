package dev.gatehouse.app.repository.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One field of a Kong schema as {@code /schemas/...} serialises it (kong/api/api_helpers.lua schema_to_jsonable):
 * type, required, default, one_of, between, element/key/value types, nested record fields, foreign reference.
 */
public record SchemaField(
        String name,
        String type,
        boolean required,
        JsonNode defaultValue,
        List<String> oneOf,
        Optional<double[]> between,
        Optional<SchemaField> elements,
        Optional<SchemaField> values,
        List<SchemaField> fields,
        Optional<String> reference,
        boolean auto,
        boolean unique,
        Optional<String> description,
        JsonNode raw) {

    /** Parses the attributes object of field {@code name}. */
    public static SchemaField parse(String name, JsonNode attributes) {
        List<String> oneOf = new ArrayList<>();
        attributes.path("one_of").forEach(v -> oneOf.add(v.asText()));
        Optional<double[]> between = attributes.path("between").isArray()
                        && attributes.path("between").size() == 2
                ? Optional.of(new double[] {
                    attributes.get("between").get(0).asDouble(),
                    attributes.get("between").get(1).asDouble()
                })
                : Optional.empty();
        return new SchemaField(
                name,
                attributes.path("type").asText("string"),
                attributes.path("required").asBoolean(false),
                attributes.has("default") ? attributes.get("default") : MissingNode.getInstance(),
                List.copyOf(oneOf),
                between,
                attributes.has("elements") ? Optional.of(parse(name, attributes.get("elements"))) : Optional.empty(),
                attributes.has("values") ? Optional.of(parse(name, attributes.get("values"))) : Optional.empty(),
                parseFields(attributes.path("fields")),
                attributes.hasNonNull("reference")
                        ? Optional.of(attributes.get("reference").asText())
                        : Optional.empty(),
                attributes.path("auto").asBoolean(false),
                attributes.path("unique").asBoolean(false),
                attributes.hasNonNull("description")
                        ? Optional.of(attributes.get("description").asText())
                        : Optional.empty(),
                attributes);
    }

    /** Parses Kong's field list: an array of single-key objects, {@code [{"name":{...}}, ...]}. */
    public static List<SchemaField> parseFields(JsonNode list) {
        List<SchemaField> fields = new ArrayList<>();
        for (JsonNode entry : list) {
            for (Map.Entry<String, JsonNode> field : entry.properties()) {
                fields.add(parse(field.getKey(), field.getValue()));
                break;
            }
        }
        return List.copyOf(fields);
    }

    /** The kind a foreign field points at, named by Kong's DAO name in {@code reference} (else by its own name). */
    public Optional<EntityKind> referencedKind() {
        return switch (reference.orElse(name + "s")) {
            case "services" -> Optional.of(EntityKind.SERVICES);
            case "routes" -> Optional.of(EntityKind.ROUTES);
            case "consumers" -> Optional.of(EntityKind.CONSUMERS);
            case "plugins" -> Optional.of(EntityKind.PLUGINS);
            case "upstreams" -> Optional.of(EntityKind.UPSTREAMS);
            case "certificates" -> Optional.of(EntityKind.CERTIFICATES);
            default -> Optional.empty();
        };
    }

    /**
     * A secret Kong stores encrypted when keyring encryption is on ({@code encrypted = true}, a certificate's
     * {@code key}): the console never shows its value again once saved.
     */
    public boolean isSecret() {
        return raw != null && raw.path("encrypted").asBoolean(false);
    }

    public boolean hasDefault() {
        return !defaultValue.isMissingNode();
    }

    public boolean isCollection() {
        return "array".equals(type) || "set".equals(type);
    }

    /** The nested field named {@code child} of a record. */
    public Optional<SchemaField> field(String child) {
        return fields.stream().filter(f -> f.name().equals(child)).findFirst();
    }
}
