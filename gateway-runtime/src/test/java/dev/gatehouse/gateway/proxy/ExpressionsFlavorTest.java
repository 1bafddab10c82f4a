package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code expressions} router flavor end to end: the Admin API's routes schema and Kong's {@code validate_route}
 * messages ({@code kong/db/schema/entities/routes.lua}, {@code routes_subschemas.lua}), and requests through the
 * proxy routed by expression and priority ({@code kong/router/expressions.lua}, {@code kong/router/atc.lua}).
 */
class ExpressionsFlavorTest {

    @TempDir
    Path dir;

    private static List<String> entityErrors(AdminClient.Resp r) {
        List<String> out = new ArrayList<>();
        r.json().path("fields").path("@entity").forEach(e -> out.add(e.asText()));
        return out;
    }

    @Test
    void routesCarryExpressionsThatTheAdminApiChecksAndTheProxyFollows() throws Exception {
        try (RunningGateway gw = Gateway.start(
                        GatewayConfig.ephemeral(dir.resolve("data")).withRouterFlavor(RouterFlavor.EXPRESSIONS));
                UpstreamServer up = UpstreamServer.start()) {
            AdminClient admin = new AdminClient(gw.adminUrl());
            assertThat(admin.get("/")
                            .json()
                            .path("configuration")
                            .path("router_flavor")
                            .asText())
                    .isEqualTo("expressions");
            List<String> fields = new ArrayList<>();
            admin.get("/schemas/routes")
                    .json()
                    .path("fields")
                    .forEach(f -> fields.add(f.fieldNames().next()));
            assertThat(fields).endsWith("path_handling", "expression", "priority");

            assertThat(admin.post("/services", Map.of("name", "blue", "url", up.url() + "/blue"))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/services", Map.of("name", "green", "url", up.url() + "/green"))
                            .status())
                    .isEqualTo(201);
            AdminClient.Resp blue = admin.post(
                    "/services/blue/routes",
                    Map.of(
                            "name",
                            "blue-team",
                            "expression",
                            "http.path ^= \"/api\" && http.headers.x_team == \"blue\""));
            assertThat(blue.status()).as(blue.text()).isEqualTo(201);
            assertThat(blue.json().path("priority").asLong()).isZero();
            assertThat(blue.json().path("paths").isNull()).isTrue();
            AdminClient.Resp green = admin.post(
                    "/services/green/routes",
                    Map.of("name", "green-api", "expression", "http.path ^= \"/api\"", "priority", 1));
            assertThat(green.status()).as(green.text()).isEqualTo(201);
            assertThat(gw.awaitProxyConfig(5000)).isTrue();

            ProxyClient proxy = new ProxyClient(gw.proxyUrl());
            // the higher priority wins even though the blue route is more specific
            assertThat(proxy.get("/api/orders", "X-Team", "blue").statusCode()).isEqualTo(200);
            assertThat(up.last().uri()).isEqualTo("/green/orders");
            assertThat(admin.patch("/routes/green-api", Map.of("priority", 0)).status())
                    .isEqualTo(200);
            assertThat(gw.awaitProxyConfig(5000)).isTrue();
            // equal priorities: atc-router tries the larger id first; both routes match, so look the order up
            String first = blue.json()
                                    .path("id")
                                    .asText()
                                    .compareTo(green.json().path("id").asText())
                            > 0
                    ? "/blue/orders"
                    : "/green/orders";
            assertThat(proxy.get("/api/orders", "X-Team", "blue").statusCode()).isEqualTo(200);
            assertThat(up.last().uri()).isEqualTo(first);
            assertThat(admin.patch(
                                    "/routes/green-api",
                                    Map.of("expression", "http.path ^= \"/api\" && http.method == \"POST\""))
                            .status())
                    .isEqualTo(200);
            assertThat(gw.awaitProxyConfig(5000)).isTrue();
            assertThat(proxy.get("/api/orders", "X-Team", "blue").statusCode()).isEqualTo(200);
            assertThat(up.last().uri())
                    .as("strip_path removes what http.path matched")
                    .isEqualTo("/blue/orders");
            HttpResponse<String> miss = proxy.get("/api/orders", "X-Team", "Blue");
            assertThat(miss.statusCode()).as("header values are case-sensitive").isEqualTo(404);
            assertThat(miss.body()).contains("no Route matched with those values");

            // validate_route's messages, under Kong's schema violation body
            AdminClient.Resp typed = admin.post("/routes", Map.of("expression", "http.path == 1"));
            assertThat(typed.status()).isEqualTo(400);
            assertThat(typed.json().path("name").asText()).isEqualTo("schema violation");
            assertThat(entityErrors(typed))
                    .containsExactly("Router Expression failed validation: Type mismatch between the LHS and RHS values"
                            + " of predicate");
            AdminClient.Resp syntax = admin.post("/routes", Map.of("expression", "http.path == \"/a\" &&"));
            assertThat(entityErrors(syntax))
                    .singleElement()
                    .asString()
                    .startsWith("Router Expression failed validation:  --> 1:21")
                    .endsWith("= expected term");
            assertThat(entityErrors(
                            admin.post("/routes", Map.of("expression", "http.path == \"/a\"", "paths", List.of("/a")))))
                    .containsExactly(
                            "Router Expression failed validation: cannot set 'expression' with 'methods', 'hosts',"
                                    + " 'paths', 'headers', 'snis', 'sources' or 'destinations' simultaneously");
            assertThat(entityErrors(admin.post("/routes", Map.of("paths", List.of("/a"), "priority", 5))))
                    .containsExactly(
                            "Router Expression failed validation: cannot set 'priority' with 'methods', 'hosts',"
                                    + " 'paths', 'headers', 'snis', 'sources' or 'destinations' simultaneously");
            assertThat(entityErrors(
                            admin.post("/routes", Map.of("expression", "http.path == \"/a\"", "regex_priority", 2))))
                    .containsExactly(
                            "Router Expression failed validation: cannot set 'regex_priority' with 'expression'"
                                    + " simultaneously");
            assertThat(entityErrors(admin.post("/routes", Map.of("expression", "http.path.segments.2_1 == \"a\""))))
                    .containsExactly("Router Expression failed validation: illformed http.path.segments.* field");
            assertThat(admin.post("/routes", Map.of("expression", "http.path == \"/a\"", "priority", 1L << 46))
                            .json()
                            .path("fields")
                            .path("priority")
                            .asText())
                    .startsWith("value should be between 0 and ");
            assertThat(entityErrors(admin.post("/routes", Map.of("name", "nothing"))))
                    .containsExactly("must set one of 'methods', 'hosts', 'headers', 'paths', 'snis', 'expression' when"
                            + " 'protocols' is 'https'");
            // an update is checked on the whole route, as run_with_missing_fields asks
            AdminClient.Resp mixed = admin.patch("/routes/blue-team", Map.of("paths", List.of("/x")));
            assertThat(mixed.status()).isEqualTo(400);
            assertThat(entityErrors(mixed)).singleElement().asString().contains("cannot set 'expression' with");
            assertThat(admin.get("/routes/blue-team").json().path("paths").isNull())
                    .as("nothing stored is lost")
                    .isTrue();

            // the flavor accepts sources on HTTP routes, and the proxy keeps to them
            assertThat(admin.post(
                                    "/services/blue/routes",
                                    Map.of("paths", List.of("/local"), "sources", List.of(Map.of("ip", "127.0.0.1"))))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post(
                                    "/services/blue/routes",
                                    Map.of("paths", List.of("/office"), "sources", List.of(Map.of("ip", "10.0.0.0/8"))))
                            .status())
                    .isEqualTo(201);
            assertThat(gw.awaitProxyConfig(5000)).isTrue();
            assertThat(proxy.get("/local").statusCode()).isEqualTo(200);
            assertThat(proxy.get("/office").statusCode())
                    .as("from 127.0.0.1, not 10/8")
                    .isEqualTo(404);
        }
    }

