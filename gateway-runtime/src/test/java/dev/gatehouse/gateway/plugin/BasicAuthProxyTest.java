package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * basic-auth over real sockets, after Kong's {@code kong/plugins/basic-auth/access.lua}, {@code daos.lua} and
 * {@code crypto.lua}, with {@code spec/03-plugins/10-basic-auth/01-crypto_spec.lua} (the salted SHA-1),
 * {@code 02-api_spec.lua} (the credential routes), {@code 03-access_spec.lua} (401 {@code Unauthorized} with
 * {@code WWW-Authenticate: Basic realm=...}, both headers, hide_credentials, anonymous) and
 * {@code 05-declarative_spec.lua} (passwords hashed on import unless {@code _transform: false}).
 */
class BasicAuthProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha1Hex(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String message(HttpResponse<String> r) {
        return AdminClient.parse(r.body()).get("message").asText();
    }

    private String credential(String consumer, String username, String password) {
        return setup.create(
                "/consumers/" + consumer + "/basic-auth", Map.of("username", username, "password", password));
    }

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "basic-auth", config);
        return host;
    }

    @Test
    void credentialsAreStoredAsKongsSaltedSha1() throws Exception {
        String consumer = setup.consumer("bob-" + UUID.randomUUID());
        String user = "bob-" + UUID.randomUUID();
        AdminClient.Resp created =
                admin.post("/consumers/" + consumer + "/basic-auth", Map.of("username", user, "password", "kong"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("password").asText()).isEqualTo(sha1Hex("kong" + consumer));
        assertThat(created.json().at("/consumer/id").asText()).isEqualTo(consumer);
        // the credential by username, top-level and nested
        assertThat(admin.get("/basic-auths/" + user).json().get("id").asText())
                .isEqualTo(created.json().get("id").asText());
        assertThat(admin.get("/consumers/" + consumer + "/basic-auth/" + user).status())
                .isEqualTo(200);
        // a new password is hashed again
        AdminClient.Resp patched =
                admin.patch("/consumers/" + consumer + "/basic-auth/" + user, Map.of("password", "new"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("password").asText()).isEqualTo(sha1Hex("new" + consumer));
        // username and password are required; usernames unique
        AdminClient.Resp missing = admin.post("/consumers/" + consumer + "/basic-auth", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/fields/username").asText()).isEqualTo("required field missing");
        assertThat(missing.json().at("/fields/password").asText()).isEqualTo("required field missing");
        AdminClient.Resp dup =
                admin.post("/consumers/" + consumer + "/basic-auth", Map.of("username", user, "password", "x"));
        assertThat(dup.status()).isEqualTo(409);
    }

    @Test
    void missingOrInvalidCredentialsAre401WithTheRealm() {
        String consumer = setup.consumer("u-" + UUID.randomUUID());
        String user = "user-" + UUID.randomUUID();
        credential(consumer, user, "password123");
        String host = routeWith(Map.of("realm", "test-realm"));
        for (String[] headers : List.of(
                new String[] {},
                new String[] {"Authorization", "foobar"},
                new String[] {"Authorization", "Basic a29uZw=="}, // password only
                new String[] {"Authorization", "Basic Ym9i"}, // username only
                new String[] {
                    "Authorization", "Basic a" + basic(user + ":password123").substring(6)
                }, // bad Base64
                new String[] {"Authorization", basic(user + ":wrong")},
                new String[] {"Authorization", basic("nobody:password123")})) {
            String[] all = new String[headers.length + 2];
            all[0] = "Host";
            all[1] = host;
            System.arraycopy(headers, 0, all, 2, headers.length);
            HttpResponse<String> r = proxy.get("/", all);
            assertThat(r.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThat(message(r)).isEqualTo("Unauthorized");
            assertThat(ProxyClient.header(r, "WWW-Authenticate")).isEqualTo("Basic realm=\"test-realm\"");
        }
        // "returns 401 Unauthorized on invalid credentials in Proxy-Authorization"
        RawConnection.Response proxyHeader = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "GET / HTTP/1.1\r\nHost: " + host + "\r\nProxy-Authorization: foobar\r\nConnection: close\r\n\r\n");
        assertThat(proxyHeader.status()).isEqualTo(401);
        assertThat(proxyHeader.header("WWW-Authenticate")).isEqualTo("Basic realm=\"test-realm\"");
        // the default realm
        HttpResponse<String> r = proxy.get("/", "Host", routeWith(null));
        assertThat(ProxyClient.header(r, "WWW-Authenticate")).isEqualTo("Basic realm=\"service\"");
    }

    @Test
    void validCredentialsInEitherHeaderPassWithConsumerHeaders() {
        String consumer = setup.consumer("c-" + UUID.randomUUID(), "custom_id", "cust-9");
        String user = "user-" + UUID.randomUUID();
        String cred = credential(consumer, user, "password:123"); // a password containing ':'
        String host = routeWith(null);
        HttpResponse<String> ok = proxy.get("/", "Host", host, "Authorization", basic(user + ":password:123"));
        assertThat(ok.statusCode()).isEqualTo(200);
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.header("X-Consumer-ID")).isEqualTo(consumer);
        assertThat(seen.header("X-Consumer-Custom-ID")).isEqualTo("cust-9");
        assertThat(seen.header("X-Consumer-Username")).startsWith("c-");
        assertThat(seen.header("X-Credential-Identifier")).isEqualTo(user);
        assertThat(seen.header("X-Credential-Identifier")).isNotEqualTo(cred);
        assertThat(seen.header("X-Anonymous-Consumer")).isNull();
        assertThat(seen.header("Authorization")).isEqualTo(basic(user + ":password:123")); // not hidden by default
        // over a raw socket: java.net.http.HttpClient sends Proxy-Authorization only to proxies
        RawConnection.Response viaProxyHeader = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "GET / HTTP/1.1\r\nHost: " + host + "\r\nProxy-Authorization: " + basic(user + ":password:123")
                        + "\r\nConnection: close\r\n\r\n");
        assertThat(viaProxyHeader.status()).isEqualTo(200);
        assertThat(upstream.last().header("X-Credential-Identifier")).isEqualTo(user);
        // lower-case scheme, as the handler's [Bb]asic allows
        assertThat(proxy.get(
                                "/",
                                "Host",
                                host,
                                "Authorization",
                                "basic " + basic(user + ":password:123").substring(6))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void hideCredentialsRemovesBothHeaders() {
        String consumer = setup.consumer("h-" + UUID.randomUUID());
        String user = "user-" + UUID.randomUUID();
        credential(consumer, user, "kong");
        String host = routeWith(Map.of("hide_credentials", true));
        RawConnection.Response r = RawConnection.exchange(
                GW.gateway().proxyListen(),
                "GET / HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + basic(user + ":kong")
                        + "\r\nProxy-Authorization: foobar\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(200);
        assertThat(upstream.last().header("Authorization")).isNull();
        assertThat(upstream.last().header("Proxy-Authorization")).isNull();
    }

    @Test
    void anonymousConsumerIsALogicalOr() {
        String anon = setup.consumer("anon-" + UUID.randomUUID());
        String consumer = setup.consumer("real-" + UUID.randomUUID());
        String user = "user-" + UUID.randomUUID();
        credential(consumer, user, "kong");
        String host = routeWith(Map.of("anonymous", anon));
        assertThat(proxy.get("/", "Host", host, "Authorization", basic(user + ":kong"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("X-Consumer-ID")).isEqualTo(consumer);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isNull();
        assertThat(proxy.get("/", "Host", host, "Authorization", basic(user + ":wrong"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("X-Consumer-ID")).isEqualTo(anon);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isEqualTo("true");
        HttpResponse<String> missing = proxy.get("/", "Host", routeWith(Map.of("anonymous", "no-such-user")));
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(message(missing)).isEqualTo("anonymous consumer no-such-user is configured but doesn't exist");
    }

    @Test
    void schemaDefaultsAreEchoed() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        AdminClient.Resp created = admin.post("/routes/" + route + "/plugins", Map.of("name", "basic-auth"));
        assertThat(created.status()).isEqualTo(201);
        JsonNode got =
                admin.get("/plugins/" + created.json().get("id").asText()).json();
        assertThat(got.get("config").toString())
                .isEqualTo("{\"anonymous\":null,\"hide_credentials\":false,\"realm\":\"service\"}");
        assertThat(got.get("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        AdminClient.Resp consumerScoped = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "basic-auth",
                        "consumer",
                        Map.of("id", UUID.randomUUID().toString())));
        assertThat(consumerScoped.status()).isEqualTo(400);
    }
}
