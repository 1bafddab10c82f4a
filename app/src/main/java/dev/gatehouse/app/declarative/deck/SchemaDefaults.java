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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The gateway's own defaults, from its {@code /schemas}, so a remote Kong's defaults are the ones used. The planner
 * fills the defaults a file leaves out before comparing, as decK's defaulter does (go-database-reconciler
 * pkg/utils/defaulter.go), so a file without defaults shows no spurious updates; the exporter leaves out the fields
 * whose value is the default, as {@code deck gateway dump --skip-defaults} does (go-database-reconciler
 * pkg/dump/skip_defaults.go RemoveDefaultsFromState, with pkg/schema/defaults.go GetDefaultsFromSchema). The two
 * agree: {@link #fill} puts back exactly what {@link #withoutDefaults} left out, so an exported file plans no change.
 */
public final class SchemaDefaults {

    /** The fields an entity is known by: never left out, whatever a schema says of them. */
    private static final Set<String> IDENTITY = Set.of("id", "name", "username", "key", "group");

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

    /**
     * {@code entity} without the fields whose value is the schema's default, inside records too (a plugin's
     * {@code config}), and without a required record left empty by that. The fields an entity is known by (name,
     * username, key, group, id) always stay. A field is left out only where {@link #fill} gives it back as it was;
     * should filling the result still differ from filling {@code entity} (what the planner would compare), the entity
     * keeps every field rather than plan a false update.
     */
    public ObjectNode withoutDefaults(DeckKind kind, ObjectNode entity) {
        ObjectNode stripped = entity.deepCopy();
        List<SchemaField> own = List.of();
        if (kind == DeckKind.PLUGIN) {
            own = pluginSchema(entity.path("name").asText())
                    .map(EntitySchema::fields)
                    .orElse(List.of());
            strip(stripped, own, true);
        }
        // As fill does, a field of the plugin's own schema wins over the generic entity's field of that name.
        Set<String> owned = own.stream().map(SchemaField::name).collect(Collectors.toSet());
        strip(
                stripped,
                entitySchema(kind).fields().stream()
                        .filter(f -> !owned.contains(f.name()))
                        .toList(),
                true);
        return fill(kind, stripped).equals(fill(kind, entity)) ? stripped : entity.deepCopy();
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

    /** Removes each field {@link #fill(ObjectNode, List)} with the same {@code fields} would set back as it is. */
    private static void strip(ObjectNode entity, List<SchemaField> fields, boolean top) {
        for (SchemaField field : fields) {
            if (field.auto() || "foreign".equals(field.type()) || (top && IDENTITY.contains(field.name()))) {
                continue;
            }
            JsonNode value = entity.get(field.name());
            if (value == null) {
                continue;
            }
            boolean record = "record".equals(field.type());
            if (field.hasDefault()) {
                JsonNode filled = field.defaultValue().deepCopy();
                if (record && filled instanceof ObjectNode filledRecord) {
                    fill(filledRecord, field.fields());
                }
                if (value.equals(filled)) {
                    entity.remove(field.name());
                    continue;
                }
            }
            if (record && value instanceof ObjectNode nested) {
                strip(nested, field.fields(), false);
                // fill makes a required record without a default again, and fills it; any other stays, even {}.
                if (nested.isEmpty() && !field.hasDefault() && field.required()) {
                    entity.remove(field.name());
                }
            }
        }
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