    @Test
    void theDefaultFlavorRefusesExpressions() throws Exception {
        try (RunningGateway gw = Gateway.start(GatewayConfig.ephemeral(dir.resolve("data")))) {
            AdminClient admin = new AdminClient(gw.adminUrl());
            AdminClient.Resp r = admin.post("/routes", Map.of("expression", "http.path == \"/a\""));
            assertThat(r.status()).isEqualTo(400);
            JsonNode f = r.json().path("fields");
            assertThat(f.path("expression").asText()).isEqualTo("unknown field");
            assertThat(admin.post(
                                    "/routes",
                                    Map.of("paths", List.of("/a"), "sources", List.of(Map.of("ip", "1.1.1.1"))))
                            .json()
                            .path("fields")
                            .path("sources")
                            .asText())
                    .isEqualTo("cannot set 'sources' when 'protocols' is 'http' or 'https'");
        }
    }

    @Test
    void theCommandLineTakesKongsRouterFlavor() throws Exception {
        try (UpstreamServer up = UpstreamServer.start();
                GatewayProcess p = GatewayProcess.start(dir.resolve("p"), "--router-flavor", "expressions")) {
            AdminClient admin = p.client();
            assertThat(admin.get("/")
                            .json()
                            .path("configuration")
                            .path("router_flavor")
                            .asText())
                    .isEqualTo("expressions");
            assertThat(admin.post("/services", Map.of("name", "s", "url", up.url()))
                            .status())
                    .isEqualTo(201);
            assertThat(admin.post("/services/s/routes", Map.of("expression", "http.path.segments.0 == \"v2\""))
                            .status())
                    .isEqualTo(201);
            ProxyClient proxy = new ProxyClient(p.proxyUrl());
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> proxy.get("/v2/items").statusCode() == 200);
            assertThat(proxy.get("/v1/items").statusCode()).isEqualTo(404);
        }
        Process bad = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.gatehouse.gateway.GatewayMain",
                        "--router-flavor",
                        "traditional",
                        "--data-dir",
                        dir.resolve("bad").toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bad.getInputStream().readAllBytes());
        assertThat(bad.waitFor()).isEqualTo(2);
        assertThat(out).contains("router_flavor 'traditional' (Kong 2.x's router) is not supported");
    }
}
