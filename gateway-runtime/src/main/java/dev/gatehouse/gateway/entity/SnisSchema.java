package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;

/** The {@code snis} entity (Kong's {@code kong/db/schema/entities/snis.lua}). */
public final class SnisSchema {

    public static final Schema SCHEMA = Schema.builder("snis")
            .endpointKey("name")
            .field("id", Typedefs.UUID)
            .field("name", Typedefs.WILDCARD_HOST.with().required(true).unique())
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("tags", Typedefs.TAGS)
            .field(
                    "certificate",
                    Field.builder(FieldType.FOREIGN)
                            .reference("certificates")
                            .required(true)
                            .description(
                                    "The id (a UUID) of the certificate with which to associate the SNI hostname."))
            .build();

    private SnisSchema() {}
}
