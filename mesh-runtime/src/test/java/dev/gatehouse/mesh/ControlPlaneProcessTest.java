package dev.gatehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real command line ({@code control-plane}) in a child JVM: one ready line per listener, an acknowledged
 * write survives {@code kill -9}, and SIGTERM stops the process cleanly with exit code 0.
 */
class ControlPlaneProcessTest {
    private static final Pattern READY = Pattern.compile("API listening on http://(\\S+):(\\d+) ");

    @TempDir
    Path dir;

    /** A started child process, its output file and API address. */
    record Child(Process process, Path output, URI api) {
        List<String> lines() throws java.io.IOException {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        }
    }

    private Child start(String name) throws Exception {
        return start(name, "--api-listen", "127.0.0.1:0");
    }

    private Child start(String name, String... options) throws Exception {
        return start(name, java.util.Map.of(), options);
    }

    private Child start(String name, java.util.Map<String, String> env, String... options) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve(name + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "dev.gatehouse.mesh.cli.MeshMain",
                "control-plane",
                "--data-dir",
                dir.resolve("data").toString()));
        command.addAll(List.of(options));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !p.isAlive() || readyApi(out).isPresent());
        } catch (ConditionTimeoutException e) {
            // reported below with the output
        }
        Optional<URI> api = readyApi(out);
        if (api.isEmpty()) {
            p.destroyForcibly();
            throw new AssertionError("control plane did not report ready; output: " + Files.readString(out));
        }
        return new Child(p, out, api.get());
    }

    /** The API address from the ready line, once it is in the output. */
    private static Optional<URI> readyApi(Path out) throws java.io.IOException {
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                String host = m.group(1).contains(":") ? "[" + m.group(1) + "]" : m.group(1);
                return Optional.of(URI.create("http://" + host + ":" + m.group(2)));
            }
        }
        return Optional.empty();
    }

    @Test
    void acknowledgedWriteSurvivesKillAndSigtermIsClean() throws Exception {
        Child first = start("first");
        Http http = new Http(first.api());
        assertThat(http.putJson("/meshes/kept", "{\"type\":\"Mesh\",\"name\":\"kept\"}")
                        .status())
                .isEqualTo(201);
        first.process().destroyForcibly(); // SIGKILL right after the 201
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        Child second = start("second");
        Http again = new Http(second.api());
        assertThat(again.get("/meshes/kept").status()).isEqualTo(200);
        assertThat(again.get("/meshes/kept/traffic-permissions/allow-all-kept").status())
                .isEqualTo(200);
        second.process().destroy(); // SIGTERM
        assertThat(second.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process().exitValue()).isZero();
        List<String> out = second.lines();
        assertThat(out).as(String.join("\n", out)).anyMatch(l -> l.contains("mesh control plane stopped"));
    }

    @Test
    void beyondLoopbackTheApiTokenIsRequiredAndWithoutCredentialsTheStartWarns() throws Exception {
        // Issue 11, item 6: --api-token-file on the command line; Kuma's 401 body (tokens/authenticator.go).
        String token = "cli-token-" + java.util.UUID.randomUUID();
        Path tokenFile = Files.writeString(dir.resolve("api-token"), token + "\n");
        Child guarded = start("guarded", "--api-listen", "0.0.0.0:0", "--api-token-file", tokenFile.toString());
        URI far =
                LocalAddresses.http(LocalAddresses.nonLoopback(), guarded.api().getPort());
        Http http = new Http(far);
        Http.Res anonymous = http.putJson("/meshes/cli", "{\"type\":\"Mesh\",\"name\":\"cli\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("title").asText()).isEqualTo("Invalid authentication data");
        assertThat(http.get("/meshes", "wrong").status()).isEqualTo(401);
        assertThat(http.get("/meshes", token).status()).isEqualTo(200);
        assertThat(new Http(LocalAddresses.http(
                                java.net.InetAddress.getLoopbackAddress(),
                                guarded.api().getPort()))
                        .putJson("/meshes/cli", "{\"type\":\"Mesh\",\"name\":\"cli\"}")
                        .status())
                .as("loopback stays admin")
                .isEqualTo(201);
        // The access line follows the ready line; wait for it before judging what was (not) logged.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> guarded.lines().stream().anyMatch(l -> l.contains("need the admin token")));
        guarded.process().destroy();
        assertThat(guarded.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        List<String> guardedOut = guarded.lines();
        assertThat(guardedOut).noneMatch(l -> l.contains(token)).noneMatch(l -> l.contains("SECURITY WARNING"));

        Child open = start("open", "--api-listen", "0.0.0.0:0");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(open.lines())
                        .anyMatch(l -> l.contains("SECURITY WARNING") && l.contains("WITHOUT credentials")));
        open.process().destroy();
        assertThat(open.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void kumasReadOnlyVariableMakesTheApiReadOnly() throws Exception {
        // KUMA_API_SERVER_READ_ONLY (pkg/config/api-server/config.go ApiServerConfig.ReadOnly @v2.14.3), which Kuma's
        // Helm chart sets on Kubernetes (deployments/charts/kuma/templates/_helpers.tpl).
        Child child = start(
                "read-only", java.util.Map.of("KUMA_API_SERVER_READ_ONLY", "true"), "--api-listen", "127.0.0.1:0");
        try {
            Http http = new Http(child.api());
            assertThat(http.putJson("/meshes/refused", "{\"type\":\"Mesh\",\"name\":\"refused\"}")
                            .status())
                    .isEqualTo(405);
            assertThat(http.get("/meshes/default").status()).isEqualTo(200);
            assertThat(child.lines()).anyMatch(l -> l.contains("read-only true"));
        } finally {
            child.process().destroy();
            assertThat(child.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        }
    }
}
