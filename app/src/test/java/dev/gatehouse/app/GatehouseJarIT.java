package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code target/gatehouse.jar} the way a user does, with {@code java -jar}. */
class GatehouseJarIT {

    private static final Path JAR = Path.of("target/gatehouse.jar");

    @TempDir
    Path configDir;

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private record Result(int exit, String output) {}

    private Result run(List<String> command) throws Exception {
        return run(command, null);
    }

    private Result run(List<String> command, File workingDir) throws Exception {
        // to a file, not a pipe: a process that writes more than the pipe holds would block until it was read
        Path log = Files.createTempFile(configDir, "output", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GATEHOUSE_CONFIG_DIR", configDir.toString());
        builder.environment()
                .put("GATEHOUSE_DATA_DIR", configDir.resolve("data").toString());
        Process process = builder.start();
        boolean done = process.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(done).as("finished in time; output:%n%s", output).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void versionRunsFromTheJarAndItsLibFolder() throws Exception {
        assertThat(JAR).exists();
        Result result = run(List.of(java(), "-jar", JAR.toString(), "--version"));
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("gatehouse 0.1.0-SNAPSHOT");
    }

    /** {@code gatehouse sandbox} from the jar: the sandbox comes up, and Netty's sampled leak tracking is off. */
    @Test
    void theSandboxRunsFromTheJarWithoutNettysLeakTracking() throws Exception {
        Path log = configDir.resolve("sandbox.log");
        ProcessBuilder builder = new ProcessBuilder(
                        java(),
                        "-jar",
                        JAR.toString(),
                        "sandbox",
                        "--proxy-listen",
                        "127.0.0.1:0",
                        "--admin-listen",
                        "127.0.0.1:0",
                        "--cp-listen",
                        "127.0.0.1:0",
                        "--data-dir",
                        configDir.resolve("sandbox").toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("GATEHOUSE_CONFIG_DIR", configDir.toString());
        Process process = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("sandbox ready in"));
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Result properties = run(List.of(jcmd.toString(), Long.toString(process.pid()), "VM.system_properties"));
            assertThat(properties.output()).contains("io.netty.leakDetection.level=disabled");
        } finally {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void theWindowOpensWithIconsAndResourcesFromThePackagedJar() throws Exception {
        List<String> command = new ArrayList<>();
        if (onPath("xvfb-run")) {
            command.addAll(List.of("xvfb-run", "-a", "-s", "-screen 0 1400x900x24"));
        } else {
            assumeTrue(System.getenv("DISPLAY") != null, "needs a display or xvfb-run (apt-get install -y xvfb)");
        }
        command.addAll(List.of(java(), "-jar", JAR.toString(), "--smoke"));
        Result result = run(command);
        assertThat(result.output()).contains("smoke ok: Gatehouse \u2014 Embedded sandbox");
        assertThat(result.exit()).as(result.output()).isZero();
    }

    /**
     * The build's class-data archive maps for the class path {@code ./gatehouse console} uses: with
     * {@code -Xshare:on} the JVM refuses to start when it cannot use the archive (a jar changed after it was made, or
     * another class path), where the console would only start more slowly.
     */
    @Test
    void theBuildsClassDataArchiveMapsForTheConsolesClassPath() throws Exception {
        Path archive = Path.of("target/gatehouse.jsa").toAbsolutePath();
        assertThat(archive).as("made by app/pom.xml's class-data-archive step").exists();
        File root = Path.of("..").toAbsolutePath().normalize().toFile();
        Result result = run(
                List.of(
                        java(),
                        "-XX:SharedArchiveFile=" + archive,
                        "-Xshare:on",
                        "-Xlog:class+load=info",
                        "-jar",
                        "app/target/gatehouse.jar",
                        "--version"),
                root);
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("gatehouse 0.1.0-SNAPSHOT")
                // the console's own classes come from the archive, not only the JDK's
                .containsPattern("dev\\.gatehouse\\.app\\.Launcher source: shared objects file");
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
