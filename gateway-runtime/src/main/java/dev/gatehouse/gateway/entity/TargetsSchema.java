package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;

/** The {@code targets} entity (Kong's {@code kong/db/schema/entities/targets.lua} and {@code dao/targets.lua}). */
public final class TargetsSchema {

    /** Kong's {@code DEFAULT_PORT} of a target given without one ({@code kong/db/dao/targets.lua}). */
    public static final int DEFAULT_PORT = 8000;

    /** Kong's message when a target cannot be formatted (the DAO's, which runs before the field validator). */
    public static final String INVALID_TARGET = "Invalid target; not a valid hostname or ip address";

    public static final Schema SCHEMA = Schema.builder("targets")
            .cacheKey("upstream", "target")
            .endpointKey("target")
            .nestedOnly()
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_MS)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_MS)
            .field(
                    "upstream",
                    Field.builder(FieldType.FOREIGN)
                            .reference("upstreams")
                            .required(true)
                            .onDelete("cascade")
                            .description(
                                    "The unique identifier or the name of the upstream for which to update the target."))
            .field(
                    "target",
                    Field.string()
                            .required(true)
                            .customValidator(v -> Typedefs.formatHost(v.textValue(), DEFAULT_PORT) == null
                                    ? "Invalid target ('" + v.textValue() + "'); not a valid hostname or ip address"
                                    : null)
                            .description("The target address (ip or hostname) and port."))
            .field(
                    "weight",
                    Field.integer()
                            .defaultValue(100)
                            .between(0, 65535)
                            .description("The weight this target gets within the upstream loadbalancer (0-65535)."))
            .field("tags", Typedefs.TAGS)
            .build();

    private TargetsSchema() {}

    /** Kong's {@code format_target}: {@code host:port}, default port 8000; null when not a hostname or IP. */
    public static String format(String target) {
        return Typedefs.formatHost(target, DEFAULT_PORT);
    }
}
