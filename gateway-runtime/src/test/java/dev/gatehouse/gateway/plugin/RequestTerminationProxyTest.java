package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * request-termination over real sockets, after Kong's {@code kong/plugins/request-termination/handler.lua} and
 * {@code schema.lua}, {@code spec/03-plugins/14-request-termination/01-schema_spec.lua} (validation messages) and
 * {@code 02-access_spec.lua} (status codes, messages, bodies, echo and trigger).
 */
class RequestTerminationProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();
    private final UpstreamServer upstream = GW.upstream();

    private String routeWith(Map<String, Object> config) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "request-termination", config);
        return host;
    }

    @Test
    void defaultStatusAndMessage() {
        HttpResponse<String> r = proxy.get("/status/200", "Host", routeWith(null));
        assertThat(r.statusCode()).isEqualTo(503);
        // an exit, not an error: exactly {message}, no request_id
        assertThat(r.body()).isEqualTo("{\"message\":\"Service unavailable\"}");
        assertThat(ProxyClient.header(r, "Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(ProxyClient.header(r, "Server")).isEqualTo("kong/3.9.1");
        assertThat(ProxyClient.header(r, "X-Kong-Request-Id")).matches("[0-9a-f]{32}");
    }

    @Test
    void defaultMessageForTheStatusOrACustomOneOrNone() {
        assertThat(proxy.get("/", "Host", routeWith(Map.of("status_code", 404))).body())
                .isEqualTo("{\"message\":\"Not found\"}");
        HttpResponse<String> custom =
                proxy.get("/", "Host", routeWith(Map.of("status_code", 406, "message", "Invalid")));
        assertThat(custom.statusCode()).isEqualTo(406);
        assertThat(custom.body()).isEqualTo("{\"message\":\"Invalid\"}");
        // no default message for 418: an empty body
        HttpResponse<String> none = proxy.get("/", "Host", routeWith(Map.of("status_code", 418)));
        assertThat(none.statusCode()).isEqualTo(418);
        assertThat(none.body()).isEmpty();
        assertThat(ProxyClient.header(none, "Content-Length")).isEqualTo("0");
        // "returns 204 without content length header"
        HttpResponse<String> noContent = proxy.get("/", "Host", routeWith(Map.of("status_code", 204)));
        assertThat(noContent.statusCode()).isEqualTo(204);
        assertThat(ProxyClient.header(noContent, "Content-Length")).isNull();
    }

    @Test
    void rawBodyWithItsContentType() {
        String html = "<html><body><h1>Service is down for maintenance</h1></body></html>";
        HttpResponse<String> r = proxy.get("/", "Host", routeWith(Map.of("body", html, "content_type", "text/html")));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo(html);
        assertThat(ProxyClient.header(r, "Content-Type")).isEqualTo("text/html");
        HttpResponse<String> json = proxy.get(
                "/",
                "Host",
                routeWith(Map.of(
                        "body", "{\"code\": 1, \"message\": \"Service unavailable\"}",
                        "content_type", "application/json")));
        assertThat(AdminClient.parse(json.body()).get("code").asInt()).isEqualTo(1);
    }

    @Test
    void echoHonoursTheTrigger() {
        String host = routeWith(Map.of("status_code", 404, "echo", true, "trigger", "gimme-an-echo"));
        upstream.clear();
        assertThat(proxy.get("/status/200", "Host", host).statusCode()).isEqualTo(200); // trigger absent: proxied
        assertThat(upstream.last()).isNotNull();
        HttpResponse<String> byHeader =
                proxy.send("POST", "/status/200?hello=world", "cool body", "Host", host, "Gimme-An-Echo", "anything");
        assertThat(byHeader.statusCode()).isEqualTo(404);
        JsonNode echo = AdminClient.parse(byHeader.body());
        assertThat(echo.get("message").asText()).isEqualTo("Not found");
        assertThat(echo.at("/matched_route/hosts/0").asText()).isEqualTo(host);
        assertThat(echo.at("/request/raw_body").asText()).isEqualTo("cool body");
        assertThat(echo.at("/request/headers/content-length").asText()).isEqualTo("9");
        assertThat(echo.at("/request/headers/gimme-an-echo").asText()).isEqualTo("anything");
        assertThat(echo.at("/request/query/hello").asText()).isEqualTo("world");
        assertThat(echo.at("/request/method").asText()).isEqualTo("POST");
        assertThat(echo.at("/request/path").asText()).isEqualTo("/status/200");
        assertThat(echo.at("/request/host").asText()).isEqualTo(host);
        assertThat(echo.at("/request/scheme").asText()).isEqualTo("http");
        assertThat(echo.at("/matched_service/id").asText()).isNotEmpty();
        HttpResponse<String> byQuery = proxy.get("/status/200?gimme-an-echo", "Host", host);
        assertThat(byQuery.statusCode()).isEqualTo(404);
        assertThat(AdminClient.parse(byQuery.body())
                        .at("/request/query/gimme-an-echo")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void schemaDefaultsAndErrorsAreKongs() {
        AdminClient.Resp created = admin.post("/plugins", Map.of("name", "request-termination"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(admin.get("/plugins/" + id).json().get("config").toString())
                .isEqualTo("{\"status_code\":503,\"message\":null,\"content_type\":null,\"body\":null,\"echo\":false,"
                        + "\"trigger\":null}");
        admin.delete("/plugins/" + id);
        GW.synced();

        assertThat(configError(Map.of("status_code", "x"))
                        .at("/config/status_code")
                        .asText())
                .isEqualTo("expected an integer");
        assertThat(configError(Map.of("status_code", 99))
                        .at("/config/status_code")
                        .asText())
                .isEqualTo("value should be between 100 and 599");
        assertThat(configError(Map.of("message", "x", "body", "y"))
                        .at("/config")
                        .asText())
                .isEqualTo("message cannot be used with content_type or body");
        assertThat(configError(Map.of("content_type", "text/plain"))
                        .at("/config")
                        .asText())
                .isEqualTo("content_type requires a body");
        assertThat(configError(Map.of("echo", true, "body", "y")).at("/config").asText())
                .isEqualTo("echo cannot be used with content_type and body");
    }

    private JsonNode configError(Map<String, Object> config) {
        AdminClient.Resp r = admin.post("/plugins", Map.of("name", "request-termination", "config", config));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.json().get("name").asText()).isEqualTo("schema violation");
        return r.json().get("fields");
    }
}
