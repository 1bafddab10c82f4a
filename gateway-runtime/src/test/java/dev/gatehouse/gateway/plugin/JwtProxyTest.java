package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.MovableClock;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * jwt over real sockets, after Kong's {@code kong/plugins/jwt/handler.lua}, {@code jwt_parser.lua},
 * {@code daos.lua} and {@code schema.lua}, with {@code spec/03-plugins/16-jwt/02-api_spec.lua} (the
 * {@code jwt_secrets} routes and the {@code rsa_public_key} check) and {@code 03-access_spec.lua} (the 401 bodies
 * and {@code WWW-Authenticate} values, token locations, HS256/RS256/ES256, exp/nbf, maximum_expiration, anonymous).
 */
class JwtProxyTest {

    private static final MovableClock CLOCK = new MovableClock();

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway(c -> c.withClock(CLOCK));

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private static String b64(byte[] b) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String hs256(String claims, String secret) throws Exception {
        String input = b64("{\"typ\":\"JWT\",\"alg\":\"HS256\"}") + "." + b64(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String signed(String alg, String javaAlg, String claims, PrivateKey key) throws Exception {
        String input = b64("{\"typ\":\"JWT\",\"alg\":\"" + alg + "\"}") + "." + b64(claims);
        Signature s = Signature.getInstance(javaAlg);
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64(s.sign());
    }

    private static String pem(KeyPair kp) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(kp.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "jwt", config);
        return host;
    }

    private static JsonNode json(HttpResponse<String> r) {
        return AdminClient.parse(r.body());
    }

    private void assert401(HttpResponse<String> r, String body, String challenge) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo(body); // kong.response.exit: no request_id
        assertThat(ProxyClient.header(r, "WWW-Authenticate")).isEqualTo(challenge);
        assertThat(ProxyClient.header(r, "Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void hs256TokensFromHeaderQueryAndCookie() throws Exception {
        String consumer = setup.consumer("jwt-" + UUID.randomUUID(), "custom_id", "c-1");
        String key = "key-" + UUID.randomUUID();
        String secretId =
                setup.create("/consumers/" + consumer + "/jwt", Map.of("key", key, "secret", "my-secret-value"));
        String host = routeWith(Map.of("cookie_names", List.of("crumble")));
        String token = hs256("{\"iss\":\"" + key + "\",\"name\":\"x\"}", "my-secret-value");

        HttpResponse<String> ok = proxy.get("/request", "Host", host, "Authorization", "Bearer " + token);
        assertThat(ok.statusCode()).isEqualTo(200);
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.header("X-Consumer-ID")).isEqualTo(consumer);
        assertThat(seen.header("X-Consumer-Custom-ID")).isEqualTo("c-1");
        assertThat(seen.header("X-Credential-Identifier")).isEqualTo(key).isNotEqualTo(secretId);
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(proxy.get("/request?jwt=" + token, "Host", host).statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/request", "Host", host, "Cookie", "a=b; crumble=" + token)
                        .statusCode())
                .isEqualTo(200);
        // the same token twice is one token; two different ones are not
        assertThat(proxy.get("/request?jwt=" + token, "Host", host, "Authorization", "Bearer " + token)
                        .statusCode())
                .isEqualTo(200);
        String other = hs256("{\"iss\":\"" + key + "\"}", "my-secret-value");
        assert401(
                proxy.get("/request?jwt=" + other, "Host", host, "Authorization", "Bearer " + token),
                "{\"message\":\"Multiple tokens provided\"}",
                "Bearer error=\"invalid_token\"");
    }

    @Test
    void everyFailureHasKongsMessageAndChallenge() throws Exception {
        String consumer = setup.consumer("f-" + UUID.randomUUID());
        String key = "key-" + UUID.randomUUID();
        setup.create("/consumers/" + consumer + "/jwt", Map.of("key", key, "secret", "s3cret"));
        String host = routeWith(null);
        String withError = "Bearer error=\"invalid_token\"";
        assert401(proxy.get("/request", "Host", host), "{\"message\":\"Unauthorized\"}", "Bearer");
        assert401(
                proxy.get("/request", "Host", host, "Authorization", "Bearer a.b.c"),
                "{\"message\":\"Bad token; invalid JSON\"}",
                withError);
        String noAlg = b64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + b64("{\"iss\":\"" + key + "\"}") + ".";
        assert401(
                proxy.get("/request", "Host", host, "Authorization", "Bearer " + noAlg),
                "{\"message\":\"Bad token; invalid alg\"}",
                withError);
        assert401(
                proxy.get("/request", "Host", host, "Authorization", "Bearer " + hs256("{\"sub\":\"x\"}", "s3cret")),
                "{\"message\":\"No mandatory 'iss' in claims\"}",
                withError);
        assert401(
                proxy.get("/request", "Host", host, "Authorization", "Bearer " + hs256("{\"iss\":\"\"}", "s3cret")),
                "{\"message\":\"Invalid 'iss' in claims\"}",
                withError);
        assert401(
                proxy.get("/request", "Host", host, "Authorization", "Bearer " + hs256("{\"iss\":\"nope\"}", "s3cret")),
                "{\"message\":\"No credentials found for given 'iss'\"}",
                withError);
        assert401(
                proxy.get(
                        "/request",
                        "Host",
                        host,
                        "Authorization",
                        "Bearer " + hs256("{\"iss\":\"" + key + "\"}", "wrong")),
                "{\"message\":\"Invalid signature\"}",
                withError);
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assert401(
                proxy.get(
                        "/request",
                        "Host",
                        host,
                        "Authorization",
                        "Bearer " + signed("RS256", "SHA256withRSA", "{\"iss\":\"" + key + "\"}", rsa.getPrivate())),
                "{\"message\":\"Invalid algorithm\"}",
                withError);
        // a realm is named in both forms of the challenge
        String realm = routeWith(Map.of("realm", "kong"));
        assert401(proxy.get("/request", "Host", realm), "{\"message\":\"Unauthorized\"}", "Bearer realm=\"kong\"");
        assert401(
                proxy.get("/request", "Host", realm, "Authorization", "Bearer a.b.c"),
                "{\"message\":\"Bad token; invalid JSON\"}",
                "Bearer realm=\"kong\", error=\"invalid_token\"");
    }

    @Test
    void rs256AndEs256WithPublicKeys() throws Exception {
        String consumer = setup.consumer("rsa-" + UUID.randomUUID());
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String rsaKey = "rsa-" + UUID.randomUUID();
        setup.create(
                "/consumers/" + consumer + "/jwt",
                Map.of("key", rsaKey, "algorithm", "RS256", "rsa_public_key", pem(rsa)));
        KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
        ecGen.initialize(256);
        KeyPair ec = ecGen.generateKeyPair();
        String ecKey = "ec-" + UUID.randomUUID();
        setup.create(
                "/consumers/" + consumer + "/jwt",
                Map.of("key", ecKey, "algorithm", "ES256", "rsa_public_key", pem(ec)));
        String host = routeWith(null);
        String rs = signed("RS256", "SHA256withRSA", "{\"iss\":\"" + rsaKey + "\"}", rsa.getPrivate());
        assertThat(proxy.get("/", "Host", host, "Authorization", "Bearer " + rs).statusCode())
                .isEqualTo(200);
        String es = signed("ES256", "SHA256withECDSAinP1363Format", "{\"iss\":\"" + ecKey + "\"}", ec.getPrivate());
        assertThat(proxy.get("/", "Host", host, "Authorization", "Bearer " + es).statusCode())
                .isEqualTo(200);
        KeyPair otherRsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String forged = signed("RS256", "SHA256withRSA", "{\"iss\":\"" + rsaKey + "\"}", otherRsa.getPrivate());
        assert401(
                proxy.get("/", "Host", host, "Authorization", "Bearer " + forged),
                "{\"message\":\"Invalid signature\"}",
                "Bearer error=\"invalid_token\"");
    }

    @Test
    void registeredClaimsAndMaximumExpiration() throws Exception {
        String consumer = setup.consumer("exp-" + UUID.randomUUID());
        String key = "key-" + UUID.randomUUID();
        setup.create("/consumers/" + consumer + "/jwt", Map.of("key", key, "secret", "s"));
        long now = CLOCK.instant().getEpochSecond();
        String host = routeWith(Map.of("claims_to_verify", List.of("exp", "nbf")));
        String valid = hs256("{\"iss\":\"" + key + "\",\"exp\":" + (now + 60) + ",\"nbf\":" + (now - 1) + "}", "s");
        assertThat(proxy.get("/", "Host", host, "Authorization", "Bearer " + valid)
                        .statusCode())
                .isEqualTo(200);
        String w = "Bearer error=\"invalid_token\"";
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Authorization",
                        "Bearer " + hs256("{\"iss\":\"" + key + "\",\"exp\":" + now + ",\"nbf\":" + now + "}", "s")),
                "{\"exp\":\"token expired\"}",
                w);
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Authorization",
                        "Bearer "
                                + hs256("{\"iss\":\"" + key + "\",\"exp\":\"soon\",\"nbf\":" + (now + 10) + "}", "s")),
                "{\"exp\":\"must be a number\",\"nbf\":\"token not valid yet\"}",
                w);
        // the gateway's clock decides: a minute later the valid token has expired
        CLOCK.advance(java.time.Duration.ofSeconds(60));
        assert401(proxy.get("/", "Host", host, "Authorization", "Bearer " + valid), "{\"exp\":\"token expired\"}", w);

        String capped = routeWith(Map.of("claims_to_verify", List.of("exp"), "maximum_expiration", 100));
        long later = CLOCK.instant().getEpochSecond();
        assertThat(proxy.get(
                                "/",
                                "Host",
                                capped,
                                "Authorization",
                                "Bearer " + hs256("{\"iss\":\"" + key + "\",\"exp\":" + (later + 50) + "}", "s"))
                        .statusCode())
                .isEqualTo(200);
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        capped,
                        "Authorization",
                        "Bearer " + hs256("{\"iss\":\"" + key + "\",\"exp\":" + (later + 500) + "}", "s")),
                "{\"exp\":\"exceeds maximum allowed expiration\"}",
                w);
    }

    @Test
    void anonymousConsumerIsALogicalOr() {
        String anon = setup.consumer("anon-" + UUID.randomUUID());
        String host = routeWith(Map.of("anonymous", anon));
        assertThat(proxy.get("/", "Host", host, "Authorization", "Bearer a.b.c").statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("X-Consumer-ID")).isEqualTo(anon);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isEqualTo("true");
        HttpResponse<String> missing = proxy.get("/", "Host", routeWith(Map.of("anonymous", "ghost")));
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(json(missing).get("message").asText())
                .isEqualTo("anonymous consumer ghost is configured but doesn't exist");
    }

    @Test
    void secretsAndSchemaAreKongs() {
        String consumer = setup.consumer("s-" + UUID.randomUUID());
        AdminClient.Resp auto = admin.post("/consumers/" + consumer + "/jwt", Map.of());
        assertThat(auto.status()).isEqualTo(201);
        assertThat(auto.json().get("algorithm").asText()).isEqualTo("HS256");
        assertThat(auto.json().get("key").asText()).isNotEmpty();
        assertThat(auto.json().get("secret").asText()).isNotEmpty();
        assertThat(admin.get("/jwts/" + auto.json().get("key").asText()).status())
                .isEqualTo(200);
        AdminClient.Resp noKey = admin.post("/consumers/" + consumer + "/jwt", Map.of("algorithm", "RS256"));
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().at("/fields/rsa_public_key").asText()).isEqualTo("required field missing");
        AdminClient.Resp badKey =
                admin.post("/consumers/" + consumer + "/jwt", Map.of("algorithm", "RS256", "rsa_public_key", "foo"));
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().at("/fields/rsa_public_key").asText()).isEqualTo("invalid key");

        AdminClient.Resp plugin = admin.post("/plugins", Map.of("name", "jwt", "route", Map.of("id", setupRoute())));
        assertThat(plugin.status()).isEqualTo(201);
        assertThat(plugin.json().get("config").toString())
                .isEqualTo("{\"uri_param_names\":[\"jwt\"],\"cookie_names\":[],\"key_claim_name\":\"iss\","
                        + "\"secret_is_base64\":false,\"claims_to_verify\":null,\"anonymous\":null,"
                        + "\"run_on_preflight\":true,\"maximum_expiration\":0,\"header_names\":[\"authorization\"],"
                        + "\"realm\":null}");
        AdminClient.Resp maxWithoutExp = admin.post(
                "/plugins",
                Map.of("name", "jwt", "config", Map.of("maximum_expiration", 10, "claims_to_verify", List.of("nbf"))));
        assertThat(maxWithoutExp.status()).isEqualTo(400);
        assertThat(maxWithoutExp.json().at("/fields/config/claims_to_verify").asText())
                .isEqualTo("expected to contain: exp");
    }

    private String setupRoute() {
        return setup.routeOnHost(Setup.host());
    }
}
