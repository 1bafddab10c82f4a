package dev.gatehouse.gateway.plugin.botdetection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.RawConnection;
import dev.gatehouse.gateway.support.Setup;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * bot-detection over real sockets, after Kong's {@code kong/plugins/bot-detection/handler.lua} (allow, then deny,
 * then the built-in rules; 403 {@code Forbidden}; 400 for several User-Agent headers; no header passes),
 * {@code schema.lua} and {@code spec/03-plugins/21-bot-detection/01-access_spec.lua} (a browser and curl pass,
 * Googlebot and Facebook's preview agent are refused, allow and deny lists). The built-in list is our own
 * ({@code KnownBots}), so the agents below are ones any bot list refuses or lets through.
 */
class BotDetectionProxyTest {

    private static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    /** A route with bot-detection; returns its host and the plugin id. */
    private String[] routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        String plugin = setup.plugin("/routes/" + route + "/plugins", "bot-detection", config);
        return new String[] {host, plugin};
    }

    private HttpResponse<String> as(String host, String agent) {
        return proxy.get("/", "Host", host, "User-Agent", agent);
    }

    @Test
    void browsersAndCurlPassKnownBotsAreForbidden() {
        String host = routeWith(Map.of())[0];
        assertThat(as(host, BROWSER).statusCode()).isEqualTo(200);
        assertThat(as(host, "curl/7.43.0").statusCode()).isEqualTo(200);
        for (String bot : List.of(
                "Googlebot/2.1 (+http://www.google.com/bot.html)",
                "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
                "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
                "python-requests/2.31.0",
                "Scrapy/2.11.0 (+https://scrapy.org)",
                "Wget/1.21.4",
                "SomeNewCrawler/0.1")) {
            HttpResponse<String> r = as(host, bot);
            assertThat(r.statusCode()).as(bot).isEqualTo(403);
            assertThat(AdminClient.parse(r.body()).get("message").asText()).isEqualTo("Forbidden");
        }
        // the same agent again: the cached decision
        assertThat(as(host, "Wget/1.21.4").statusCode()).isEqualTo(403);
    }

    @Test
    void allowWinsOverDenyAndTheBuiltInRulesDenyOverTheBuiltInPass() {
        String host = routeWith(Map.of(
                "allow", List.of("^facebookexternalhit/", "^Partner"),
                "deny", List.of("Partner", "^MyScript/\\d")))[0];
        assertThat(as(host, "facebookexternalhit/1.1").statusCode()).isEqualTo(200);
        assertThat(as(host, "PartnerFeed/1.0").statusCode()).isEqualTo(200);
        assertThat(as(host, "OtherPartner/1.0").statusCode()).isEqualTo(403);
        assertThat(as(host, "MyScript/3").statusCode()).isEqualTo(403);
        assertThat(as(host, "MyScript").statusCode()).isEqualTo(200);
        assertThat(as(host, "Googlebot/2.1").statusCode()).isEqualTo(403);
    }

    @Test
    void aConfigurationChangeIsNotHiddenByTheCache() {
        String[] r = routeWith(Map.of());
        assertThat(as(r[0], "Tool/1.0").statusCode()).isEqualTo(200);
        assertThat(admin.patch("/plugins/" + r[1], Map.of("config", Map.of("deny", List.of("^Tool/"))))
                        .status())
                .isEqualTo(200);
        GW.synced();
        assertThat(as(r[0], "Tool/1.0").statusCode()).isEqualTo(403);
    }

    @Test
    void noUserAgentPassesAndSeveralAre400() throws Exception {
        String host = routeWith(Map.of("deny", List.of(".*")))[0];
        java.net.InetSocketAddress address = GW.gateway().proxyListen();
        RawConnection.Response none =
                RawConnection.exchange(address, "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertThat(none.status()).isEqualTo(200);
        RawConnection.Response two = RawConnection.exchange(
                address,
                "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: a\r\nUser-Agent: b\r\nConnection: close\r\n\r\n");
        assertThat(two.status()).isEqualTo(400);
        assertThat(AdminClient.parse(two.body()).get("message").asText())
                .isEqualTo("Only one User-Agent header allowed");
        assertThat(as(host, BROWSER).statusCode()).isEqualTo(403);
    }

    @Test
    void schemaIsKongs() {
        AdminClient.Resp ok = admin.post("/plugins", Map.of("name", "bot-detection", "instance_name", "bd-schema"));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("config").toString()).isEqualTo("{\"allow\":[],\"deny\":[]}");
        assertThat(ok.json().get("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        admin.delete("/plugins/bd-schema");

        AdminClient.Resp bad =
                admin.post("/plugins", Map.of("name", "bot-detection", "config", Map.of("deny", List.of("ok", "(["))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/fields/config/deny/1").asText()).isEqualTo("not a valid regex: ([");

        String consumer = setup.consumer("bd-" + java.util.UUID.randomUUID());
        AdminClient.Resp scoped = admin.post("/consumers/" + consumer + "/plugins", Map.of("name", "bot-detection"));
        assertThat(scoped.status()).isEqualTo(400);
        assertThat(scoped.json().at("/fields/consumer").asText()).isEqualTo("value must be null");
    }
}
