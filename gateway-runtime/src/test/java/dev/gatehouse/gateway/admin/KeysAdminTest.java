package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keys and key sets on the Admin API and in decK files, after Kong's {@code kong/db/schema/entities/keys.lua},
 * {@code key_sets.lua}, {@code typedefs.pem} and {@code spec/02-integration/04-admin_api/21-admin-api-keys_spec.lua}.
 * Kong has no route of its own for keys, so its generated endpoints return them whole, private parts included.
 */
class KeysAdminTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient api = GW.admin();

    private static String unique(String p) {
        return p + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String b64(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        if (raw.length > length && raw[0] == 0) {
            raw = Arrays.copyOfRange(raw, 1, raw.length);
        }
        if (raw.length < length) {
            byte[] padded = new byte[length];
            System.arraycopy(raw, 0, padded, length - raw.length, raw.length);
            raw = padded;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String rsaJwk(String kid) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        RSAPublicKey k = (RSAPublicKey) g.generateKeyPair().getPublic();
        return AdminClient.write(
                Map.of("kty", "RSA", "kid", kid, "n", b64(k.getModulus(), 256), "e", b64(k.getPublicExponent(), 3)));
    }

    static String ecJwk(String kid) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
        return AdminClient.write(Map.of(
                "kty",
                "EC",
                "crv",
                "P-256",
                "kid",
                kid,
                "x",
                b64(k.getW().getAffineX(), 32),
                "y",
                b64(k.getW().getAffineY(), 32)));
    }

    static Map<String, String> pemPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        return Map.of(
                "private_key", pem(new JcaPKCS8Generator(kp.getPrivate(), null)), "public_key", pem(kp.getPublic()));
    }

    private static String pem(Object key) throws Exception {
        java.io.StringWriter w = new java.io.StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(key);
        }
        return w.toString();
    }

    @Test
    void keysInASetByJwkOrPemAndTheCascade() throws Exception {
        String setName = unique("set");
        Resp set = api.post("/key-sets", Map.of("name", setName));
        assertThat(set.status()).isEqualTo(201);
        String setId = set.json().get("id").asText();
        assertThat(api.get("/key-sets/" + setName).json().get("id").asText()).isEqualTo(setId);

        String jwk = rsaJwk("rsa-1");
        Resp j = api.post(
                "/keys", Map.of("name", unique("jwk"), "kid", "rsa-1", "jwk", jwk, "set", Map.of("name", setName)));
        assertThat(j.status()).as(j.text()).isEqualTo(201);
        assertThat(j.json().get("set").get("id").asText()).isEqualTo(setId);
        assertThat(j.json().get("jwk").asText()).isEqualTo(jwk);
        assertThat(j.json().get("pem").isNull()).isTrue();

        Map<String, String> pair = pemPair();
        Resp p = api.post("/keys", Map.of("kid", "pem-1", "pem", pair, "set", Map.of("id", setId)));
        assertThat(p.status()).as(p.text()).isEqualTo(201);
        assertThat(p.json().get("pem").get("private_key").asText()).isEqualTo(pair.get("private_key"));

        Resp ec = api.post("/keys", Map.of("kid", "ec-1", "jwk", ecJwk("ec-1"), "set", Map.of("id", setId)));
        assertThat(ec.status()).as(ec.text()).isEqualTo(201);

        Resp sameKid = api.post("/keys", Map.of("kid", "rsa-1", "jwk", rsaJwk("rsa-1"), "set", Map.of("id", setId)));
        assertThat(sameKid.status()).as("kid is unique within a set").isEqualTo(409);
        assertThat(sameKid.json().get("name").asText()).isEqualTo("unique constraint violation");
        Resp otherSet = api.post("/keys", Map.of("kid", "rsa-1", "jwk", rsaJwk("rsa-1")));
        assertThat(otherSet.status()).as("the same kid outside the set").isEqualTo(201);

        assertThat(api.get("/key-sets/" + setId + "/keys").json().get("data")).hasSize(3);
        Resp renamed = api.patch("/keys/" + j.json().get("id").asText(), Map.of("name", "changeme_jwk"));
        assertThat(renamed.json().get("name").asText()).isEqualTo("changeme_jwk");
        assertThat(api.get("/keys/changeme_jwk").status()).isEqualTo(200);

        assertThat(api.delete("/key-sets/" + setId).status()).isEqualTo(204);
        assertThat(api.get("/keys/" + p.json().get("id").asText()).status()).isEqualTo(404);
        assertThat(api.get("/keys/" + otherSet.json().get("id").asText()).status())
                .isEqualTo(200);
    }

    @Test
    void refusesKeysWithKongsMessages() throws Exception {
        Resp garbage = api.post(
                "/keys", Map.of("kid", "k1", "jwk", "{\"kty\":\"RSA\",\"kid\":\"k1\",\"n\":\"AQAB\",\"e\":\"\"}"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("message").asText())
                .isEqualTo("schema violation (could not load JWK, likely not a valid key)");

        Resp kid = api.post("/keys", Map.of("kid", "k2", "jwk", rsaJwk("other")));
        assertThat(kid.json().get("message").asText())
                .isEqualTo("schema violation (kid in jwk.kid must be equal to keys.kid)");

        Resp notJson = api.post("/keys", Map.of("kid", "k3", "jwk", "not json"));
        assertThat(notJson.json().get("message").asText())
                .isEqualTo("schema violation (could not json decode jwk string)");

        Resp both = api.post("/keys", Map.of("kid", "k4", "jwk", rsaJwk("k4"), "pem", pemPair()));
        assertThat(both.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo("only one or none of these fields must be set: 'jwk', 'pem'");

        Resp neither = api.post("/keys", Map.of("kid", "k5"));
        assertThat(neither.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo("at least one of these fields must be non-empty: 'jwk', 'pem'");

        Resp noKid = api.post("/keys", Map.of("jwk", rsaJwk("k6")));
        assertThat(noKid.json().get("fields").get("kid").asText()).isEqualTo("required field missing");

        Map<String, String> a = pemPair();
        Map<String, String> b = pemPair();
        Resp mismatch = api.post(
                "/keys",
                Map.of(
                        "kid",
                        "k7",
                        "pem",
                        Map.of("private_key", a.get("private_key"), "public_key", b.get("public_key"))));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("fields").get("pem").asText())
                .isEqualTo("public key does not match private key");

        Resp badPublic = api.post("/keys", Map.of("kid", "k8", "pem", Map.of("public_key", "nope")));
        assertThat(badPublic.json().get("fields").get("pem").asText()).isEqualTo("could not load public key");

        Resp publicOnly = api.post("/keys", Map.of("kid", "k9", "pem", Map.of("public_key", a.get("public_key"))));
        assertThat(publicOnly.status()).as(publicOnly.text()).isEqualTo(201);
    }

    @Test
    void decKFilesCarryKeySetsAndKeys() throws Exception {
        String setName = unique("deck-set");
        String jwk = rsaJwk("deck-kid");
        String yaml = "_format_version: \"3.0\"\nkey_sets:\n- name: " + setName
                + "\nkeys:\n- name: deck-key\n  kid: deck-kid\n" + "  set: {name: " + setName + "}\n  jwk: '" + jwk
                + "'\n";
        Resp loaded = api.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.status()).as(loaded.text()).isEqualTo(201);
        Resp key = api.get("/keys/deck-key");
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.json().get("set").get("id").asText())
                .isEqualTo(api.get("/key-sets/" + setName).json().get("id").asText());

        String export = api.get("/config").json().get("config").asText();
        JsonNode doc = new YAMLMapper().readTree(export);
        assertThat(doc.get("key_sets").get(0).get("name").asText()).isEqualTo(setName);
        assertThat(doc.get("keys").get(0).get("kid").asText()).isEqualTo("deck-kid");
        Resp reloaded = api.raw("POST", "/config", "application/yaml", export.getBytes(StandardCharsets.UTF_8));
        assertThat(reloaded.status()).as(reloaded.text()).isEqualTo(201);
        ObjectNode reread = (ObjectNode) api.get("/keys/deck-key").json();
        ObjectNode before = (ObjectNode) key.json().deepCopy();
        reread.remove("updated_at"); // a reload is a new write: decK files carry no updated_at
        before.remove("updated_at");
        assertThat(reread).isEqualTo(before);

        String twice = yaml + "- kid: deck-kid\n  set: {name: " + setName + "}\n  jwk: '" + jwk + "'\n";
        Resp clash = api.raw("POST", "/config", "application/yaml", twice.getBytes(StandardCharsets.UTF_8));
        assertThat(clash.status()).isEqualTo(400);
        // as in Kong, the id made from the cache key (kid and set) is what collides
        assertThat(clash.text()).contains("uniqueness violation: 'keys' entity with primary key set to");
    }
}
