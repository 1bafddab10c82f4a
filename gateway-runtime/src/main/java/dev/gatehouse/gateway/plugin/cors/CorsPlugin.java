package dev.gatehouse.gateway.plugin.cors;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The cors plugin (Kong's {@code kong/plugins/cors}, priority 2000): answers preflights and decorates responses. */
public final class CorsPlugin extends BundledPlugin {

    public static final String NAME = "cors";
    static final String[] METHODS = {"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"};

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "origins",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Field.string()
                                                    .customValidator(v -> asteriskOrRegex(v.textValue()))
                                                    .build())
                                            .description(
                                                    "List of allowed domains for the `Access-Control-Allow-Origin` header. If you want to"
                                                            + " allow all origins, add `*` as a single value to this configuration field. The accepted values"
                                                            + " can either be flat strings or PCRE regexes. NOTE: If you don't specify any allowed domains,"
                                                            + " all origins are allowed.")),
                            NamedField.of(
                                    "headers",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Field.string().build())
                                            .description("Value for the `Access-Control-Allow-Headers` header.")),
                            NamedField.of(
                                    "exposed_headers",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Field.string().build())
                                            .description(
                                                    "Value for the `Access-Control-Expose-Headers` header. If not specified, no custom"
                                                            + " headers are exposed.")),
                            NamedField.of(
                                    "methods",
                                    Field.builder(FieldType.ARRAY)
                                            .defaultValue(Field.stringArray(METHODS))
                                            .elements(Field.string()
                                                    .oneOf((Object[]) METHODS)
                                                    .build())
                                            .description(
                                                    "'Value for the `Access-Control-Allow-Methods` header. Available options include `GET`,"
                                                            + " `HEAD`, `PUT`, `PATCH`, `POST`, `DELETE`, `OPTIONS`, `TRACE`, `CONNECT`. By default, all"
                                                            + " options are allowed.'")),
                            NamedField.of(
                                    "max_age",
                                    Field.builder(FieldType.NUMBER)
                                            .description(
                                                    "Indicates how long the results of the preflight request can be cached, in"
                                                            + " `seconds`.")),
                            NamedField.of(
                                    "credentials",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "Flag to determine whether the `Access-Control-Allow-Credentials` header should be sent"
                                                            + " with `true` as the value.")),
                            NamedField.of(
                                    "private_network",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "Flag to determine whether the `Access-Control-Allow-Private-Network` header should be"
                                                            + " sent with `true` as the value.")),
                            NamedField.of(
                                    "preflight_continue",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "A boolean value that instructs the plugin to proxy the `OPTIONS` preflight request to"
                                                            + " the Upstream service.")),
                            NamedField.of(
                                    "allow_origin_absent",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(true)
                                            .description(
                                                    "A boolean value that skip cors response headers when origin header of request is"
                                                            + " empty")))))
            .build();

    /** Kong's {@code validate_asterisk_or_regex}. */
    static String asteriskOrRegex(String value) {
        if ("*".equals(value)) {
            return null;
        }
        try {
            Pattern.compile(value);
            return null;
        } catch (PatternSyntaxException e) {
            return "'" + value + "' is not a valid regex";
        }
    }

    public CorsPlugin() {
        super(NAME, 2000, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new CorsHandler(CorsConfig.of(instance.config()));
    }
}
