package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS on the Admin API as Kong answers it (kong/api/api_helpers.lua {@code cors_filter}; the cases of
 * spec/02-integration/04-admin_api/23-cors_spec.lua): a browser UI on another origin, such as Kong Manager served
 * apart from the Admin API, sends credentialed requests, and browsers refuse {@code Access-Control-Allow-Origin: *}
 * with {@code Access-Control-Allow-Credentials: true}. So the request's Origin is echoed, or, with
 * {@code admin_gui_url} set, that URL's origin is named. Against the gateway as users start it.
 */
class AdminCorsTest {

    private static final String OTHER = "http://example.com";

    @Test
    void withoutAdminGuiUrlTheRequestsOriginIsEchoedAndStarOnlyWithoutOne(@TempDir Path dir) throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"))) {
            AdminClient anonymous = gw.client();
            AdminClient browser = anonymous.withHeader("Origin", OTHER);

            Resp preflight = browser.withHeader("Access-Control-Request-Method", "POST")
                    .withHeader("Access-Control-Request-Headers", "Content-Type,Kong-Admin-Token")
                    .options("/services");
            assertThat(preflight.status()).isEqualTo(204);
            assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(OTHER);
            assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(preflight.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, OPTIONS, POST");
            assertThat(preflight.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type,Kong-Admin-Token");

            Resp get = browser.get("/");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo(OTHER);
            assertThat(get.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            // "Main request should not respond to |AC-Request-Method| or |AC-Request-Headers| headers"
            assertThat(get.header("Access-Control-Allow-Methods")).isNull();
            assertThat(get.header("Access-Control-Allow-Headers")).isNull();
            assertThat(get.json().path("configuration").path("admin_gui_url").isEmpty())
                    .isTrue();

            // A write from the other origin is answered for that origin too, and so is a refusal.
            Resp created = browser.post("/services", Map.of("name", "orders", "host", "orders.test"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Access-Control-Allow-Origin")).isEqualTo(OTHER);
            Resp refused = browser.post("/services", Map.of("name", "orders", "host", "orders.test"));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.header("Access-Control-Allow-Origin")).isEqualTo(OTHER);

            assertThat(anonymous.options("/").header("Access-Control-Allow-Origin"))
                    .isEqualTo("*");
            assertThat(anonymous.options("/").header("Access-Control-Allow-Headers"))
                    .isEqualTo("Content-Type");
            assertThat(anonymous.get("/").header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
    }

    @Test
    void withAdminGuiUrlItsOriginIsNamedWhateverTheRequestsOriginIs(@TempDir Path dir) throws Exception {
        try (GatewayProcess gw =
                GatewayProcess.start(dir.resolve("data"), "--admin-gui-url", "http://admin.api:9100/path/to/any/way")) {
            AdminClient anonymous = gw.client();
            for (Resp r : new Resp[] {
                anonymous.withHeader("Origin", OTHER).options("/"),
                anonymous.options("/"),
                anonymous.withHeader("Origin", OTHER).get("/"),
                anonymous.get("/"),
                anonymous.withHeader("Origin", "http://admin.api:9100").get("/")
            }) {
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.api:9100");
                assertThat(r.header("Access-Control-Allow-Credentials")).isEqualTo("true");
            }
            assertThat(anonymous
                            .get("/")
                            .json()
                            .path("configuration")
                            .path("admin_gui_url")
                            .toString())
                    .isEqualTo("[\"http://admin.api:9100/path/to/any/way\"]");
        }
    }

    @Test
    void severalGuiUrlsFromTheEnvironmentEchoTheOneTheRequestComesFrom(@TempDir Path dir) throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(
                dir.resolve("data"), Map.of("GATEHOUSE_ADMIN_GUI_URL", "http://manager.test:8002, https://ui.test"))) {
            AdminClient anonymous = gw.client();
            assertThat(anonymous
                            .withHeader("Origin", "https://ui.test")
                            .get("/")
                            .header("Access-Control-Allow-Origin"))
                    .isEqualTo("https://ui.test");
            assertThat(anonymous.withHeader("Origin", OTHER).get("/").header("Access-Control-Allow-Origin"))
                    .isEqualTo("http://manager.test:8002");
        }
    }
}
