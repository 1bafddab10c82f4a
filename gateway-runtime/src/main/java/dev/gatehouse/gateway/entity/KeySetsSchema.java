package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;

/** The {@code key_sets} entity, {@code /key-sets} on the Admin API (Kong's {@code kong/db/schema/entities/key_sets.lua}). */
public final class KeySetsSchema {

    public static final Schema SCHEMA = Schema.builder("key_sets")
            .endpointKey("name")
            .adminApiName("key-sets")
            .field("id", Typedefs.UUID)
            .field(
                    "name",
                    Field.string()
                            .required(false)
                            .unique()
                            .description("The name to associate with the given Key Set."))
            .field("tags", Typedefs.TAGS)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .build();

    private KeySetsSchema() {}
}
