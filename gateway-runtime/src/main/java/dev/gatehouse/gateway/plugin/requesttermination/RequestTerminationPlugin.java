package dev.gatehouse.gateway.plugin.requesttermination;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/**
 * The request-termination plugin (Kong's {@code kong/plugins/request-termination}, priority 2): answers every request
 * (or those carrying a trigger) with a fixed status and message, body or echo, without proxying.
 */
public final class RequestTerminationPlugin extends BundledPlugin {

    public static final String NAME = "request-termination";

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                                    NamedField.of(
                                            "status_code",
                                            Field.integer()
                                                    .required(true)
                                                    .defaultValue(503)
                                                    .between(100, 599)
                                                    .description(
                                                            "The response code to send. Must be an integer between 100 and 599.")),
                                    NamedField.of(
                                            "message",
                                            Field.string()
                                                    .description(
                                                            "The message to send, if using the default response generator.")),
                                    NamedField.of(
                                            "content_type",
                                            Field.string()
                                                    .description(
                                                            "Content type of the raw response configured with `config.body`.")),
                                    NamedField.of(
                                            "body",
                                            Field.string()
                                                    .description("The raw response body to send. This is mutually"
                                                            + " exclusive with the `config.message` field.")),
                                    NamedField.of(
                                            "echo",
                                            Field.bool()
                                                    .required(true)
                                                    .defaultValue(false)
                                                    .description("When set, the plugin will echo a copy of the request"
                                                            + " back to the client. The main usecase for this is debugging."
                                                            + " It can be combined with `trigger` in order to debug requests"
                                                            + " on live systems without disturbing real traffic.")),
                                    NamedField.of("trigger", Typedefs.HEADER_NAME_FIELD)))
                            .customValidator(RequestTerminationPlugin::validate))
            .build();

    public RequestTerminationPlugin() {
        super(NAME, 2, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new RequestTerminationHandler(RequestTerminationConfig.of(instance.config()));
    }

    /** The schema's {@code custom_validator}, with its messages. */
    static String validate(JsonNode c) {
        boolean message = present(c.get("message"));
        boolean contentType = present(c.get("content_type"));
        boolean body = present(c.get("body"));
        if (message && (contentType || body)) {
            return "message cannot be used with content_type or body";
        }
        if (contentType && !body) {
            return "content_type requires a body";
        }
        if (c.path("echo").asBoolean(false) && (contentType || body)) {
            return "echo cannot be used with content_type and body";
        }
        return null;
    }

    private static boolean present(JsonNode v) {
        return v != null && v.isTextual() && !v.textValue().isEmpty();
    }
}
