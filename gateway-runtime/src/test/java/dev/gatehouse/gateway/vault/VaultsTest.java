package dev.gatehouse.gateway.vault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.LogReceiver;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vaults} entity and vault references in plugin configuration, after Kong's
 * {@code kong/db/schema/entities/vaults.lua}, {@code kong/vaults/env/} (variable = prefix + resource, upper-cased,
 * dashes as underscores), {@code kong/pdk/vault.lua} ({@code parse_reference}, JSON keys) and
 * {@code kong/db/schema/init.lua} (a reference skips a referenceable field's checks; resolved on read, {@code ""} with
 * a warning when it cannot be), and {@code spec/02-integration/13-vaults/01-vault_spec.lua} (the Admin API answers
 * the reference, never the secret). The proxy part runs a gateway process with its own environment.
 */
class VaultsTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    private final AdminClient admin = GW.admin();

    @Test
    void vaultsAreAnEntityFoundByPrefix() {
        AdminClient.Resp put =
                admin.put("/vaults/team-secrets", Map.of("name", "env", "config", Map.of("prefix", "TEAM_")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("prefix").asText()).isEqualTo("team-secrets");
        assertThat(put.json().at("/config/prefix").asText()).isEqualTo("TEAM_");
        assertThat(put.json().get("description").isNull()).isTrue();
        assertThat(put.json().get("created_at").isIntegralNumber()).isTrue();
        AdminClient.Resp got = admin.get("/vaults/team-secrets");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("id").asText()).isEqualTo(put.json().get("id").asText());
        assertThat(admin.get("/vaults").json().get("data")).hasSize(1);

        AdminClient.Resp twice = admin.post("/vaults", Map.of("prefix", "team-secrets", "name", "env"));
        assertThat(twice.status()).isEqualTo(409);

        AdminClient.Resp reserved = admin.post("/vaults", Map.of("prefix", "env", "name", "env"));
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(reserved.json().at("/fields/prefix").asText()).isEqualTo("must not be one of: env");

        AdminClient.Resp shape = admin.post("/vaults", Map.of("prefix", "Bad_Prefix", "name", "env"));
        assertThat(shape.json().at("/fields/prefix").asText()).isEqualTo("invalid value: Bad_Prefix");

        AdminClient.Resp unknown = admin.post("/vaults", Map.of("prefix", "my-hcv", "name", "hcv"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text()).contains("vault 'hcv' is not installed");

        AdminClient.Resp badConfig =
                admin.post("/vaults", Map.of("prefix", "my-env", "name", "env", "config", Map.of("prefix", "1 x")));
        assertThat(badConfig.json().at("/fields/config/prefix").asText()).isEqualTo("invalid value: 1 x");

        assertThat(admin.get("/schemas/vaults").status()).isEqualTo(200);
        // kong/api/routes/kong.lua: the vault's own schema, and validation without storing
        assertThat(admin.get("/schemas/vaults/env").json().toString()).contains("\"prefix\"");
        assertThat(admin.get("/schemas/vaults/hcv").json().get("message").asText())
                .isEqualTo("No vault named 'hcv'");
        AdminClient.Resp valid = admin.post("/schemas/vaults/validate", Map.of("prefix", "ok-vault", "name", "env"));
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.json().get("message").asText()).isEqualTo("schema validation successful");
        assertThat(admin.delete("/vaults/team-secrets").status()).isEqualTo(204);
        assertThat(admin.get("/vaults/team-secrets").status()).isEqualTo(404);
    }

    @Test
    void onlyReferenceableFieldsTakeReferencesAndTheyAreStoredAndExportedAsWritten() {
        // http-log's http_endpoint is referenceable (Kong's schema): the URL check is skipped for a reference
        AdminClient.Resp plugin = admin.post(
                "/plugins",
                Map.of(
                        "name", "http-log",
                        "instance_name", "vaulted-log",
                        "config",
                                Map.of(
                                        "http_endpoint",
                                        "{vault://env/some-log-url}",
                                        "headers",
                                        Map.of("x-token", "{vault://env/some-token}"))));
        assertThat(plugin.status()).as(plugin.text()).isEqualTo(201);
        assertThat(plugin.json().at("/config/http_endpoint").asText()).isEqualTo("{vault://env/some-log-url}");
        assertThat(admin.get("/plugins/vaulted-log")
                        .json()
                        .at("/config/headers/x-token")
                        .asText())
                .isEqualTo("{vault://env/some-token}");
        JsonNode export = admin.get("/config").json();
        assertThat(export.toString()).contains("{vault://env/some-log-url}", "{vault://env/some-token}");
        admin.delete("/plugins/vaulted-log");

        // a field Kong does not mark referenceable validates the text as it is
        AdminClient.Resp keyAuth = admin.post(
                "/plugins", Map.of("name", "key-auth", "config", Map.of("key_names", List.of("{vault://env/x}"))));
        assertThat(keyAuth.status()).isEqualTo(400);
        // certificates' cert and key are referenceable in Kong, but only plugin configurations are resolved here
        AdminClient.Resp cert =
                admin.post("/certificates", Map.of("cert", "{vault://env/tls-cert}", "key", "{vault://env/tls-key}"));
        assertThat(cert.status()).isEqualTo(400);
        assertThat(cert.text()).contains("vault references are not supported in certificates by this gateway");
        AdminClient.Resp notUrl =
                admin.post("/plugins", Map.of("name", "http-log", "config", Map.of("http_endpoint", "{vault:/x}")));
        assertThat(notUrl.status()).isEqualTo(400);
    }

    @Test
    void referencedSecretsReachTheProxyButNeverTheAdminApi(@TempDir Path dir) throws Exception {
        try (LogReceiver receiver = LogReceiver.start();
                UpstreamServer upstream = UpstreamServer.start()) {
            Map<String, String> env = Map.of(
                    "GH_VT_LOG_URL", receiver.url(),
                    "TEAM_VT_TOKEN", "s3cr3t-token-value",
                    "TEAM_VT_JSON", "{\"user\":\"json-user-value\",\"n\":1}");
            try (GatewayProcess gw = GatewayProcess.start(dir.resolve("data"), env)) {
                AdminClient a = gw.client();
                assertThat(a.put("/vaults/team", Map.of("name", "env", "config", Map.of("prefix", "TEAM_")))
                                .status())
                        .isEqualTo(200);
                String service = a.post("/services", Map.of("url", upstream.url()))
                        .json()
                        .get("id")
                        .asText();
                String route = a.post("/routes", Map.of("paths", List.of("/vt"), "service", Map.of("id", service)))
                        .json()
                        .get("id")
                        .asText();
                AdminClient.Resp plugin = a.post(
                        "/routes/" + route + "/plugins",
                        Map.of(
                                "name",
                                "http-log",
                                "config",
                                Map.of(
                                        "http_endpoint",
                                        "{vault://env/gh-vt-log-url}",
                                        "headers",
                                        Map.of(
                                                "x-token", "{vault://team/vt-token}",
                                                "x-user", "{vault://team/vt-json/user}",
                                                "x-missing", "{vault://team/vt-missing}"))));
                assertThat(plugin.status()).as(plugin.text()).isEqualTo(201);

                ProxyClient proxy = new ProxyClient(gw.proxyUrl());
                // the plugin is live a few ms after its 201: requests until the first entry arrives
                LogReceiver.Delivery d = null;
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (d == null && System.nanoTime() < deadline) {
                    proxy.get("/vt");
                    d = receiver.next(Duration.ofMillis(200));
                }
                assertThat(d)
                        .as("http-log reached the endpoint named by the environment")
                        .isNotNull();
                assertThat(header(d, "x-token")).isEqualTo("s3cr3t-token-value");
                assertThat(header(d, "x-user")).isEqualTo("json-user-value");
                assertThat(d.body().at("/request/uri").asText()).isEqualTo("/vt");

                String pluginId = plugin.json().get("id").asText();
                AdminClient.Resp shown = a.get("/plugins/" + pluginId);
                assertThat(shown.json().at("/config/headers/x-token").asText()).isEqualTo("{vault://team/vt-token}");
                assertThat(shown.json().at("/config/http_endpoint").asText()).isEqualTo("{vault://env/gh-vt-log-url}");
                // GET /config: the decK document as YAML, vaults[] in it, references as written
                String export = a.get("/config").json().get("config").asText();
                assertThat(export).contains("vaults:", "prefix: team", "prefix: TEAM_", "{vault://team/vt-token}");
                String everything = shown.text() + export + a.get("/plugins").text();
                assertThat(everything).doesNotContain("s3cr3t-token-value", "json-user-value", receiver.url());
                // Kong's resolve_reference: a warning naming the reference, and the empty string as the value
                assertThat(gw.output())
                        .anyMatch(l ->
                                l.contains("unable to resolve reference {vault://team/vt-missing} (no value found)"));
                assertThat(String.join("\n", gw.output())).doesNotContain("s3cr3t-token-value");
            }
        }
    }

    private static String header(LogReceiver.Delivery d, String name) {
        return d.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().getFirst())
                .findFirst()
                .orElse(null);
    }
}
