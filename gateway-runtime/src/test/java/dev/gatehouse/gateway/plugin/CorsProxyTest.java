package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** cors ({@code kong/plugins/cors/handler.lua}, Kong's {@code spec/03-plugins/13-cors/01-access_spec.lua}). */
class CorsProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final ProxyClient proxy = GW.proxy();

    @Test
    void preflightIsAnsweredByTheGateway() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "cors", null);
        int before = GW.upstream().all().size();
        HttpResponse<String> r = proxy.send(
                "OPTIONS",
                "/",
                null,
                "Host",
                host,
                "Origin",
                "http://example.com",
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "X-Custom");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Methods"))
                .isEqualTo("GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Headers")).isEqualTo("X-Custom");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Credentials")).isNull();
        assertThat(GW.upstream().all()).hasSize(before);
        HttpResponse<String> get = proxy.get("/", "Host", host, "Origin", "http://example.com");
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(ProxyClient.header(get, "Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void configuredOriginsMethodsAndHeaders() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin(
                "/routes/" + route + "/plugins",
                "cors",
                Map.of(
                        "origins",
                        List.of("http://example.com", "(.*[.])?example\\.org"),
                        "methods",
                        List.of("GET", "POST"),
                        "headers",
                        List.of("x-a", "x-b"),
                        "exposed_headers",
                        List.of("x-c"),
                        "max_age",
                        23,
                        "credentials",
                        true));
        HttpResponse<String> pre = proxy.send(
                "OPTIONS",
                "/",
                null,
                "Host",
                host,
                "Origin",
                "http://example.com",
                "Access-Control-Request-Method",
                "POST");
        assertThat(ProxyClient.header(pre, "Access-Control-Allow-Origin")).isEqualTo("http://example.com");
        assertThat(ProxyClient.header(pre, "Access-Control-Allow-Methods")).isEqualTo("GET,POST");
        assertThat(ProxyClient.header(pre, "Access-Control-Allow-Headers")).isEqualTo("x-a,x-b");
        assertThat(ProxyClient.header(pre, "Access-Control-Max-Age")).isEqualTo("23");
        assertThat(ProxyClient.header(pre, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(ProxyClient.header(pre, "Vary")).isEqualTo("Origin");
        HttpResponse<String> sub = proxy.get("/", "Host", host, "Origin", "https://api.example.org");
        assertThat(ProxyClient.header(sub, "Access-Control-Allow-Origin")).isEqualTo("https://api.example.org");
        assertThat(ProxyClient.header(sub, "Access-Control-Expose-Headers")).isEqualTo("x-c");
        HttpResponse<String> foreign = proxy.get("/", "Host", host, "Origin", "http://evil.test");
        assertThat(ProxyClient.header(foreign, "Access-Control-Allow-Origin")).isNull();
        assertThat(foreign.statusCode()).isEqualTo(200); // cors never blocks; browsers enforce
    }

    @Test
    void credentialsWithAnyOriginEchoTheOrigin() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "cors", Map.of("credentials", true));
        HttpResponse<String> r = proxy.get("/", "Host", host, "Origin", "http://app.test");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Origin")).isEqualTo("http://app.test");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(ProxyClient.header(r, "Vary")).isEqualTo("Origin");
    }

    @Test
    void preflightContinueReachesTheUpstream() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "cors", Map.of("preflight_continue", true));
        HttpResponse<String> r = proxy.send(
                "OPTIONS",
                "/",
                null,
                "Host",
                host,
                "Origin",
                "http://example.com",
                "Access-Control-Request-Method",
                "GET");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(GW.upstream().last().method()).isEqualTo("OPTIONS");
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void corsHeadersAlsoDecorateKongErrors() {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "cors", null);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", null);
        HttpResponse<String> r = proxy.get("/", "Host", host, "Origin", "http://example.com");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(ProxyClient.header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
    }
}
