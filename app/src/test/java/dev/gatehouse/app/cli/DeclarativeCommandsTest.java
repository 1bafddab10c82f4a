package dev.gatehouse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.Launcher;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.TestGateway;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatehouse export|diff|apply} in-process against a real embedded gateway seeded as the walkthrough leaves
 * it: the exit codes (diff 0 no changes, 2 changes, 1 error), decK's plan lines and summary, select tags,
 * validation before any change, a refusal midway, and redacted keys.
 */
class DeclarativeCommandsTest {

    @TempDir
    Path dir;

    private TestGateway gateway;

    @BeforeEach
    void seed() {
        gateway = TestGateway.start(dir.resolve("gateway"));
        GatewaySeed.seed(gateway.repository());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private record Result(int exit, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Launcher());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private Result withGateway(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--gateway-url", gateway.adminUrl()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private Path exported(boolean secrets) throws Exception {
        Path file = dir.resolve(secrets ? "with-secrets.yaml" : "redacted.yaml");
        Result export = secrets
                ? withGateway("export", "--format", "deck", "--include-secrets", "--output", file.toString())
                : withGateway("export", "--format", "deck", "--output", file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        return file;
    }

    private Path write(String name, ObjectNode file) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, DeckYaml.write(file));
        return path;
    }

    private static String noChanges() {
        return "Summary:\n  Created: 0\n  Updated: 0\n  Deleted: 0\n";
    }

    @Test
    void exportWritesDeckYamlToStdoutWithKeysRedacted() {
        Result export = withGateway("export", "--format", "deck");
        assertThat(export.exit()).isZero();
        assertThat(export.out())
                .startsWith("_format_version: \"3.0\"\n")
                .contains("key: <redacted>")
                .doesNotContain(GatewaySeed.KEY);
        assertThat(export.err()).isEmpty();
    }

    @Test
    void exportLeavesDefaultsOutUnlessWithDefaultsAndEitherFileDiffsClean() throws Exception {
        Result brief = withGateway("export", "--format", "deck");
        assertThat(brief.exit()).as(brief.err()).isZero();
        assertThat(brief.out()).doesNotContain("connect_timeout", "retries", "strip_path", "key_in_header");
        Path full = dir.resolve("full.yaml");
        Result export = withGateway("export", "--format", "deck", "--with-defaults", "--output", full.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(full))
                .contains("- connect_timeout: 60000\n", "  retries: 5\n", "  strip_path: true\n")
                .contains("        key_in_header: true\n        key_in_query: true\n        key_names:\n");
        for (Path file : List.of(full, exported(false))) {
            Result diff = withGateway("diff", "--file", file.toString());
            assertThat(diff.exit()).as(file + ": " + diff.out() + diff.err()).isZero();
            assertThat(diff.out()).isEqualTo(noChanges());
        }
    }

    @Test
    void exportSelectTagWritesOnlyEntitiesCarryingEveryTagAndRecordsThem() throws Exception {
        // demo-app carries seed and demo; route demo-rt and everything else carry seed only
        Path file = dir.resolve("selected.yaml");
        Result export = withGateway(
                "export",
                "--format",
                "deck",
                "--select-tag",
                "demo",
                "--select-tag",
                "seed",
                "--output",
                file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(file)).isEqualTo("""
                _format_version: "3.0"
                _info:
                  select_tags:
                  - demo
                  - seed
                services:
                - host: demo-app.mesh
                  name: demo-app
                  tags:
                  - seed
                  - demo
                """);
        // the recorded tags limit diff to the same entities, so nothing outside them is deleted
        Result diff = withGateway("diff", "--file", file.toString());
        assertThat(diff.exit()).as(diff.out() + diff.err()).isZero();
        assertThat(diff.out()).isEqualTo(noChanges());

        Result kubernetes = withGateway("export", "--format", "kubernetes", "--select-tag", "demo");
        assertThat(kubernetes.exit()).isEqualTo(1);
        assertThat(kubernetes.err().strip()).isEqualTo("gatehouse: --select-tag goes with --format deck.");
        Result defaults = withGateway("export", "--format", "kubernetes", "--with-defaults");
        assertThat(defaults.exit()).isEqualTo(1);
        assertThat(defaults.err().strip()).isEqualTo("gatehouse: --with-defaults goes with --format deck.");
    }

    @Test
    void diffExitsZeroWhenTheFileMatchesAndTwoWithDecksPlanLinesWhenItDoesNot() throws Exception {
        Path file = exported(true);
        Result same = withGateway("diff", "--file", file.toString());
        assertThat(same.exit()).as(same.err()).isZero();
        assertThat(same.out()).isEqualTo(noChanges());

        ObjectNode changed = DeckYaml.read(Files.readString(file));
        ((ObjectNode) changed.withArray("services").get(0)).put("retries", 3);
        changed.withArray("services").addObject().put("name", "billing").put("url", "https://billing.test/v1");
        changed.remove("plugins"); // the global cors plugin
        Result diff =
                withGateway("diff", "--file", write("changed.yaml", changed).toString());
        assertThat(diff.exit()).as(diff.err()).isEqualTo(2);
        // go-database-reconciler pkg/diff/diff.go: "creating"/"updating"/"deleting" kind name; updates with the
        // whole object, changed fields as -/+ lines; creates before deletes
        assertThat(diff.out())
                .startsWith("creating service billing\nupdating service demo-app  {\n")
                .contains("   \"connect_timeout\": 60000\n", "-  \"retries\": 5\n+  \"retries\": 3\n")
                .contains("deleting plugin cors (global)\n")
                .endsWith("Summary:\n  Created: 1\n  Updated: 1\n  Deleted: 1\n");
        // diff changes nothing
        assertThat(withGateway("diff", "--file", file.toString()).exit()).isZero();
    }

