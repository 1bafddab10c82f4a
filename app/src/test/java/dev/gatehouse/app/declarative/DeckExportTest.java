package dev.gatehouse.app.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gatehouse.app.declarative.deck.DeckExporter;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.declarative.deck.ExportOptions;
import dev.gatehouse.app.declarative.plan.PlanApplier;
import dev.gatehouse.app.declarative.plan.Planner;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.SharedFiles;
import dev.gatehouse.app.testing.TestGateway;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * decK export of the seed walkthrough's gateway: nesting, ids, sorting and redaction as {@code deck gateway dump}
 * writes them (go-database-reconciler pkg/file/writer.go), defaults left out as its {@code --skip-defaults} leaves
 * them out (pkg/dump/skip_defaults.go) unless kept, validity against decK's JSON schema, and a round trip through a
 * fresh gateway.
 */
class DeckExportTest {

    @TempDir
    static Path dir;

    private static TestGateway seeded;

    @BeforeAll
    static void seed() {
        seeded = TestGateway.start(dir.resolve("seeded"));
        GatewaySeed.seed(seeded.repository());
    }

    @AfterAll
    static void stop() {
        seeded.close();
    }

    private static String export(ExportOptions options) {
        return DeckExporter.export(seeded.repository(), options);
    }

    @Test
    void exportNestsLikeDeckDumpAndDropsIdsTimestampsNullsAndDefaults() {
        String yaml = export(ExportOptions.defaults().withSecrets());
        String serviceId = seeded.repository()
                .get(EntityKind.SERVICES, "demo-app")
                .join()
                .path("id")
                .asText();
        // pkg/file/writer.go: routes and their plugins under the service, keys and groups under the consumer, the
        // plugin with no scope at the top level; keys sorted at every level (sigs.k8s.io/yaml marshals a map).
        // Fields equal to the schema's default are left out, as deck gateway dump --skip-defaults leaves them out
        // (pkg/dump/skip_defaults.go): cors has every config field at its default, so it has no config at all.
        assertThat(yaml)
                .startsWith("_format_version: \"3.0\"\nconsumers:\n- acls:\n  - group: demo\n")
                .contains("""
                          keyauth_credentials:
                          - key: 123test
                            tags:
                            - seed
                          tags:
                          - seed
                          username: demo-user
                        plugins:
                        - name: cors
                          tags:
                          - seed
                        services:
                        - host: demo-app.mesh
                          name: demo-app
                          routes:
                          - name: demo-rt
                            paths:
                            - /
                            plugins:
                            - config:
                                key_names:
                                - apiKey
                              name: key-auth
                              tags:
                              - seed
                        """)
                .doesNotContain("created_at", "updated_at", "null", serviceId, "anonymous", "service:", "id:")
                .doesNotContain("protocol", "port:", "retries", "_timeout", "enabled", "strip_path", "key_in_");
    }

    @Test
    void withDefaultsEveryFieldIsWrittenAndTheFileStillMatchesTheGateway() {
        String yaml = export(ExportOptions.defaults().withSecrets().withDefaults());
        assertThat(yaml)
                .contains("""
                          routes:
                          - https_redirect_status_code: 426
                            name: demo-rt
                            path_handling: v0
                            paths:
                            - /
                            plugins:
                            - config:
                                hide_credentials: false
                                key_in_body: false
                                key_in_header: true
                                key_in_query: true
                                key_names:
                                - apiKey
                        """)
                .contains("- connect_timeout: 60000\n", "  port: 80\n", "  protocol: http\n", "  retries: 5\n")
                .contains("plugins:\n- config:\n    allow_origin_absent: true\n    credentials: false\n")
                .contains("    protocols:\n    - http\n    - https\n");
        // both files describe the same gateway: the planner fills what the short one leaves out
        for (String file : List.of(yaml, export(ExportOptions.defaults().withSecrets()))) {
            assertThat(new Planner(seeded.repository())
                            .plan(DeckYaml.read(file), List.of())
                            .isEmpty())
                    .isTrue();
        }
    }

