package dev.gatehouse.app.kong;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** A whole entity or plugin schema from {@code /schemas/{entity}} or {@code /schemas/plugins/{name}}. */
public record KongSchema(String name, List<SchemaField> fields, JsonNode entityChecks) {

    public static KongSchema parse(String name, JsonNode json) {
        return new KongSchema(name, SchemaField.parseFields(json.path("fields")), json.path("entity_checks"));
    }

    public Optional<SchemaField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
