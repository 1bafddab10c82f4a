package dev.gatehouse.gateway.plugin.responsetransformer;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.List;

/**
 * The response-transformer plugin (Kong's {@code kong/plugins/response-transformer}, priority 800): rewrites response
 * headers in header_filter and the JSON body in body_filter with the {@code remove}, {@code rename}, {@code replace},
 * {@code add} and {@code append} lists of {@code schema.lua}.
 */
public final class ResponseTransformerPlugin extends BundledPlugin {

    public static final String NAME = "response-transformer";

    private static final Field STRINGS = array(Field.string().build());
    private static final Field COLON_STRINGS =
            array(Field.string().match("^[^:]+:.*$").build());
    private static final Field COLON_HEADERS = array(Field.string()
            .match("^[^:]+:.*$")
            .customValidator(v -> validateColonHeaders(v.textValue()))
            .build());
    private static final Field JSON_TYPES = Field.builder(FieldType.ARRAY)
            .required(true)
            .defaultValue(Field.stringArray())
            .elements(Field.string().oneOf("boolean", "number", "string").build())
            .description("List of JSON type names. Specify the types of the JSON values returned when appending\n"
                    + "JSON properties. Each string element can be one of: boolean, number, or string.")
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "remove",
                                    Field.record(List.of(
                                            NamedField.of("json", STRINGS), NamedField.of("headers", STRINGS)))),
                            NamedField.of(
                                    "rename",
                                    Field.record(List.of(
                                            NamedField.of("json", COLON_STRINGS),
                                            NamedField.of("headers", COLON_HEADERS)))),
                            NamedField.of("replace", colonStringRecord()),
                            NamedField.of("add", colonStringRecord()),
                            NamedField.of("append", colonStringRecord()))))
            .build();

    public ResponseTransformerPlugin() {
        super(NAME, 800, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new ResponseTransformerHandler(ResponseTransformerConfig.of(instance.config()));
    }

    private static Field array(Field element) {
        return Field.builder(FieldType.ARRAY)
                .required(true)
                .defaultValue(Field.stringArray())
                .elements(element)
                .build();
    }

    /** schema.lua's {@code colon_string_record}. */
    private static Field.Builder colonStringRecord() {
        return Field.record(List.of(
                NamedField.of("json", COLON_STRINGS),
                NamedField.of("json_types", JSON_TYPES),
                NamedField.of("headers", COLON_STRINGS)));
    }

    /** schema.lua's {@code validate_colon_headers}, with its messages. */
    static String validateColonHeaders(String pair) {
        ResponseTransformerConfig.Entry e = ResponseTransformerConfig.entry(pair);
        if (e == null) {
            return "'nil' is not a valid header"; // Lua's tostring(nil)
        }
        String name = e.name();
        if (Typedefs.validateHeaderName(name) != null) {
            return "'" + name + "' is not a valid header";
        }
        String value = e.value() == null ? "" : e.value();
        if (Typedefs.validateHeaderName(value) != null) {
            return "'" + value + "' is not a valid header";
        }
        return null;
    }
}