    @Test
    void aValueThatIsNotTheDefaultIsKeptBesideDefaultsLeftOut() {
        try (TestGateway own = TestGateway.start(dir.resolve("tuned"))) {
            ObjectNode service = JsonNodeFactory.instance
                    .objectNode()
                    .put("name", "tuned")
                    .put("url", "https://tuned.test:8443/v1")
                    .put("retries", 3)
                    .put("connect_timeout", 60000);
            String id = own.repository()
                    .create(EntityKind.SERVICES, service)
                    .join()
                    .path("id")
                    .asText();
            ObjectNode cors = JsonNodeFactory.instance.objectNode().put("name", "cors");
            cors.putObject("service").put("id", id);
            cors.putObject("config").put("max_age", 3600).put("credentials", false);
            own.repository().create(EntityKind.PLUGINS, cors).join();

            String without = DeckExporter.export(own.repository(), ExportOptions.defaults());
            assertThat(without).isEqualTo("""
                    _format_version: "3.0"
                    services:
                    - host: tuned.test
                      name: tuned
                      path: /v1
                      plugins:
                      - config:
                          max_age: 3600
                        name: cors
                      port: 8443
                      protocol: https
                      retries: 3
                    """);
            String with = DeckExporter.export(
                    own.repository(), ExportOptions.defaults().withDefaults());
            assertThat(with)
                    .contains("- connect_timeout: 60000\n", "  retries: 3\n", "  port: 8443\n")
                    .contains("      credentials: false\n", "      max_age: 3600\n");
        }
    }

    @Test
    void secretsAreRedactedByDefaultAndTheKeysIdKeptForMatching() {
        String yaml = export(ExportOptions.defaults());
        String keyId = seeded.repository()
                .get(EntityKind.KEY_AUTH_CREDENTIALS, GatewaySeed.KEY)
                .join()
                .path("id")
                .asText();
        assertThat(yaml).doesNotContain(GatewaySeed.KEY).contains("  - id: " + keyId + "\n    key: <redacted>\n");
    }

    @Test
    void selectTagsExportOnlyTaggedEntitiesAndRecordTheTags() {
        String yaml = export(new ExportOptions(true, List.of("demo")));
        assertThat(yaml)
                .startsWith("_format_version: \"3.0\"\n_info:\n  select_tags:\n  - demo\nservices:\n")
                .doesNotContain("demo-user", "cors");
    }

    @Test
    void theExportIsValidAgainstDecksFileSchema() throws Exception {
        Path schemaFile = SharedFiles.deckSchema(); // skipped, saying why, where ../shared is absent
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        YAMLMapper yaml = new YAMLMapper();
        for (ExportOptions options : List.of(
                ExportOptions.defaults(),
                ExportOptions.defaults().withSecrets(),
                ExportOptions.defaults().withDefaults())) {
            assertThat(schema.validate(yaml.readTree(export(options))))
                    .as("decK schema errors")
                    .isEmpty();
        }
    }

    @Test
    void aFileAppliedToAFreshGatewayExportsIdentically() {
        String first = export(ExportOptions.defaults().withSecrets());
        try (TestGateway fresh = TestGateway.start(dir.resolve("fresh"))) {
            var plan = new Planner(fresh.repository()).plan(DeckYaml.read(first), List.of());
            assertThat(plan.render()).contains("Created: 7\n  Updated: 0\n  Deleted: 0\n");
            new PlanApplier(fresh.repository()).apply(plan, change -> {});
            String second = DeckExporter.export(
                    fresh.repository(), ExportOptions.defaults().withSecrets());
            assertThat(second).isEqualTo(first);
            // nothing was lost by leaving defaults out: every field of every entity is as on the seeded gateway
            ExportOptions everything = ExportOptions.defaults().withSecrets().withDefaults();
            assertThat(DeckExporter.export(fresh.repository(), everything)).isEqualTo(export(everything));
            // and the gateway now matches the file: nothing left to do
            assertThat(new Planner(fresh.repository())
                            .plan(DeckYaml.read(first), List.of())
                            .isEmpty())
                    .isTrue();
        }
    }
}
