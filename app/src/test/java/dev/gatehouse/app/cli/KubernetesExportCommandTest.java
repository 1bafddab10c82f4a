package dev.gatehouse.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.Launcher;
import dev.gatehouse.app.declarative.kubernetes.KubernetesYaml;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.MeshSeed;
import dev.gatehouse.app.testing.TestGateway;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatehouse export --format kubernetes} in-process against a real embedded gateway and control plane seeded
 * as the walkthrough leaves them: manifests on stdout or in a file, the gateway and mesh URLs each optional, the
 * namespaces and Gateway API switch, and errors as one sentence with exit code 1.
 */
class KubernetesExportCommandTest {

    @TempDir
    static Path dir;

    private static TestGateway gateway;
    private static RunningControlPlane cp;
    private static KumaClient kuma;

    @BeforeAll
    static void seed() throws Exception {
        gateway = TestGateway.start(dir.resolve("gateway"));
        GatewaySeed.seed(gateway.repository());
        cp = TestRuntimes.controlPlane(dir.resolve("cp"));
        kuma = TestRuntimes.kuma(cp);
        MeshSeed.seed(new KumaMeshRepository(kuma));
    }

    @AfterAll
    static void stop() {
        kuma.close();
        cp.close();
        gateway.close();
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Launcher());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static List<String> kinds(String yaml) {
        return KubernetesYaml.read(yaml).stream()
                .map(d -> d.path("kind").asText())
                .distinct()
                .toList();
    }

    @Test
    void gatewayAndMeshGoToStdoutAsManifestsWithKeysRedacted() {
        Result export = run(
                "export",
                "--gateway-url",
                gateway.adminUrl(),
                "--mesh-url",
                cp.apiUri().toString(),
                "--format",
                "kubernetes");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.err()).isEmpty();
        assertThat(export.out()).contains("key: <redacted>").doesNotContain(GatewaySeed.KEY);
        assertThat(kinds(export.out()))
                .containsExactly(
                        "Mesh",
                        "MeshTrafficPermission",
                        "TrafficPermission",
                        "Secret",
                        "Service",
                        "KongClusterPlugin",
                        "KongPlugin",
                        "KongConsumer",
                        "Ingress");
    }

    @Test
    void gatewayApiNamespacesAndSecretsToAFile() throws Exception {
        Path file = dir.resolve("manifests.yaml");
        Result export = run(
                "export",
                "--gateway-url",
                gateway.adminUrl(),
                "--format",
                "kubernetes",
                "--gateway-api",
                "--namespace",
                "apps",
                "--include-secrets",
                "--output",
                file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).isEmpty();
        String yaml = Files.readString(file);
        // no --mesh-url: the gateway's manifests only
        assertThat(kinds(yaml))
                .containsExactly("Secret", "Service", "KongClusterPlugin", "KongPlugin", "KongConsumer", "HTTPRoute");
        assertThat(yaml).contains("key: " + GatewaySeed.KEY);
        for (ObjectNode doc : KubernetesYaml.read(yaml)) {
            if (!"KongClusterPlugin".equals(doc.path("kind").asText())) {
                assertThat(doc.path("metadata").path("namespace").asText()).isEqualTo("apps");
            }
        }
    }

    @Test
    void theMeshAloneNeedsNoGateway() {
        Result export = run(
                "export",
                "--mesh-url",
                cp.apiUri().toString(),
                "--format",
                "kubernetes",
                "--mesh-namespace",
                "mesh-system");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(kinds(export.out())).containsExactly("Mesh", "MeshTrafficPermission", "TrafficPermission");
        assertThat(export.out()).contains("namespace: mesh-system");
    }

    @Test
    void errorsAreOneSentenceAndExitOne() {
        Result badNamespace =
                run("export", "--gateway-url", gateway.adminUrl(), "--format", "kubernetes", "--namespace", "Not_OK");
        assertThat(badNamespace.exit()).isEqualTo(1);
        assertThat(badNamespace.err())
                .isEqualTo("gatehouse: --namespace Not_OK is not a Kubernetes namespace name (lower-case letters,"
                        + " digits and '-', at most 63).\n");
        assertThat(badNamespace.out()).isEmpty();

        Result nothing = run("export", "--format", "kubernetes");
        assertThat(nothing.exit()).isEqualTo(1);
        assertThat(nothing.err())
                .isEqualTo("gatehouse: Give the gateway's Admin API with --gateway-url URL or the mesh control"
                        + " plane's API with --mesh-url URL.\n");

        Path manifests = dir.resolve("for-kubectl.yaml");
        assertThat(run(
                                "export",
                                "--gateway-url",
                                gateway.adminUrl(),
                                "--format",
                                "kubernetes",
                                "--output",
                                manifests.toString())
                        .exit())
                .isZero();
        Result diff = run("diff", "--gateway-url", gateway.adminUrl(), "--file", manifests.toString());
        assertThat(diff.exit()).isEqualTo(1);
        assertThat(diff.err())
                .isEqualTo("gatehouse: The file " + manifests + " holds Kubernetes manifests (apiVersion and kind);"
                        + " apply them with kubectl apply -f, this command reads decK files and Kuma YAML.\n");

        Result deckWithoutGateway = run("export", "--mesh-url", cp.apiUri().toString(), "--format", "deck");
        assertThat(deckWithoutGateway.exit()).isEqualTo(1);
        assertThat(deckWithoutGateway.err())
                .isEqualTo("gatehouse: Give the gateway's Admin API with --gateway-url URL.\n");
    }
}
