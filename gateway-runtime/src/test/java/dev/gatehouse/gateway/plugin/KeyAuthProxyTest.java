package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.MovableClock;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * key-auth on the proxy, after Kong's {@code spec/03-plugins/09-key-auth/02-access_spec.lua} and the 3.7+
 * responses (reference section 2): the seed walkthrough, every key location, duplicates, hide_credentials,
 * anonymous, run_on_preflight, realm and expired keys.
 */
class KeyAuthProxyTest {

    private static final MovableClock CLOCK = new MovableClock();

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway(c -> c.withClock(CLOCK));

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private static String message(HttpResponse<String> r) {
        return AdminClient.parse(r.body()).get("message").asText();
    }

    @Test
    void seedWalkthrough() {
        // service -> route '/' -> key-auth key_names=apiKey -> consumer -> key 123test (DESIGN.md, the seed scenario)
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of("key_names", List.of("apiKey")));
        String consumer = setup.consumer("seed-" + UUID.randomUUID());
        String credential = setup.key(consumer, "123test-" + host);

        HttpResponse<String> none = proxy.get("/", "Host", host);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(message(none)).isEqualTo("No API key found in request");
        assertThat(ProxyClient.header(none, "WWW-Authenticate")).isEqualTo("Key");
        assertThat(AdminClient.parse(none.body()).get("request_id").asText()).matches("[0-9a-f]{32}");

