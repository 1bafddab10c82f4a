package dev.gatehouse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GATEHOUSE_CONFIG_DIR", configDir.toString());
        builder.environment()
                .put("GATEHOUSE_DATA_DIR", configDir.resolve("data").toString());
        Process process = builder.start();
        boolean done = process.waitFor(90, TimeUnit.SECONDS);
        if (!done) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
