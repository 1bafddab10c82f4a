package dev.gatehouse.gateway.plugin.correlationid;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The correlation-id plugin (Kong's {@code kong/plugins/correlation-id}, priority 100001). */
public final class CorrelationIdPlugin extends BundledPlugin {

    public static final String NAME = "correlation-id";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "header_name",
                                    Field.string()
                                            .defaultValue("Kong-Request-ID")
                                            .description("The HTTP header name to use for the correlation ID.")),
                            NamedField.of(
                                    "generator",
                                    Field.string()
                                            .defaultValue("uuid#counter")
                                            .required(true)
                                            .oneOf("uuid", "uuid#counter", "tracker")
                                            .description("The generator to use for the correlation ID. Accepted values"
                                                    + " are `uuid`, `uuid#counter`, and `tracker`. See"
                                                    + " [Generators](#generators).")),
                            NamedField.of(
                                    "echo_downstream",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "Whether to echo the header back to downstream (the client).")))))
            .build();

    private final Generators generators = new Generators();

    public CorrelationIdPlugin() {
        super(NAME, 100001, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new CorrelationIdHandler(CorrelationIdConfig.of(instance.config()), generators);
    }
}
