package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jwt and hmac-auth credential entities in a decK file, nested under their consumer as Kong's
 * {@code kong/db/schema/others/declarative_config.lua} nests every entity with a consumer foreign key
 * ({@code consumers[].jwt_secrets[]}, {@code consumers[].hmacauth_credentials[]}), and exported the same way.
 */
class AuthCredentialsDeclarativeTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient admin = GW.admin();

    @Test
    void jwtSecretsAndHmacCredentialsLoadAndExport() {
        String yaml = """
                _format_version: "3.0"
                consumers:
                - username: alice
                  jwt_secrets:
                  - key: alice-key
                    secret: alice-secret
                  hmacauth_credentials:
                  - username: alice-hmac
                    secret: hmac-secret
                """;
        AdminClient.Resp r = admin.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode jwt = admin.get("/jwts/alice-key").json();
        assertThat(jwt.get("secret").asText()).isEqualTo("alice-secret");
        assertThat(jwt.get("algorithm").asText()).isEqualTo("HS256");
        assertThat(admin.get("/hmac-auths/alice-hmac").json().get("secret").asText())
                .isEqualTo("hmac-secret");
        String exported = admin.get("/config").json().get("config").asText();
        assertThat(exported).contains("jwt_secrets:").contains("alice-key").contains("hmacauth_credentials:");
    }
}
