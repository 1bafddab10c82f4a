package dev.gatehouse.gateway.plugin.acl;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;

/**
 * The acl plugin (Kong's {@code kong/plugins/acl}, priority 950): allows or denies consumers by the groups of their
 * {@code acls} entities (Admin API {@code /acls} and {@code /consumers/{c}/acls}).
 */
public final class AclPlugin extends BundledPlugin {

    public static final String NAME = "acl";

    /** {@code acls}: a consumer's membership of one group (Kong's {@code kong/plugins/acl/daos.lua}). */
    public static final Schema ACLS = Schema.builder("acls")
            .cacheKey("consumer", "group")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("consumer", Typedefs.CREDENTIAL_CONSUMER)
            .field("group", Field.string().required(true))
            .field("tags", Typedefs.TAGS)
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(
                            List.of(
                                    NamedField.of(
                                            "allow",
                                            Field.builder(FieldType.ARRAY)
                                                    .elements(Field.string().build())
                                                    .description(
                                                            "Arbitrary group names that are allowed to consume the service or route. One of"
                                                                    + " `config.allow` or `config.deny` must be specified.")),
                                    NamedField.of(
                                            "deny",
                                            Field.builder(FieldType.ARRAY)
                                                    .elements(Field.string().build())
                                                    .description(
                                                            "Arbitrary group names that are not allowed to consume the service or route. One of"
                                                                    + " `config.allow` or `config.deny` must be specified.")),
                                    NamedField.of(
                                            "hide_groups_header",
                                            Field.bool()
                                                    .required(true)
                                                    .defaultValue(false)
                                                    .description(
                                                            "If enabled (`true`), prevents the `X-Consumer-Groups` header from being sent in the"
                                                                    + " request to the upstream service.")),
                                    NamedField.of(
                                            "always_use_authenticated_groups",
                                            Field.bool()
                                                    .required(true)
                                                    .defaultValue(false)
                                                    .description(
                                                            "If enabled (`true`), the authenticated groups will always be used even when an"
                                                                    + " authenticated consumer already exists. If the authenticated groups don't exist, it will"
                                                                    + " fallback to use the groups associated with the consumer. By default the authenticated groups"
                                                                    + " will only be used when there is no consumer or the consumer is anonymous.")))))
            .entityCheck(new EntityCheck.OnlyOneOf(List.of("config.allow", "config.deny")))
            .entityCheck(new EntityCheck.AtLeastOneOf(List.of("config.allow", "config.deny")))
            .build();

    public AclPlugin() {
        super(NAME, 950, SCHEMA, List.of(ACLS));
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new AclHandler(AclConfig.of(instance.config()));
    }

    @Override
    public Object index(Snapshot snapshot) {
        return AclGroups.of(snapshot);
    }
}
