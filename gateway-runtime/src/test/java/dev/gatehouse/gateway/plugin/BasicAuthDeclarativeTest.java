package dev.gatehouse.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * basic-auth credentials in a decK file, after Kong's {@code kong/db/declarative/import.lua} ({@code _transform},
 * default true, hashes passwords as {@code daos.lua}'s transformation does), {@code export.lua} (exports say
 * {@code _transform: false}) and {@code spec/03-plugins/10-basic-auth/05-declarative_spec.lua}.
 */
class BasicAuthDeclarativeTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient admin = GW.admin();

    private static final String CONSUMER_ID = "2e5d6a1e-5c3f-4b8a-9f52-0a4a6c1c7d11";

    private AdminClient.Resp load(String yaml) {
        AdminClient.Resp r = admin.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        GW.synced();
        return r;
    }

    private static String file(String transform, String password) {
        return """
                _format_version: "3.0"
                %s
                services:
                - name: s
                  url: %s
                  routes:
                  - name: r
                    hosts: [basic.test]
                    plugins:
                    - name: basic-auth
                consumers:
                - username: bob
                  id: %s
                  basicauth_credentials:
                  - username: bob
                    password: %s
                """.formatted(transform, GW.upstream().url(), CONSUMER_ID, password);
    }

    private int status(String userPass) {
        return GW.proxy()
                .get(
                        "/",
                        "Host",
                        "basic.test",
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)))
                .statusCode();
    }

    @Test
    void passwordsAreHashedOnImportUnlessTransformIsOff() throws Exception {
        String hash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(("kong" + CONSUMER_ID).getBytes(StandardCharsets.UTF_8)));
        load(file("", "kong"));
        assertThat(admin.get("/basic-auths/bob").json().get("password").asText())
                .isEqualTo(hash);
        assertThat(status("bob:kong")).isEqualTo(200);
        assertThat(status("bob:wrong")).isEqualTo(401);

        // an export carries the hash and says it must not be hashed again
        String yaml = admin.get("/config").json().get("config").asText();
        assertThat(yaml).contains("_transform: false").contains(hash).doesNotContain("password: kong");
        load(yaml);
        assertThat(admin.get("/basic-auths/bob").json().get("password").asText())
                .isEqualTo(hash);
        assertThat(status("bob:kong")).isEqualTo(200);

        load(file("_transform: false", hash));
        assertThat(status("bob:kong")).isEqualTo(200);
    }
}
