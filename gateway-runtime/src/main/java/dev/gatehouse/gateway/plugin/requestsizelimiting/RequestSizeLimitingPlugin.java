package dev.gatehouse.gateway.plugin.requestsizelimiting;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/** The request-size-limiting plugin (Kong's {@code kong/plugins/request-size-limiting}, priority 951). */
public final class RequestSizeLimitingPlugin extends BundledPlugin {

    public static final String NAME = "request-size-limiting";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "allowed_payload_size",
                                    Field.integer()
                                            .defaultValue(128)
                                            .description("Allowed request payload size in megabytes. Default is `128`"
                                                    + " megabytes (128000000 bytes).")),
                            NamedField.of(
                                    "size_unit",
                                    Field.string()
                                            .required(true)
                                            .defaultValue("megabytes")
                                            .oneOf("megabytes", "kilobytes", "bytes")
                                            .description(
                                                    "Size unit can be set either in `bytes`, `kilobytes`, or"
                                                            + " `megabytes` (default). This configuration is not available in"
                                                            + " versions prior to Kong Gateway 1.3 and Kong Gateway (OSS) 2.0.")),
                            NamedField.of(
                                    "require_content_length",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "Set to `true` to ensure a valid `Content-Length` header exists"
                                                            + " before reading the request body.")))))
            .build();

    public RequestSizeLimitingPlugin() {
        super(NAME, 951, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new RequestSizeLimitingHandler(RequestSizeLimitingConfig.of(instance.config()));
    }
}
