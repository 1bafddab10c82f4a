package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/**
 * The {@code vaults} entity (Kong 3.x's {@code kong/db/schema/entities/vaults.lua}): a named configuration of a
 * vault, found by its {@code prefix} in references ({@code {vault://<prefix>/<resource>}}). The only vault bundled
 * here is Kong OSS's {@code env} ({@code kong/vaults/env/schema.lua}: {@code config.prefix}).
 */
public final class VaultsSchema {

    /** Kong's {@code BUNDLED_VAULTS} of the OSS edition. */
    public static final List<String> BUNDLED = List.of("env");

    private static final Schema ENV = Schema.builder("env")
            .field(
                    "config",
                    Field.record(List.of(NamedField.of(
                                    "prefix",
                                    Field.string()
                                            .match("^[%a_-][%a%d_-]*$")
                                            .description("The prefix for the environment variable that the value will"
                                                    + " be stored in."))))
                            .build())
            .build();

    public static final Schema SCHEMA = Schema.builder("vaults")
            .endpointKey("prefix")
            .cacheKey("prefix")
            .subschemaKey("name")
            .subschemaError("vault '%s' is not installed")
            .field("id", Typedefs.UUID)
            .field(
                    "prefix",
                    Field.string()
                            .required(true)
                            .unique()
                            // a reference's host part: {vault://<vault-prefix>/<secret-id>[/<secret-key>]}
                            .match("^[a-z][a-z%d-]-[a-z%d]+$")
                            .notOneOf(BUNDLED.toArray())
                            .description("The unique prefix (or identifier) for this Vault configuration."))
            .field("name", Field.string().required(true).description("The name of the Vault that's going to be added."))
            .field("description", Field.string().description("The description of the Vault entity."))
            .field(
                    "config",
                    Field.builder(FieldType.RECORD)
                            .abstractField()
                            .description("The configuration properties for the Vault which can be found on the vaults'"
                                    + " documentation page."))
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("tags", Typedefs.TAGS)
            .subschema("env", ENV)
            .build();

    private VaultsSchema() {}
}
