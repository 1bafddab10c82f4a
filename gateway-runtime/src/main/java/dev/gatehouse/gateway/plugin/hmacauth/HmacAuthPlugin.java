package dev.gatehouse.gateway.plugin.hmacauth;

import dev.gatehouse.gateway.json.Json;
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
 * The hmac-auth plugin (Kong's {@code kong/plugins/hmac-auth}, priority 1030): schema, the
 * {@code hmacauth_credentials} entity and the handler that checks HMAC request signatures.
 */
public final class HmacAuthPlugin extends BundledPlugin {

    public static final String NAME = "hmac-auth";

    /** {@code hmacauth_credentials} ({@code daos.lua}): Admin API {@code /hmac-auths}, {@code /consumers/{c}/hmac-auth}. */
    public static final Schema CREDENTIALS = Schema.builder("hmacauth_credentials")
            .endpointKey("username")
            .cacheKey("username")
            .adminApiName("hmac-auths")
            .adminApiNestedName("hmac-auth")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("consumer", Typedefs.CREDENTIAL_CONSUMER)
            .field("username", Field.string().required(true).unique())
            .field("secret", Field.string().auto())
            .field("tags", Typedefs.TAGS)
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "hide_credentials",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description("An optional boolean value telling the plugin to show or hide"
                                                    + " the credential from the upstream service.")),
                            NamedField.of(
                                    "clock_skew",
                                    Field.builder(FieldType.NUMBER)
                                            .defaultValue(300)
                                            .gt(0)
                                            .description("Clock skew in seconds to prevent replay attacks.")),
                            NamedField.of(
                                    "anonymous",
                                    Field.string()
                                            .description("An optional string (Consumer UUID or username) value to use"
                                                    + " as an “anonymous” consumer if authentication fails.")),
                            NamedField.of(
                                    "validate_request_body",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "A boolean value telling the plugin to enable body validation.")),
                            NamedField.of(
                                    "enforce_headers",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Field.string().build())
                                            .defaultValue(Json.array())
                                            .description("A list of headers that the client should at least use for"
                                                    + " HTTP signature creation.")),
                            NamedField.of(
                                    "algorithms",
                                    Field.builder(FieldType.ARRAY)
                                            .elements(Field.string()
                                                    .oneOf(HmacAuthConfig.ALGORITHMS.toArray())
                                                    .build())
                                            .defaultValue(
                                                    Field.stringArray(HmacAuthConfig.ALGORITHMS.toArray(String[]::new)))
                                            .description("A list of HMAC digest algorithms that the user wants to"
                                                    + " support. Allowed values are `hmac-sha1`, `hmac-sha256`,"
                                                    + " `hmac-sha384`, and `hmac-sha512`")),
                            NamedField.of(
                                    "realm",
                                    Field.string()
                                            .required(false)
                                            .description("When authentication fails the plugin sends"
                                                    + " `WWW-Authenticate` header with `realm` attribute value.")))))
            .build();

    public HmacAuthPlugin() {
        super(NAME, 1030, SCHEMA, List.of(CREDENTIALS));
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new HmacAuthHandler(HmacAuthConfig.of(instance.config()));
    }

    @Override
    public Object index(Snapshot snapshot) {
        return HmacCredentials.of(snapshot);
    }
}
