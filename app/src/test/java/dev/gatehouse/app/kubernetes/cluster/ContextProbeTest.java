package dev.gatehouse.app.kubernetes.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.kubernetes.cluster.ContextStatus.Outcome;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's context step against Fabric8's mock API server over HTTPS: a kubeconfig with two contexts (the mock
 * server trusted through its CA, and an unreachable one), an exec credential plugin that prints an ExecCredential,
 * one that is missing, one that fails, an untrusted certificate, an expired token, 401 and 403, and a pasted
 * kubeconfig; then KUBECONFIG merging as kubectl does it.
 */
class ContextProbeTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T14:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private MockCluster cluster;
    private Path ca;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster("1", "31");
        ca = cluster.writeCertificate(dir.resolve("ca.crt"));
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/authentication.k8s.io/v1/selfsubjectreviews")
                .andReturn(201, """
                        {"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview",
                         "status":{"userInfo":{"username":"alice@example.com","groups":["system:authenticated"]}}}""")
                .always();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    /** Searching {@code path}, then two of the usual places under the test's home (the machine's may hold plugins). */
    private ContextProbe probe(String path) {
        List<Path> usual = List.of(dir.resolve("home/.local/bin"), dir.resolve("home/google-cloud-sdk/bin"));
        return new ContextProbe(new ExecPlugin(path, usual, Duration.ofSeconds(10)), Duration.ofSeconds(5), NOW);
    }

    private ContextProbe probe() {
        return probe(dir.resolve("empty").toString());
    }

    /** A kubeconfig with the mock server (trusted by its CA file) and a server nothing listens on. */
    private Path kubeconfig(String user) throws Exception {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: mock
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    certificate-authority: ca.crt
                - name: down
                  cluster:
                    server: https://127.0.0.1:1
                    certificate-authority: ca.crt
                - name: untrusted
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context: {cluster: mock, user: me}
                - name: down
                  context: {cluster: down, user: me}
                - name: untrusted
                  context: {cluster: untrusted, user: me}
                users:
                - name: me
                  user:
                %s
                """.formatted(cluster.url(), cluster.url(), user.indent(4)));
        return file;
    }

    private Path script(String name, String body) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private static String jwt(Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"alice\",\"exp\":" + expires.getEpochSecond() + "}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".sig";
    }

    @Test
    void aTrustedContextIsReachableWithItsVersionAndUserAndAnUnreachableOneSaysSo() throws Exception {
        Kubeconfig config = Kubeconfigs.file(kubeconfig("token: abc"));
        assertThat(config.contexts()).containsExactly("mock", "down", "untrusted");
        assertThat(config.currentContext()).contains("mock");
        assertThat(config.clusterOf("mock").orElseThrow().getCertificateAuthority())
                .isEqualTo(ca.toString());

        ContextStatus mock = probe().probe(config, "mock");
        assertThat(mock.outcome()).as(mock.sentence()).isEqualTo(Outcome.REACHABLE);
        assertThat(mock.version()).contains("v1.31.2");
        assertThat(mock.user()).contains("alice@example.com");
        assertThat(mock.sentence()).isEqualTo("Reachable: Kubernetes v1.31.2, signed in as alice@example.com.");

        ContextStatus down = probe().probe(config, "down");
        assertThat(down.outcome()).isEqualTo(Outcome.UNREACHABLE);
        assertThat(down.sentence())
                .isEqualTo("The API server at https://127.0.0.1:1 cannot be reached: connection refused.");

        ContextStatus untrusted = probe().probe(config, "untrusted");
        assertThat(untrusted.outcome()).as(untrusted.sentence()).isEqualTo(Outcome.CERTIFICATE);
        assertThat(untrusted.sentence())
                .startsWith("The API server at " + cluster.url() + " did not pass the TLS check: ")
                .endsWith("Check the cluster's certificate-authority in the kubeconfig.");

        assertThat(probe().probe(config, "nope").outcome()).isEqualTo(Outcome.INVALID);
    }

    @Test
    void anExecPluginIsFoundOutsidePathRunAndItsTokenSent() throws Exception {
        Path plugin = script("cloud-auth", """
                [ -n "$KUBERNETES_EXEC_INFO" ] || exit 3
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"from-plugin"}}'
                """);
        Kubeconfig config = Kubeconfigs.file(kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: cloud-auth
                  interactiveMode: Never
                """));
        // not on PATH: found among the usual places, here ~/.local/bin
        Path local = Files.createDirectories(dir.resolve("home/.local/bin"));
        Files.move(plugin, local.resolve("cloud-auth"));
        ContextStatus status = probe().probe(config, "mock");
        assertThat(status.outcome()).as(status.sentence()).isEqualTo(Outcome.REACHABLE);
        assertThat(cluster.server().getLastRequest().getHeader("Authorization")).isEqualTo("Bearer from-plugin");
    }

    @Test
    void aMissingPluginNamesTheCommandAndThePathSearchedAndAFailingOneItsStderr() throws Exception {
        Kubeconfig missing = Kubeconfigs.file(kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: gke-gcloud-auth-plugin
                  installHint: Install it with gcloud components install gke-gcloud-auth-plugin.
                """));
        ContextStatus status = probe().probe(missing, "mock");
        assertThat(status.outcome()).as(status.sentence()).isEqualTo(Outcome.EXEC_NOT_FOUND);
        assertThat(status.sentence())
                .isEqualTo(
                        "The credential plugin gke-gcloud-auth-plugin was not found. Searched: " + dir.resolve("empty")
                                + ":" + dir.resolve("home/.local/bin") + ":" + dir.resolve("home/google-cloud-sdk/bin")
                                + ". Install it with gcloud components install gke-gcloud-auth-plugin.");
        // the console's own list: where the usual plugins live, beyond a desktop app's short PATH
        assertThat(ExecPlugin.usualDirectories(Path.of("/home/u")))
                .contains(
                        Path.of("/usr/local/bin"),
                        Path.of("/opt/homebrew/bin"),
                        Path.of("/home/u/.local/bin"),
                        Path.of("/home/u/google-cloud-sdk/bin"),
                        Path.of("/usr/local/aws-cli/v2/current/bin"),
                        Path.of("/opt/az/bin"),
                        Path.of("/home/u/.krew/bin"));

        script("aws-auth", "echo 'error: the SSO session has expired, run aws sso login' >&2\nexit 1\n");
        Kubeconfig failing = Kubeconfigs.file(kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: aws-auth
                """));
        ContextStatus failed = probe(dir.resolve("bin").toString()).probe(failing, "mock");
        assertThat(failed.outcome()).isEqualTo(Outcome.EXEC_FAILED);
        assertThat(failed.sentence())
                .isEqualTo("The credential plugin " + dir.resolve("bin/aws-auth") + " failed with exit code 1: error:"
                        + " the SSO session has expired, run aws sso login");

        script("silent", "echo not-json-but-maybe-a-token\n");
        ContextStatus garbage = probe(dir.resolve("bin").toString()).probe(Kubeconfigs.file(kubeconfig("""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: silent
                """)), "mock");
        assertThat(garbage.outcome()).isEqualTo(Outcome.EXEC_FAILED);
        assertThat(garbage.sentence()).contains("printed no ExecCredential").doesNotContain("not-json-but-maybe");
    }

    @Test
    void anExpiredTokenIsNamedBeforeItIsSentAndRefusalsAreTold() throws Exception {
        ContextStatus expired = probe().probe(
                        Kubeconfigs.file(kubeconfig("token: " + jwt(Instant.parse("2026-12-04T13:00:00Z")))), "mock");
        assertThat(expired.outcome()).isEqualTo(Outcome.TOKEN_EXPIRED);
        assertThat(expired.sentence())
                .isEqualTo("The token expired at 2026-12-04T13:00:00Z; sign in again to get a new one.");
        assertThat(probe().probe(
                                Kubeconfigs.file(kubeconfig("token: " + jwt(Instant.parse("2026-12-04T15:00:00Z")))),
                                "mock")
                        .outcome())
                .isEqualTo(Outcome.REACHABLE);

        // refusals, from servers that answer /version as told (the Kubernetes mock answers it itself); always, since
        // a client may ask again after a 401 with a refreshed credential
        try (var refusing = new RefusingServer(401, "{}")) {
            ContextStatus refused = probe().probe(Kubeconfigs.pasted(refusing.kubeconfig("revoked"), dir), "refusing");
            assertThat(refused.outcome()).as(refused.sentence()).isEqualTo(Outcome.UNAUTHORIZED);
            assertThat(refused.sentence()).contains("refused the credentials (401 Unauthorized)");
        }
        try (var refusing = new RefusingServer(403, """
                {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"Forbidden","code":403,
                 "message":"forbidden: User \\"bob\\" cannot get path \\"/version\\""}""")) {
            ContextStatus forbidden = probe().probe(Kubeconfigs.pasted(refusing.kubeconfig("bob"), dir), "refusing");
            assertThat(forbidden.outcome()).as(forbidden.sentence()).isEqualTo(Outcome.FORBIDDEN);
            assertThat(forbidden.sentence())
                    .contains("(403 Forbidden): forbidden: User \"bob\" cannot get path \"/version\"");
        }
    }

    /** A plain mock HTTPS server with expectations only, trusted without a CA (insecure-skip-tls-verify). */
    private static final class RefusingServer implements AutoCloseable {
        final io.fabric8.mockwebserver.DefaultMockServer server = new io.fabric8.mockwebserver.DefaultMockServer(true);

        RefusingServer(int status, String body) {
            server.start();
            server.expect().get().withPath("/version").andReturn(status, body).always();
        }

        String kubeconfig(String token) {
            return """
                    apiVersion: v1
                    kind: Config
                    clusters:
                    - name: refusing
                      cluster: {server: "%s", insecure-skip-tls-verify: true}
                    contexts:
                    - name: refusing
                      context: {cluster: refusing, user: u}
                    users:
                    - name: u
                      user: {token: %s}
                    """.formatted(server.url("/").replaceAll("/$", ""), token);
        }

        @Override
        public void close() {
            server.shutdown();
        }
    }

    @Test
    void aPastedKubeconfigWorksAndKubeconfigFilesMergeAsKubectlMergesThem() throws Exception {
        String text = Files.readString(kubeconfig("token: abc"))
                .replace(
                        "certificate-authority: ca.crt",
                        "certificate-authority-data: " + Base64.getEncoder().encodeToString(Files.readAllBytes(ca)));
        Kubeconfig pasted = Kubeconfigs.pasted(text, dir);
        assertThat(pasted.files()).isEmpty();
        assertThat(probe().probe(pasted, "mock").outcome()).isEqualTo(Outcome.REACHABLE);

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Kubeconfigs.pasted("clusters: [", dir)))
                .hasMessageStartingWith("The pasted kubeconfig is not a kubeconfig: ");

        // KUBECONFIG: the first file to name a context (or set current-context) wins; missing files are skipped
        Path first = dir.resolve("a/first");
        Files.createDirectories(first.getParent());
        Files.writeString(first, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: shared
                  cluster: {server: "https://first:6443", certificate-authority: ca.pem}
                contexts:
                - name: shared
                  context: {cluster: shared, user: u}
                users:
                - name: u
                  user: {token: one}
                """);
        Path second = dir.resolve("b/second");
        Files.createDirectories(second.getParent());
        Files.writeString(second, """
                apiVersion: v1
                kind: Config
                current-context: other
                clusters:
                - name: shared
                  cluster: {server: "https://second:6443"}
                - name: other
                  cluster: {server: "https://other:6443"}
                contexts:
                - name: shared
                  context: {cluster: shared, user: u}
                - name: other
                  context: {cluster: other, user: u}
                """);
        String variable = String.join(
                java.io.File.pathSeparator,
                first.toString(),
                dir.resolve("gone").toString(),
                second.toString());
        Kubeconfig merged =
                Kubeconfigs.discover(Map.of("KUBECONFIG", variable), dir).orElseThrow();
        assertThat(merged.files()).containsExactly(first, second);
        assertThat(merged.contexts()).containsExactly("shared", "other");
        assertThat(merged.currentContext()).contains("other");
        assertThat(merged.clusterOf("shared").orElseThrow().getServer()).isEqualTo("https://first:6443");
        assertThat(merged.clusterOf("shared").orElseThrow().getCertificateAuthority())
                .isEqualTo(dir.resolve("a/ca.pem").toString());

        // without KUBECONFIG: ~/.kube/config, or nothing
        assertThat(Kubeconfigs.discover(Map.of(), dir.resolve("nobody"))).isEmpty();
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".kube"));
        Files.copy(second, home.resolve(".kube/config"));
        assertThat(Kubeconfigs.discover(Map.of(), home).orElseThrow().contexts())
                .containsExactly("shared", "other");
        assertThat(Optional.of(merged.yaml())).get().asString().contains("https://first:6443");
    }
}
