package dev.gatehouse.app.declarative;

import static org.assertj.core.api.Assertions.assertThat;

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
 * writes them (go-database-reconciler pkg/file/writer.go), validity against decK's JSON schema, and a round trip
 * through a fresh gateway.
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
    void exportNestsLikeDeckDumpAndDropsIdsTimestampsAndNulls() {
        String yaml = export(ExportOptions.defaults().withSecrets());
        String serviceId = seeded.repository()
                .get(EntityKind.SERVICES, "demo-app")
                .join()
                .path("id")
                .asText();
        // pkg/file/writer.go: routes and their plugins under the service, keys and groups under the consumer, the
        // plugin with no scope at the top level; keys sorted at every level (sigs.k8s.io/yaml marshals a map).
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
                        """)
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
                .contains("plugins:\n- config:\n")
                .contains("name: cors\n")
                .doesNotContain("created_at", "updated_at", "null", serviceId, "anonymous", "service:", "id:");
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
        for (ExportOptions options :
                List.of(ExportOptions.defaults(), ExportOptions.defaults().withSecrets())) {
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
            // and the gateway now matches the file: nothing left to do
            assertThat(new Planner(fresh.repository())
                            .plan(DeckYaml.read(first), List.of())
                            .isEmpty())
                    .isTrue();
        }
    }
}
