package dev.gatehouse.installers;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a packaged launcher with the console's hidden {@code --smoke} option, which opens the real window, checks
 * icons and resources, prints {@code smoke ok: <title>} and exits 0. On Linux it runs under {@code xvfb-run} when
 * that is installed, so no window flashes up and CI needs no desktop.
 */
public final class LauncherSmoke {

    /** What the console prints when the window opened with every icon and resource. */
    public static final String OK_MARKER = "smoke ok: ";

    private final Duration timeout;
    private final Map<String, String> environment;
    private final String osName;

    /** A smoke run for this machine, waiting at most {@code timeout}. */
    public LauncherSmoke(Duration timeout) {
        this(timeout, System.getenv(), System.getProperty("os.name", ""));
    }

    LauncherSmoke(Duration timeout, Map<String, String> environment, String osName) {
        this.timeout = timeout;
        this.environment = environment;
        this.osName = osName.toLowerCase(Locale.ROOT);
    }

    /**
     * The outcome of one run.
     *
     * @param command what was started
     * @param exitCode the launcher's exit code, or -1 when it was killed after the time-out
     * @param output standard output and error, interleaved
     */
    public record Outcome(List<String> command, int exitCode, String output) {

        /** True when the launcher exited 0 and printed the smoke marker. */
        public boolean ok() {
            return exitCode == 0 && output.contains(OK_MARKER);
        }

        /** The line the console printed for the smoke check, if any. */
        public Optional<String> smokeLine() {
            return output.lines().filter(line -> line.startsWith("smoke ")).findFirst();
        }
    }

    /** The command prefix that gives the launcher a display, or empty when it cannot have one here. */
    Optional<List<String>> displayPrefix() {
        boolean linuxLike = !osName.contains("win") && !osName.contains("mac");
        if (!linuxLike) {
            return Optional.of(List.of());
        }
        if (onPath("xvfb-run")) {
            return Optional.of(List.of("xvfb-run", "-a", "-s", "-screen 0 1400x900x24"));
        }
        if (environment.get("DISPLAY") != null || environment.get("WAYLAND_DISPLAY") != null) {
            return Optional.of(List.of());
        }
        return Optional.empty();
    }

    /**
     * Runs {@code launcher --smoke} with throw-away config and data folders, or returns empty when there is no
     * display to run it on (Linux without X, Wayland or xvfb-run).
     */
    public Optional<Outcome> run(Path launcher) throws IOException, InterruptedException {
        Optional<List<String>> prefix = displayPrefix();
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>(prefix.get());
        command.add(launcher.toAbsolutePath().toString());
        command.add("--smoke");

        Path scratch = Files.createTempDirectory("gatehouse-smoke");
        try {
            Path log = scratch.resolve("launcher.log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            // Never touch the user's real settings: the console honours these overrides.
            builder.environment()
                    .put("GATEHOUSE_CONFIG_DIR", scratch.resolve("config").toString());
            builder.environment()
                    .put("GATEHOUSE_DATA_DIR", scratch.resolve("data").toString());
            Process process = builder.start();
            int exit;
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = process.exitValue();
            } else {
                // xvfb-run leaves its X server behind when only the script is killed.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                exit = -1;
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (exit == -1) {
                output += System.lineSeparator() + "(killed after " + timeout.toSeconds() + " s)";
            }
            return Optional.of(new Outcome(List.copyOf(command), exit, output));
        } finally {
            deleteTree(scratch);
        }
    }

    private boolean onPath(String program) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
