package dev.gatehouse.gateway.plugin.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.BundledPlugin;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldPatch;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;

/**
 * The jwt plugin (Kong's {@code kong/plugins/jwt}, priority 1450): schema, the {@code jwt_secrets} entity and the
 * handler that authenticates requests by signed JSON Web Tokens.
 */
public final class JwtPlugin extends BundledPlugin {

    public static final String NAME = "jwt";

    /** daos.lua's conditional: these algorithms need a parseable {@code rsa_public_key} ("invalid key"). */
    private static final FieldPatch NEEDS_PUBLIC_KEY = new FieldPatch(
            ifAlgorithmJson(),
            f -> f.oneOf(JwtAlgorithms.WITH_PUBLIC_KEY.stream().sorted().toArray()));

    private static final FieldPatch PUBLIC_KEY = new FieldPatch(
            Json.object().put("required", true),
            f -> f.required(true)
                    .customValidator(v -> JwtAlgorithms.publicKey(v.textValue()) == null ? "invalid key" : null));

    /** {@code jwt_secrets} ({@code kong/plugins/jwt/daos.lua}): Admin API {@code /jwts}, {@code /consumers/{c}/jwt}. */
    public static final Schema SECRETS = Schema.builder("jwt_secrets")
            .endpointKey("key")
            .cacheKey("key")
            .adminApiName("jwts")
            .adminApiNestedName("jwt")
            .field("id", Typedefs.UUID)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("consumer", Typedefs.CREDENTIAL_CONSUMER)
            .field("key", Field.string().required(false).unique().auto())
            .field("secret", Field.string().auto())
            .field("rsa_public_key", Field.string())
            .field("algorithm", Field.string().defaultValue("HS256").oneOf(JwtAlgorithms.ALL.toArray()))
            .field("tags", Typedefs.TAGS)
            .entityCheck(new EntityCheck.Conditional("algorithm", NEEDS_PUBLIC_KEY, "rsa_public_key", PUBLIC_KEY, null))
            .build();

    private static final Schema SCHEMA = Schema.builder(NAME)
            .field("consumer", Typedefs.NO_CONSUMER)
            .field("protocols", Typedefs.PROTOCOLS_HTTP)
            .field(
                    "config",
                    Field.record(List.of(
                            NamedField.of(
                                    "uri_param_names",
                                    Field.builder(FieldType.SET)
                                            .elements(Field.string().build())
                                            .defaultValue(Field.stringArray("jwt"))
                                            .description("A list of querystring parameters that Kong will inspect to"
                                                    + " retrieve JWTs.")),
                            NamedField.of(
                                    "cookie_names",
                                    Field.builder(FieldType.SET)
                                            .elements(Field.string().build())
                                            .defaultValue(Json.array())
                                            .description(
                                                    "A list of cookie names that Kong will inspect to retrieve JWTs.")),
                            NamedField.of(
                                    "key_claim_name",
                                    Field.string()
                                            .defaultValue("iss")
                                            .description("The name of the claim in which the key identifying the"
                                                    + " secret must be passed. The plugin will attempt to read this"
                                                    + " claim from the JWT payload and the header, in that order.")),
                            NamedField.of(
                                    "secret_is_base64",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(false)
                                            .description(
                                                    "If true, the plugin assumes the credential’s secret to be"
                                                            + " base64 encoded. You will need to create a base64-encoded secret"
                                                            + " for your Consumer, and sign your JWT with the original secret.")),
                            NamedField.of(
                                    "claims_to_verify",
                                    Field.builder(FieldType.SET)
                                            .elements(Field.string()
                                                    .oneOf("exp", "nbf")
                                                    .build())
                                            .description("A list of registered claims (according to RFC 7519) that"
                                                    + " Kong can verify as well. Accepted values: one of exp or nbf.")),
                            NamedField.of(
                                    "anonymous",
                                    Field.string()
                                            .description("An optional string (consumer UUID or username) value to use"
                                                    + " as an “anonymous” consumer if authentication fails.")),
                            NamedField.of(
                                    "run_on_preflight",
                                    Field.bool()
                                            .required(true)
                                            .defaultValue(true)
                                            .description("A boolean value that indicates whether the plugin should run"
                                                    + " (and try to authenticate) on OPTIONS preflight requests. If set"
                                                    + " to false, then OPTIONS requests will always be allowed.")),
                            NamedField.of(
                                    "maximum_expiration",
                                    Field.builder(FieldType.NUMBER)
                                            .defaultValue(0)
                                            .between(0, 31536000)
                                            .description("A value between 0 and 31536000 (365 days) limiting the"
                                                    + " lifetime of the JWT to maximum_expiration seconds in the"
                                                    + " future.")),
                            NamedField.of(
                                    "header_names",
                                    Field.builder(FieldType.SET)
                                            .elements(Field.string().build())
                                            .defaultValue(Field.stringArray("authorization"))
                                            .description("A list of HTTP header names that Kong will inspect to"
                                                    + " retrieve JWTs.")),
                            NamedField.of(
                                    "realm",
                                    Field.string()
                                            .required(false)
                                            .description("When authentication fails the plugin sends"
                                                    + " `WWW-Authenticate` header with `realm` attribute value.")))))
            .entityCheck(new EntityCheck.Conditional(
                    "config.maximum_expiration",
                    new FieldPatch(Json.object().put("gt", 0), f -> f.gt(0)),
                    "config.claims_to_verify",
                    new FieldPatch(Json.object().put("contains", "exp"), f -> f.contains("exp")),
                    null))
            .build();

    public JwtPlugin() {
        super(NAME, 1450, SCHEMA, List.of(SECRETS));
    }

    @Override
    public PluginHandler handler(PluginInstance instance) {
        return new JwtHandler(JwtConfig.of(instance.config()));
    }

    @Override
    public Object index(Snapshot snapshot) {
        return JwtSecrets.of(snapshot);
    }

    private static ObjectNode ifAlgorithmJson() {
        ObjectNode j = Json.object();
        var patterns = j.putObject("match_any").putArray("patterns");
        for (String a : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "EdDSA")) {
            patterns.add("^" + a + "$");
        }
        return j;
    }
}
