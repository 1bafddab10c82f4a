package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The {@code consumers} entity (Kong's {@code kong/db/schema/entities/consumers.lua}). */
public final class ConsumersSchema {

    public static final Schema SCHEMA = Schema.builder("consumers")
            .endpointKey("username")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field(
                    "username",
                    Field.string()
                            .unique()
                            .description(
                                    "The unique username of the Consumer. You must send at least one of username or custom_id"
                                            + " with the request."))
            .field(
                    "custom_id",
                    Field.string()
                            .unique()
                            .description(
                                    "Stores the existing unique ID of the consumer. You must send at least one of username or"
                                            + " custom_id with the request."))
            .field("tags", Typedefs.TAGS)
            .entityCheck(new EntityCheck.AtLeastOneOf(List.of("custom_id", "username")))
            .build();

    private ConsumersSchema() {}
}
