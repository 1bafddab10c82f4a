package dev.gatehouse.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code target/gatehouse-mesh}, the launcher the README documents, as a user does (issue 20). */
class MeshLauncherIT {

    private static final Path LAUNCHER = Path.of("target/gatehouse-mesh");
    private static final Pattern API = Pattern.compile("control plane API listening on (http://\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void startsTheControlPlaneWithTheJarsArgumentsAndItsOwnOptions() throws Exception {
        assertThat(Files.isExecutable(LAUNCHER)).as("built by package").isTrue();
        ProcessBuilder builder = new ProcessBuilder(
                        LAUNCHER.toString(),
                        "control-plane",
                        "--api-listen",
                        "127.0.0.1:0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual()
                .start(() -> new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
                        .lines()
                        .forEach(output::add));
        try {
            String api = await().atMost(Duration.ofSeconds(60))
                    .until(() -> apiUrl(output), Optional::isPresent)
                    .orElseThrow();
            HttpResponse<String> status = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create(api + "/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);

            // The launcher execs java: this process is the JVM, with the launcher's options before -jar.
            List<String> arguments = List.of(process.info().arguments().orElseThrow());
            assertThat(arguments).contains("-jar", "control-plane");
            if (Runtime.version().feature() >= 24) {
                assertThat(arguments.subList(0, arguments.indexOf("-jar")))
                        .contains("--sun-misc-unsafe-memory-access=allow");
            }
            assertThat(output).as("no JVM warning").noneMatch(line -> line.startsWith("WARNING:"));
            assertThat(systemProperties(process))
                    .as("MeshMain turns Netty's sampled leak tracking off")
                    .contains("io.netty.leakDetection.level=disabled");
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    /** The running JVM's system properties, as {@code jcmd PID VM.system_properties} prints them. */
    private static String systemProperties(Process jvm) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "VM.system_properties")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void mapsTheAotCacheTheBuildTrainedOnJdk25() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25; this is " + Runtime.version());
        assertThat(LAUNCHER.resolveSibling("gatehouse-mesh.aot"))
                .as("trained by package")
                .isRegularFile();
        // AOTMode=on: the JVM refuses to start unless it can map that cache (this JDK, these jars).
        ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("GATEHOUSE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("GATEHOUSE_MESH_JAVA_OPTS", "-XX:AOTMode=on -Xlog:aot=error");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("gatehouse-mesh ");
    }

    private static Optional<String> apiUrl(List<String> output) {
        return output.stream()
                .map(API::matcher)
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .findFirst();
    }
}
