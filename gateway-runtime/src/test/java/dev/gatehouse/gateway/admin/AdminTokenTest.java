package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --admin-token} / {@code GATEHOUSE_ADMIN_TOKEN}: the {@code Kong-Admin-Token} header (Kong Enterprise's name). */
class AdminTokenTest {

    @Test
    void tokenFromTheCommandLine(@TempDir Path dir) throws Exception {
        try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"), "--admin-token", "t0ken")) {
            check(gw, "t0ken");
        }
    }

    @Test
    void tokenFromTheEnvironment(@TempDir Path dir) throws Exception {
        try (GatewayProcess gw =
                GatewayProcess.start(dir.resolve("data"), Map.of("GATEHOUSE_ADMIN_TOKEN", "env-t0ken"))) {
            check(gw, "env-t0ken");
            assertThat(String.join("\n", gw.output())).doesNotContain("env-t0ken");
        }
    }

    private static void check(GatewayProcess gw, String token) {
        AdminClient anonymous = gw.client();
        AdminClient.Resp denied = anonymous.get("/services");
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.json().get("message").asText())
                .isEqualTo("Invalid credentials. Token or User credentials required");
        assertThat(anonymous.post("/services", Map.of("host", "x.test")).status())
                .isEqualTo(401);
        assertThat(anonymous.withHeader("Kong-Admin-Token", "wrong").get("/").status())
                .isEqualTo(401);
        AdminClient allowed = anonymous.withHeader("Kong-Admin-Token", token);
        assertThat(allowed.post("/services", Map.of("host", "x.test")).status()).isEqualTo(201);
        assertThat(allowed.get("/services").json().get("data")).hasSize(1);
        assertThat(allowed.get("/").json().get("configuration").toString()).doesNotContain(token);
    }
}
