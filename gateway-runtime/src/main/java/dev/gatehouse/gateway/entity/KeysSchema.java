package dev.gatehouse.gateway.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.EntityCheck;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.Typedefs;
import dev.gatehouse.gateway.tls.Jwk;
import dev.gatehouse.gateway.tls.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;

/**
 * The {@code keys} entity (Kong's {@code kong/db/schema/entities/keys.lua} with {@code typedefs.pem} and the
 * {@code jwk} checks): a JWK as a JSON string or a PEM pair, {@code kid} unique within its key set.
 */
public final class KeysSchema {

    /** Kong's {@code constants.KEY_FORMATS}. */
    private static final List<String> FORMATS = List.of("jwk", "pem");

    static final Field PEM = Field.record(List.of(
                    NamedField.of(
                            "private_key",
                            Field.string()
                                    .required(false)
                                    .referenceable()
                                    .encrypted()
                                    .build()),
                    NamedField.of(
                            "public_key",
                            Field.string().required(false).referenceable().build())))
            .required(false)
            .entityChecks(List.of(new EntityCheck.AtLeastOneOf(List.of("private_key", "public_key"))))
            .customValidator(KeysSchema::validatePem)
            .description("A pair of PEM-encoded public and private keys, which can be either a string or a reference to"
                    + " a credential in Kong Vault. If provided as strings, they must be valid PEM-encoded keys.")
            .build();

    public static final Schema SCHEMA = Schema.builder("keys")
            .cacheKey("kid", "set")
            .endpointKey("name")
            .field("id", Typedefs.UUID)
            .field(
                    "set",
                    Field.builder(FieldType.FOREIGN)
                            .reference("key_sets")
                            .required(false)
                            .onDelete("cascade")
                            .description("The id of the Key Set with which to associate the key."))
            .field(
                    "name",
                    Field.string().required(false).unique().description("The name to associate with the given keys."))
            .field("kid", Field.string().required(true).description("A unique identifier for a key."))
            .field(
                    "jwk",
                    Field.string().referenceable().encrypted().description("A JSON Web Key represented as a string."))
            .field("pem", PEM)
            .field("tags", Typedefs.TAGS)
            .field("created_at", Typedefs.AUTO_TIMESTAMP_S)
            .field("updated_at", Typedefs.AUTO_TIMESTAMP_S)
            .entityCheck(new EntityCheck.MutuallyExclusive(FORMATS))
            .entityCheck(new EntityCheck.AtLeastOneOf(FORMATS))
            .entityCheck(new EntityCheck.Custom(List.of("jwk", "pem", "kid"), false, KeysSchema::checkKey))
            .build();

    private KeysSchema() {}

    /** Kong's {@code validate_pem_keys}. */
    private static String validatePem(JsonNode pem) {
        JsonNode pub = pem.get("public_key");
        JsonNode priv = pem.get("private_key");
        PublicKey publicKey = null;
        PrivateKey privateKey = null;
        if (pub != null && pub.isTextual()) {
            try {
                publicKey = Pem.publicKey(pub.textValue());
            } catch (Pem.PemException e) {
                return "could not load public key";
            }
        }
        if (priv != null && priv.isTextual()) {
            try {
                privateKey = Pem.privateKey(priv.textValue());
            } catch (Pem.PemException e) {
                return "could not load private key";
            }
        }
        if (publicKey != null && privateKey != null && !Pem.matches(publicKey, privateKey)) {
            return "public key does not match private key";
        }
        return null;
    }

    /** Kong's custom entity check of keys.lua: the JWK parses, names the same kid and loads as a key. */
    private static String checkKey(ObjectNode e) {
        JsonNode jwk = e.get("jwk");
        if (jwk != null && jwk.isTextual()) {
            JsonNode parsed;
            try {
                parsed = Json.MAPPER.readTree(jwk.textValue());
            } catch (IOException ex) {
                return "could not json decode jwk string";
            }
            if (parsed == null || !parsed.isObject()) {
                return "could not json decode jwk string";
            }
            JsonNode kid = e.get("kid");
            JsonNode jwkKid = parsed.get("kid");
            if (kid == null || jwkKid == null || !jwkKid.equals(kid)) {
                return "kid in jwk.kid must be equal to keys.kid";
            }
            try {
                Jwk.load(parsed);
            } catch (GeneralSecurityException | RuntimeException ex) {
                return "could not load JWK, likely not a valid key";
            }
        }
        JsonNode pem = e.get("pem");
        if (pem != null
                && pem.isObject()
                && Json.isNull(pem.get("private_key"))
                && Json.isNull(pem.get("public_key"))) {
            return "need to supply a PEM formatted public and/or private key.";
        }
        return null;
    }
}
