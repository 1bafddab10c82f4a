package dev.gatehouse.gateway.plugin.iprestriction;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The ip-restriction plugin (Kong's {@code kong/plugins/ip-restriction}, priority 990): allow and deny by client IP. */
public final class IpRestrictionPlugin extends BundledPlugin {

    public static final String NAME = "ip-restriction";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field(
                    "protocols",
                    Typedefs.PROTOCOLS_FIELD
                            .with()
                            .defaultValue(Field.stringArray("http", "https", "tcp", "tls", "grpc", "grpcs"))
                            .build())
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "allow",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Typedefs.IP_OR_CIDR)
                                            .description("List of IPs or CIDR ranges to allow. One of `config.allow` or"
                                                    + " `config.deny` must be specified.")),
                            NamedField.of(
                                    "deny",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Typedefs.IP_OR_CIDR)
                                            .description("List of IPs or CIDR ranges to deny. One of `config.allow` or"
                                                    + " `config.deny` must be specified.")),
                            NamedField.of(
                                    "status",
                                    Field.builder(FieldType.NUMBER)
                                            .required(false)
                                            .description(
                                                    "The HTTP status of the requests that will be rejected by the plugin.")),
                            NamedField.of(
                                    "message",
                                    Field.string()
                                            .required(false)
                                            .description(
                                                    "The message to send as a response body to rejected requests.")))))
            .entityCheck(new EntityCheck.AtLeastOneOf(List.of("config.allow", "config.deny")))
            .build();

    public IpRestrictionPlugin() {
        super(NAME, 990, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new IpRestrictionHandler(IpRestrictionConfig.of(instance.config()));
    }
}
