package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.SchemaField;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the defaults a file leaves out, from the gateway's own {@code /schemas}, before comparing: decK does the
 * same with its defaulter (go-database-reconciler pkg/utils/defaulter.go), so a file without defaults shows no
 * spurious updates, and a remote Kong's own defaults are the ones used.
 */
public final class SchemaDefaults {

    private final GatewayRepository gateway;
    private final Map<DeckKind, EntitySchema> entities = new EnumMap<>(DeckKind.class);
    private final Map<String, Optional<EntitySchema>> plugins = new HashMap<>();

    public SchemaDefaults(GatewayRepository gateway) {
        this.gateway = gateway;
    }

    /** {@code entity} with every absent field that has a default set to it, records filled field by field. */
    public ObjectNode fill(DeckKind kind, ObjectNode entity) {
        ObjectNode filled = entity.deepCopy();
        if (kind == DeckKind.PLUGIN) {
            // The plugin's own schema first: its protocols default and config record win over the generic entity's.
            pluginSchema(entity.path("name").asText()).ifPresent(s -> fill(filled, s.fields()));
        }
        fill(filled, entitySchema(kind).fields());
        return filled;
    }

    private EntitySchema entitySchema(DeckKind kind) {
        return entities.computeIfAbsent(kind, k -> Futures.join(gateway.schema(k.entityKind())));
    }

    private Optional<EntitySchema> pluginSchema(String name) {
        return plugins.computeIfAbsent(name, n -> {
            try {
                return Optional.of(Futures.join(gateway.pluginSchema(n)));
            } catch (GatewayException e) {
                // A plugin the gateway does not know: validation names it; nothing to fill here.
                return Optional.empty();
            }
        });
    }

    private static void fill(ObjectNode entity, List<SchemaField> fields) {
        for (SchemaField field : fields) {
            if (field.auto() || "foreign".equals(field.type())) {
                continue;
            }
            JsonNode value = entity.get(field.name());
            if (value == null) {
                if (field.hasDefault()) {
                    entity.set(field.name(), field.defaultValue().deepCopy());
                } else if ("record".equals(field.type()) && field.required()) {
                    entity.putObject(field.name());
                }
                value = entity.get(field.name());
            }
            if (value instanceof ObjectNode record && "record".equals(field.type())) {
                fill(record, field.fields());
            }
        }
    }
}