    @Test
    void aFileWithoutDefaultsShowsNoSpuriousUpdatesAndSelectTagLimitsWhatIsDeleted() throws Exception {
        Path file = dir.resolve("service-only.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                services:
                - name: demo-app
                  url: http://demo-app.mesh:80
                  tags: [seed]
                """);
        // only entities tagged demo are in scope: the service, whose file lacks every default and gains the tag
        Result scoped = withGateway("diff", "--file", file.toString(), "--select-tag", "demo");
        assertThat(scoped.exit()).as(scoped.out() + scoped.err()).isZero();
        assertThat(scoped.out()).isEqualTo(noChanges());
        // without it, everything not in the file goes, children first
        Result all = withGateway("diff", "--file", file.toString());
        assertThat(all.exit()).isEqualTo(2);
        assertThat(all.out())
                .contains("updating service demo-app  {\n")
                .contains("deleting plugin cors (global)\ndeleting plugin key-auth for route demo-rt\n")
                .contains("deleting acl-group demo for consumer demo-user\n")
                .contains("deleting consumer demo-user\ndeleting route demo-rt\n")
                .endsWith("Summary:\n  Created: 0\n  Updated: 1\n  Deleted: 6\n");
    }

    @Test
    void diffErrorsExitOneWithASentence() throws Exception {
        Result missing = withGateway("diff", "--file", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");

        Path mesh = dir.resolve("mesh.yaml");
        Files.writeString(mesh, "type: Mesh\nname: default\n");
        Result meshFile = withGateway("diff", "--file", mesh.toString());
        assertThat(meshFile.exit()).isEqualTo(1);
        assertThat(meshFile.err()).contains("is Kuma YAML");

        Result unreachable = run(
                "diff",
                "--gateway-url",
                "http://127.0.0.1:1",
                "--file",
                exported(true).toString());
        assertThat(unreachable.exit()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("gatehouse: The gateway could not be reached");

        Result usage = run("diff", "--file", exported(true).toString(), "--bogus");
        assertThat(usage.exit()).as("a usage error is an error, not 'changes'").isEqualTo(1);
    }

    @Test
    void applyOfAnInvalidFileChangesNothingAndNamesTheEntityAndWhy() throws Exception {
        ObjectNode file = DeckYaml.read(Files.readString(exported(true)));
        file.withArray("services").addObject().put("name", "billing").put("url", "https://billing.test/v1");
        ObjectNode keyAuth = (ObjectNode) file.withArray("services")
                .get(0)
                .withArray("routes")
                .get(0)
                .withArray("plugins")
                .get(0);
        ((ObjectNode) keyAuth.get("config")).putArray("key_names").add("bad name");
        Result apply =
                withGateway("apply", "--file", write("invalid.yaml", file).toString());
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.err())
                .startsWith("gatehouse: Nothing was applied: plugin key-auth for route demo-rt is invalid: ")
                .contains("config.key_names");
        assertThat(apply.out()).isEmpty();
        assertThat(gateway.repository().listAll(EntityKind.SERVICES).join()).hasSize(1);
    }

    @Test
    void applyRefusedMidwaySaysWhatWasApplied() throws Exception {
        // In scope of tag "team-b" nothing exists yet, so route demo-rt looks new; the gateway refuses it at create
        // time (its name is taken outside the scope), after the service before it was created.
        Path file = dir.resolve("team-b.yaml");
        Files.writeString(file, """
                _format_version: "3.0"
                _info:
                  select_tags: [team-b]
                services:
                - name: billing
                  url: https://billing.test/v1
                  routes:
                  - name: demo-rt
                    paths: [/billing]
                """);
        Result apply = withGateway("apply", "--file", file.toString());
        assertThat(apply.exit()).isEqualTo(1);
        assertThat(apply.out()).contains("creating service billing\ncreating route demo-rt\n");
        assertThat(apply.err())
                .startsWith("gatehouse: The gateway refused creating route demo-rt: ")
                .contains("Applied before it (1): creating service billing.");
        assertThat(gateway.repository()
                        .get(EntityKind.SERVICES, "billing")
                        .join()
                        .path("tags"))
                .hasToString("[\"team-b\"]");
    }

    @Test
    void applyingARedactedFileKeepsLiveKeysAndRefusesToCreateKeysItCannotKnow() throws Exception {
        Path redacted = exported(false);
        ObjectNode file = DeckYaml.read(Files.readString(redacted));
        ObjectNode consumer = (ObjectNode) file.withArray("consumers").get(0);
        ((ArrayNode) consumer.withArray("tags")).add("gold");
        Result apply = withGateway("apply", "--file", write("tagged.yaml", file).toString());
        assertThat(apply.exit()).as(apply.err()).isZero();
        assertThat(apply.out())
                .contains("updating consumer demo-user")
                .doesNotContain("key-auth")
                .contains("Applied 1 change.");
        assertThat(gateway.repository()
                        .get(EntityKind.KEY_AUTH_CREDENTIALS, GatewaySeed.KEY)
                        .join()
                        .path("key")
                        .asText())
                .isEqualTo(GatewaySeed.KEY);

        ObjectNode newcomer = file.withArray("consumers").addObject().put("username", "new-user");
        newcomer.putArray("keyauth_credentials").addObject().put("key", "<redacted>");
        Result refused =
                withGateway("apply", "--file", write("newcomer.yaml", file).toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains(
                        "Nothing was applied: key-auth <redacted> for consumer new-user has a redacted key (<redacted>)")
                .contains("--include-secrets");
        assertThat(gateway.repository().listAll(EntityKind.CONSUMERS).join()).hasSize(1);
    }
}
