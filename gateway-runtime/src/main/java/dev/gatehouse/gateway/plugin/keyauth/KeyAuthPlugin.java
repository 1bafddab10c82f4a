package dev.gatehouse.gateway.plugin.keyauth;

import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;

/**
 * The key-auth plugin (Kong's {@code kong/plugins/key-auth}): schema, credential entity, and the handler that
 * authenticates requests by API key.
 */
public final class KeyAuthPlugin extends BundledPlugin {

    public static final String NAME = "key-auth";

    /** {@code keyauth_credentials}: Admin API {@code /key-auths} and {@code /consumers/{c}/key-auth}. */
    public static final Schema CREDENTIALS = Schema.builder("keyauth_credentials")
            .ttl(true)
            .endpointKey("key")
            .cacheKey("key")
            .adminApiName("key-auths")
            .adminApiNestedName("key-auth")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("consumer", Typedefs.CREDENTIAL_CONSUMER)
            .field("key", Field.string().required(false).unique().auto())
            .field("tags", Typedefs.TAGS)
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "key_names",
                                    Field.builder(FieldType.ARRAY)
                                            .required(true)
                                            .elements(Typedefs.HEADER_NAME_FIELD)
                                            .defaultValue(Field.stringArray("apikey"))
                                            .description(
                                                    "Describes an array of parameter names where the plugin will look for a key. The key"
                                                            + " names may only contain [a-z], [A-Z], [0-9], [_] underscore, and [-] hyphen.")),
                            NamedField.of(
                                    "hide_credentials",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "An optional boolean value telling the plugin to show or hide the credential from the"
                                                            + " upstream service. If `true`, the plugin strips the credential from the request.")),
                            NamedField.of(
                                    "anonymous",
                                    Field.string()
                                            .description(
                                                    "An optional string (consumer UUID or username) value to use as an “anonymous” consumer"
                                                            + " if authentication fails. If empty (default null), the request will fail with an"
                                                            + " authentication failure `4xx`.")),
                            NamedField.of(
                                    "key_in_header",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(true)
                                            .description(
                                                    "If enabled (default), the plugin reads the request header and tries to find the key in"
                                                            + " it.")),
                            NamedField.of(
                                    "key_in_query",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(true)
                                            .description(
                                                    "If enabled (default), the plugin reads the query parameter in the request and tries to"
                                                            + " find the key in it.")),
                            NamedField.of(
                                    "key_in_body",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "If enabled, the plugin reads the request body. Supported MIME types:"
                                                            + " `application/www-form-urlencoded`, `application/json`, and `multipart/form-data`.")),
                            NamedField.of(
                                    "run_on_preflight",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(true)
                                            .description(
                                                    "A boolean value that indicates whether the plugin should run (and try to authenticate)"
                                                            + " on `OPTIONS` preflight requests. If set to `false`, then `OPTIONS` requests are always"
                                                            + " allowed.")),
                            NamedField.of(
                                    "realm",
                                    Field.string()
                                            .required(false)
                                            .description(
                                                    "When authentication fails the plugin sends `WWW-Authenticate` header with `realm`"
                                                            + " attribute value.")))))
            .build();

    public KeyAuthPlugin() {
        super(NAME, 1250, SCHEMA, List.of(CREDENTIALS));
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new KeyAuthHandler(KeyAuthConfig.of(instance.config()));
    }

    @Override
    public Object index(Snapshot snapshot) {
        return KeyAuthIndex.of(snapshot);
    }
}
