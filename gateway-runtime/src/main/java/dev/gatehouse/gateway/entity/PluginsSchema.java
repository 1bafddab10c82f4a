package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;

/**
 * The {@code plugins} entity without plugin subschemas (Kong's {@code plugins.lua}); the
 * {@code plugin.PluginRegistry} adds one subschema per enabled plugin.
 */
public final class PluginsSchema {

    public static final String NOT_ENABLED = "plugin '%s' not enabled; add it to the 'plugins' configuration property";

    public static final Schema BASE = Schema.builder("plugins")
            .endpointKey("instance_name")
            .cacheKey("name", "route", "service", "consumer")
            .subschemaKey("name")
            .subschemaError(NOT_ENABLED)
            .field("id", Typedefs.UUID)
            .field(
                    "name",
                    Field.string().required(true).description("The name of the Plugin that's going to be added."))
            .field("instance_name", Typedefs.UTF8_NAME)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field(
                    "route",
                    Field.builder(FieldType.FOREIGN)
                            .reference("routes")
                            .defaultValue(Json.nullNode())
                            .onDelete("cascade")
                            .description(
                                    "If set, the plugin will only activate when receiving requests via the specified route."))
            .field(
                    "service",
                    Field.builder(FieldType.FOREIGN)
                            .reference("services")
                            .defaultValue(Json.nullNode())
                            .onDelete("cascade")
                            .description(
                                    "If set, the plugin will only activate when receiving requests via one of the routes"
                                            + " belonging to the specified service. "))
            .field(
                    "consumer",
                    Field.builder(FieldType.FOREIGN)
                            .reference("consumers")
                            .defaultValue(Json.nullNode())
                            .onDelete("cascade")
                            .description(
                                    "If set, the plugin will activate only for requests where the specified has been"
                                            + " authenticated."))
            .field(
                    "config",
                    Field.builder(FieldType.RECORD)
                            .abstractField()
                            .description("The configuration properties for the Plugin."))
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "enabled",
                    Field.bool().required(true).defaultValue(true).description("Whether the plugin is applied."))
            .field("tags", Typedefs.TAGS)
            .build();

    private PluginsSchema() {}
}
