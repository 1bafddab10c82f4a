package dev.gatehouse.gateway.plugin.basicauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Transformation;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;

/**
 * The basic-auth plugin (Kong's {@code kong/plugins/basic-auth}, priority 1100): schema, credential entity (stored
 * with the password hashed), and the handler that authenticates requests by HTTP Basic credentials.
 */
public final class BasicAuthPlugin extends BundledPlugin {

    public static final String NAME = "basic-auth";

    /**
     * {@code basicauth_credentials} ({@code kong/plugins/basic-auth/daos.lua}): Admin API {@code /basic-auths} and
     * {@code /consumers/{c}/basic-auth}; the password is replaced on write by its salted SHA-1.
     */
    public static final Schema CREDENTIALS = Schema.builder("basicauth_credentials")
            .endpointKey("username")
            .cacheKey("username")
            .adminApiName("basic-auths")
            .adminApiNestedName("basic-auth")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("consumer", Typedefs.CREDENTIAL_CONSUMER)
            .field("username", Field.string().required(true).unique())
            .field("password", Field.string().required(true).encrypted())
            .field("tags", Typedefs.TAGS)
            .transformation(new Transformation(List.of("password"), List.of("consumer.id"), BasicAuthPlugin::hash))
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "anonymous",
                                    Field.string()
                                            .description("An optional string (Consumer UUID or username) value to use"
                                                    + " as an “anonymous” consumer if authentication fails. If empty"
                                                    + " (default null), the request will fail with an authentication"
                                                    + " failure `4xx`. Please note that this value must refer to the"
                                                    + " Consumer `id` or `username` attribute, and **not** its"
                                                    + " `custom_id`.")),
                            NamedField.of(
                                    "hide_credentials",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description("An optional boolean value telling the plugin to show or hide"
                                                    + " the credential from the upstream service. If `true`, the plugin"
                                                    + " will strip the credential from the request (i.e. the"
                                                    + " `Authorization` header) before proxying it.")),
                            NamedField.of(
                                    "realm",
                                    Field.string()
                                            .required(true)
                                            .defaultValue("service")
                                            .description("When authentication fails the plugin sends"
                                                    + " `WWW-Authenticate` header with `realm` attribute value.")))))
            .build();

    public BasicAuthPlugin() {
        super(NAME, 1100, SCHEMA, List.of(CREDENTIALS));
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new BasicAuthHandler(BasicAuthConfig.of(instance.config()));
    }

    @Override
    public Object index(Snapshot snapshot) {
        return BasicAuthIndex.of(snapshot);
    }

    /** The daos.lua transformation: {@code password} becomes {@code crypto.hash(consumer.id, password)}. */
    private static ObjectNode hash(List<JsonNode> values) {
        String password = values.get(0).asText();
        String consumerId = values.get(1).asText();
        return Json.object().put("password", PasswordHash.of(consumerId, password));
    }
}