        HttpResponse<String> wrong = proxy.get("/", "Host", host, "apiKey", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(message(wrong)).isEqualTo("Unauthorized");
        assertThat(ProxyClient.header(wrong, "WWW-Authenticate")).isEqualTo("Key");

        HttpResponse<String> ok = proxy.get("/", "Host", host, "apiKey", "123test-" + host);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"counter\":1}");
        UpstreamServer.Seen seen = upstream.last();
        assertThat(seen.header("X-Consumer-ID")).isEqualTo(consumer);
        assertThat(seen.header("X-Consumer-Username")).startsWith("seed-");
        assertThat(seen.header("X-Credential-Identifier")).isEqualTo(credential);
        assertThat(seen.header("X-Anonymous-Consumer")).isNull();
        assertThat(seen.header("X-Consumer-Custom-ID")).isNull();
        assertThat(seen.header("apiKey")).isEqualTo("123test-" + host); // hide_credentials defaults to false
    }

    @Test
    void keyInQueryAndDuplicates() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        String consumer = setup.consumer("q-" + UUID.randomUUID(), "custom_id", "cust-1");
        setup.key(consumer, "qkey-" + host);
        HttpResponse<String> ok = proxy.get("/?apikey=qkey-" + host, "Host", host);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-Consumer-Custom-ID")).isEqualTo("cust-1");
        assertThat(upstream.last().uri()).isEqualTo("/?apikey=qkey-" + host);
        HttpResponse<String> dup = proxy.get("/?apikey=kong&apikey=kong", "Host", host);
        assertThat(dup.statusCode()).isEqualTo(401);
        assertThat(message(dup)).isEqualTo("Duplicate API key found");
        assertThat(ProxyClient.header(dup, "WWW-Authenticate")).isEqualTo("Key");
        // query names are case-sensitive
        assertThat(proxy.get("/?APIKEY=qkey-" + host, "Host", host).statusCode())
                .isEqualTo(401);
        // a name without a value is not a key
        assertThat(message(proxy.get("/?apikey", "Host", host))).isEqualTo("No API key found in request");
    }

    @Test
    void headerNamesAcceptUnderscoresOrHyphens() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of("key_names", List.of("api_key")));
        setup.key(setup.consumer("u-" + UUID.randomUUID()), "ukey-" + host);
        assertThat(proxy.get("/", "Host", host, "api_key", "ukey-" + host).statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/", "Host", host, "API-KEY", "ukey-" + host).statusCode())
                .isEqualTo(200);
    }

    @Test
    void hideCredentialsRemovesTheKeyFromHeaderQueryAndBody() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins", "key-auth", Map.of("hide_credentials", true, "key_in_body", true));
        setup.key(setup.consumer("h-" + UUID.randomUUID()), "hkey-" + host);
        assertThat(proxy.get("/", "Host", host, "apikey", "hkey-" + host).statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("apikey")).isNull();
        assertThat(proxy.get("/?apikey=hkey-" + host + "&other=1", "Host", host).statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().uri()).isEqualTo("/?other=1");
        HttpResponse<String> form = proxy.send(
                "POST",
                "/",
                "apikey=hkey-" + host + "&field=value",
                "Host",
                host,
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo("field=value");
        assertThat(upstream.last().header("Content-Length")).isEqualTo("11");
        HttpResponse<String> json = proxy.send(
                "POST",
                "/",
                "{\"apikey\":\"hkey-" + host + "\",\"n\":1}",
                "Host",
                host,
                "Content-Type",
                "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo("{\"n\":1}");
    }

    @Test
    void keyInBodyAndKeyInHeaderOff() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins",
                "key-auth",
                Map.of("key_in_body", true, "key_in_header", false, "key_in_query", false));
        setup.key(setup.consumer("b-" + UUID.randomUUID()), "bkey-" + host);
        assertThat(proxy.get("/", "Host", host, "apikey", "bkey-" + host).statusCode())
                .isEqualTo(401);
        assertThat(proxy.get("/?apikey=bkey-" + host, "Host", host).statusCode())
                .isEqualTo(401);
        String boundary = "xyzzy";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"apikey\"\r\n\r\nbkey-" + host
                + "\r\n--" + boundary + "--\r\n";
        assertThat(proxy.send(
                                "POST",
                                "/",
                                multipart,
                                "Host",
                                host,
                                "Content-Type",
                                "multipart/form-data; boundary=" + boundary)
                        .statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().body()).isEqualTo(multipart); // not hidden: forwarded untouched
        assertThat(proxy.send(
                                "POST",
                                "/",
                                "{\"apikey\":\"bkey-" + host + "\"}",
                                "Host",
                                host,
                                "Content-Type",
                                "application/json")
                        .statusCode())
                .isEqualTo(200);
        // a body larger than the 8 KiB body buffer is not searched (Kong: "Cannot process request body")
        String big = "apikey=bkey-" + host + "&pad=" + "x".repeat(9000);
        assertThat(proxy.send("POST", "/", big, "Host", host, "Content-Type", "application/x-www-form-urlencoded")
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void anonymousConsumerIsALogicalOr() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        String anon = setup.consumer("anon-" + UUID.randomUUID());
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of("anonymous", anon));
        setup.key(setup.consumer("real-" + UUID.randomUUID()), "akey-" + host);
        HttpResponse<String> r = proxy.get("/", "Host", host);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isEqualTo("true");
        assertThat(upstream.last().header("X-Consumer-ID")).isEqualTo(anon);
        assertThat(upstream.last().header("X-Credential-Identifier")).isNull();
        assertThat(proxy.get("/", "Host", host, "apikey", "akey-" + host).statusCode())
                .isEqualTo(200);
        assertThat(upstream.last().header("X-Anonymous-Consumer")).isNull();

        String host2 = Setup.host();
        String route2 = setup.routeOnHost(host2);
        setup.plugin("/routes/" + route2 + "/plugins", "key-auth", Map.of("anonymous", "no-such-consumer"));
        HttpResponse<String> missing = proxy.get("/", "Host", host2);
        assertThat(missing.statusCode()).isEqualTo(500);
        assertThat(message(missing)).isEqualTo("anonymous consumer no-such-consumer is configured but doesn't exist");
    }

    @Test
    void preflightAndRealm() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of("run_on_preflight", false, "realm", "kong"));
        assertThat(proxy.send("OPTIONS", "/", null, "Host", host).statusCode()).isEqualTo(200);
        HttpResponse<String> get = proxy.get("/", "Host", host);
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(ProxyClient.header(get, "WWW-Authenticate")).isEqualTo("Key realm=\"kong\"");
    }

    @Test
    void expiredAndDeletedKeysAreRejected() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        String consumer = setup.consumer("t-" + UUID.randomUUID());
        setup.key(consumer, "ttl-" + host, "ttl", 2); // stored as an expiry in whole seconds
        String cred = setup.key(consumer, "del-" + host);
        assertThat(proxy.get("/", "Host", host, "apikey", "ttl-" + host).statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/", "Host", host, "apikey", "del-" + host).statusCode())
                .isEqualTo(200);
        GW.admin().delete("/key-auths/" + cred);
        GW.synced();
        assertThat(proxy.get("/", "Host", host, "apikey", "del-" + host).statusCode())
                .isEqualTo(401);
        // the gateway's clock, not the system's: two seconds pass for the store and key-auth at once
        CLOCK.advance(Duration.ofSeconds(1));
        assertThat(proxy.get("/", "Host", host, "apikey", "ttl-" + host).statusCode())
                .isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(1));
        HttpResponse<String> expired = proxy.get("/", "Host", host, "apikey", "ttl-" + host);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(message(expired)).isEqualTo("Unauthorized");
        // the key is free again (an expired credential does not count as a duplicate) while the expired row may still
        // wait for the purge: the new credential must win in the index, not the expired one
        String other = setup.consumer("t2-" + UUID.randomUUID());
        setup.key(other, "ttl-" + host);
        GW.synced();
        assertThat(proxy.get("/", "Host", host, "apikey", "ttl-" + host).statusCode())
                .isEqualTo(200);
    }
}
