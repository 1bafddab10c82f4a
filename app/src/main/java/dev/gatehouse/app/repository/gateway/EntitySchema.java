package dev.gatehouse.app.repository.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A whole entity or plugin schema as Kong serialises it for {@code /schemas/{entity}} and
 * {@code /schemas/plugins/{name}} (kong/api/api_helpers.lua schema_to_jsonable); forms are generated from it.
 */
public record EntitySchema(String name, List<SchemaField> fields, JsonNode entityChecks) {

    public static EntitySchema parse(String name, JsonNode json) {
        return new EntitySchema(name, SchemaField.parseFields(json.path("fields")), json.path("entity_checks"));
    }

    public Optional<SchemaField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
