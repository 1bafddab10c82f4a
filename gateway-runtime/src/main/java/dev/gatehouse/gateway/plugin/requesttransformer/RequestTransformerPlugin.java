package dev.gatehouse.gateway.plugin.requesttransformer;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.CustomValidator;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import java.util.ArrayList;
import java.util.List;

/**
 * The request-transformer plugin (Kong's {@code kong/plugins/request-transformer}, priority 801): rewrites the
 * request sent upstream (method, path, headers, querystring, body) with the {@code remove}, {@code rename},
 * {@code replace}, {@code add} and {@code append} lists of {@code schema.lua}.
 */
public final class RequestTransformerPlugin extends BundledPlugin {

    public static final String NAME = "request-transformer";

    /** schema.lua's {@code strings_array}. */
    private static final Field STRINGS = array(null, null);
    /** {@code headers_array}: the header name of each entry is valid. */
    private static final Field HEADERS = array(null, v -> validateHeaders(v.textValue(), false));
    /** {@code colon_strings_array}: each entry has a value. */
    private static final Field COLON_STRINGS = array(null, v -> checkForValue(v.textValue()));
    /** {@code colon_header_value_array}. */
    private static final Field COLON_HEADER_VALUES = array("^[^:]+:.*$", v -> validateHeaders(v.textValue(), false));
    /** {@code colon_headers_array}: both names of a rename are valid header names. */
    private static final Field COLON_HEADERS = array("^[^:]+:.*$", v -> validateHeaders(v.textValue(), true));

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("protocols", Typedefs.PROTOCOLS_FIELD)
            .field(
                    "config",
                    Field.record(List.of(
                                    NamedField.of("http_method", Typedefs.HTTP_METHOD),
                                    NamedField.of("remove", section(STRINGS, HEADERS, STRINGS, false)),
                                    NamedField.of(
                                            "rename", section(COLON_STRINGS, COLON_HEADERS, COLON_STRINGS, false)),
                                    NamedField.of(
                                            "replace",
                                            section(COLON_STRINGS, COLON_HEADER_VALUES, COLON_STRINGS, true)),
                                    NamedField.of(
                                            "add", section(COLON_STRINGS, COLON_HEADER_VALUES, COLON_STRINGS, false)),
                                    NamedField.of(
                                            "append",
                                            section(COLON_STRINGS, COLON_HEADER_VALUES, COLON_STRINGS, false))))
                            .build())
            .build();

    public RequestTransformerPlugin() {
        super(NAME, 801, SCHEMA, List.of());
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new RequestTransformerHandler(RequestTransformerConfig.of(instance.config()));
    }

    private static Field array(String match, CustomValidator validator) {
        Field.Builder element = Field.string();
        if (match != null) {
            element.match(match);
        }
        if (validator != null) {
            element.customValidator(validator);
        }
        return Field.builder(FieldType.ARRAY)
                .required(true)
                .defaultValue(Field.stringArray())
                .elements(element.build())
                .build();
    }

    private static Field.Builder section(Field body, Field headers, Field querystring, boolean withUri) {
        List<NamedField> fields = new ArrayList<>(List.of(
                NamedField.of("body", body),
                NamedField.of("headers", headers),
                NamedField.of("querystring", querystring)));
        if (withUri) {
            fields.add(NamedField.of("uri", Field.string().build()));
        }
        return Field.record(fields);
    }

    /** schema.lua's {@code check_for_value}, with its message. */
    static String checkForValue(String entry) {
        String name = RequestTransformerConfig.name(entry);
        String value = RequestTransformerConfig.value(entry);
        if (name == null || value == null || value.isEmpty()) {
            return "key '" + name + "' has no value";
        }
        return null;
    }

    /** schema.lua's {@code validate_headers}, with its message. */
    static String validateHeaders(String pair, boolean validateValue) {
        String name = RequestTransformerConfig.name(pair);
        if (Typedefs.validateHeaderName(name) != null) {
            return "'" + name + "' is not a valid header";
        }
        if (validateValue) {
            String value = RequestTransformerConfig.value(pair);
            if (Typedefs.validateHeaderName(value) != null) {
                return "'" + value + "' is not a valid header";
            }
        }
        return null;
    }
}
