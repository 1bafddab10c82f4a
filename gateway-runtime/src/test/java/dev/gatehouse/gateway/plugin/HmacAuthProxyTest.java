package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.MovableClock;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * hmac-auth over real sockets, after Kong's {@code kong/plugins/hmac-auth/access.lua}, {@code schema.lua} and
 * {@code daos.lua}, with {@code spec/03-plugins/19-hmac-auth/03-access_spec.lua}: the 401 messages and
 * {@code WWW-Authenticate: hmac}, the date and clock skew, signed headers, {@code @request-target} and
 * {@code request-line}, enforce_headers, algorithms, the body digest, hide_credentials and the anonymous consumer.
 */
class HmacAuthProxyTest {

    private static final MovableClock CLOCK = new MovableClock();

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway(c -> c.withClock(CLOCK));

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private static String date() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(CLOCK.instant().atOffset(ZoneOffset.UTC));
    }

    private static String sign(String alg, String secret, String signingString) throws Exception {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), alg));
        return Base64.getEncoder().encodeToString(mac.doFinal(signingString.getBytes(StandardCharsets.UTF_8)));
    }

    private static String authorization(String user, String algorithm, String headers, String signature) {
        return "hmac username=\"" + user + "\", algorithm=\"" + algorithm + "\", headers=\"" + headers
                + "\", signature=\"" + signature + "\"";
    }

    private static String message(HttpResponse<String> r) {
        return AdminClient.parse(r.body()).get("message").asText();
    }

    private String user;

    private String routeWith(Map<String, Object> config) {
        String consumer = setup.consumer("h-" + UUID.randomUUID());
        user = "bob-" + UUID.randomUUID();
        setup.create("/consumers/" + consumer + "/hmac-auth", Map.of("username", user, "secret", "secret"));
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "hmac-auth", config);
        return host;
    }

    private void assert401(HttpResponse<String> r, String message, String challenge) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(message(r)).isEqualTo(message);
        assertThat(ProxyClient.header(r, "WWW-Authenticate")).isEqualTo(challenge);
    }

    @Test
    void signedDateAndRequestTargetPass() throws Exception {
        String host = routeWith(null);
        String date = date();
        String sig = sign("HmacSHA256", "secret", "date: " + date + "\n@request-target: get /request?a=1");
        HttpResponse<String> ok = proxy.get(
                "/request?a=1",
                "Host",
                host,
                "Date",
                date,
                "Authorization",
                authorization(user, "hmac-sha256", "date @request-target", sig));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-Credential-Identifier")).isEqualTo(user);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isNull();
        assertThat(upstream.last().header("Authorization")).startsWith("hmac username="); // not hidden by default
        // request-line, hmac-sha1 and X-Date
        String lineSig = sign("HmacSHA1", "secret", "x-date: " + date + "\nGET /request HTTP/1.1");
        assertThat(proxy.get(
                                "/request",
                                "Host",
                                host,
                                "X-Date",
                                date,
                                "Authorization",
                                authorization(user, "hmac-sha1", "x-date request-line", lineSig))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void failuresAreKongs401s() throws Exception {
        String host = routeWith(null);
        assert401(proxy.get("/", "Host", host), "Unauthorized", "hmac");
        assert401(
                proxy.get("/", "Host", host, "Authorization", "hmac x"),
                "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication",
                "hmac");
        String date = date();
        assert401(
                proxy.get("/", "Host", host, "Date", date, "Authorization", "foobar"),
                "HMAC signature cannot be verified",
                "hmac");
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        date,
                        "Authorization",
                        authorization("nobody", "hmac-sha256", "date", sign("HmacSHA256", "secret", "date: " + date))),
                "HMAC signature cannot be verified",
                "hmac");
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        date,
                        "Authorization",
                        authorization(user, "hmac-sha256", "date", sign("HmacSHA256", "wrong", "date: " + date))),
                "HMAC signature does not match",
                "hmac");
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        date,
                        "Authorization",
                        authorization(user, "hmac-md5", "date", sign("HmacSHA256", "secret", "date: " + date))),
                "HMAC signature cannot be verified",
                "hmac");
        // a date outside the clock skew (300 s)
        String old = date;
        CLOCK.advance(Duration.ofSeconds(301));
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        old,
                        "Authorization",
                        authorization(user, "hmac-sha256", "date", sign("HmacSHA256", "secret", "date: " + old))),
                "HMAC signature cannot be verified, a valid date or x-date header is required for HMAC Authentication",
                "hmac");
        String realm = routeWith(Map.of("realm", "kong"));
        assert401(proxy.get("/", "Host", realm), "Unauthorized", "hmac realm=\"kong\"");
    }

    @Test
    void enforcedHeadersAlgorithmsAndHiddenCredentials() throws Exception {
        String host = routeWith(Map.of(
                "enforce_headers", List.of("date", "x-custom"),
                "algorithms", List.of("hmac-sha512"),
                "hide_credentials", true));
        String date = date();
        String onlyDate = sign("HmacSHA512", "secret", "date: " + date);
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        date,
                        "Authorization",
                        authorization(user, "hmac-sha512", "date", onlyDate)),
                "HMAC signature cannot be verified",
                "hmac");
        String both = sign("HmacSHA512", "secret", "date: " + date + "\nx-custom: v");
        assertThat(proxy.get(
                                "/",
                                "Host",
                                host,
                                "Date",
                                date,
                                "X-Custom",
                                "v",
                                "Authorization",
                                authorization(user, "hmac-sha512", "date x-custom", both))
                        .statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("Authorization")).isNull();
        String sha256 = sign("HmacSHA256", "secret", "date: " + date + "\nx-custom: v");
        assert401(
                proxy.get(
                        "/",
                        "Host",
                        host,
                        "Date",
                        date,
                        "X-Custom",
                        "v",
                        "Authorization",
                        authorization(user, "hmac-sha256", "date x-custom", sha256)),
                "HMAC signature cannot be verified",
                "hmac");
    }

    @Test
    void requestBodyDigest() throws Exception {
        String host = routeWith(Map.of("validate_request_body", true));
        String date = date();
        String auth = authorization(user, "hmac-sha256", "date", sign("HmacSHA256", "secret", "date: " + date));
        String body = "{\"a\":1}";
        String digest = "SHA-256="
                + Base64.getEncoder()
                        .encodeToString(
                                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(proxy.send("POST", "/", body, "Host", host, "Date", date, "Digest", digest, "Authorization", auth)
                        .statusCode())
                .isEqualTo(200);
        assert401(
                proxy.send(
                        "POST", "/", body + " ", "Host", host, "Date", date, "Digest", digest, "Authorization", auth),
                "HMAC signature does not match",
                "hmac");
        assert401(
                proxy.send("POST", "/", body, "Host", host, "Date", date, "Authorization", auth),
                "HMAC signature does not match",
                "hmac");
        assertThat(proxy.get("/", "Host", host, "Date", date, "Authorization", auth)
                        .statusCode())
                .isEqualTo(200); // no body, no digest
    }

    @Test
    void anonymousAndSchema() {
        String anon = setup.consumer("anon-" + UUID.randomUUID());
        String host = routeWith(Map.of("anonymous", anon));
        assertThat(proxy.get("/", "Host", host).statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-Consumer-ID")).isEqualTo(anon);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isEqualTo("true");

        String consumer = setup.consumer("s-" + UUID.randomUUID());
        AdminClient.Resp cred =
                admin.post("/consumers/" + consumer + "/hmac-auth", Map.of("username", "u-" + consumer));
        assertThat(cred.status()).isEqualTo(201);
        assertThat(cred.json().get("secret").asText()).isNotEmpty(); // generated
        assertThat(admin.get("/hmac-auths/u-" + consumer).status()).isEqualTo(200);
        AdminClient.Resp created = admin.post(
                "/plugins", Map.of("name", "hmac-auth", "route", Map.of("id", setup.routeOnHost(Setup.host()))));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("config").toString())
                .isEqualTo("{\"hide_credentials\":false,\"clock_skew\":300,\"anonymous\":null,"
                        + "\"validate_request_body\":false,\"enforce_headers\":[],\"algorithms\":[\"hmac-sha1\","
                        + "\"hmac-sha256\",\"hmac-sha384\",\"hmac-sha512\"],\"realm\":null}");
        AdminClient.Resp bad =
                admin.post("/plugins", Map.of("name", "hmac-auth", "config", Map.of("algorithms", List.of("sha1024"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/config/algorithms/0").asText())
                .isEqualTo("expected one of: hmac-sha1, hmac-sha256, hmac-sha384, hmac-sha512");
        assertThat(admin.post("/plugins", Map.of("name", "hmac-auth", "config", Map.of("clock_skew", 0)))
                        .json()
                        .at("/fields/config/clock_skew")
                        .asText())
                .isEqualTo("value must be greater than 0");
    }
}
