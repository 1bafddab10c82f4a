package dev.gatehouse.gateway.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs {@code dev.gatehouse.gateway.GatewayMain} (the jar's main class) in a child JVM with the test class path,
 * on a free port, and reads the bound Admin API address from its "listening" log line.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("admin API listening on (http://\\S+)");
    private static final Pattern PROXY_LISTENING = Pattern.compile("proxy listening on (http://\\S+)");

    private final Process process;
    private final List<String> output;
    private final String adminUrl;

    private GatewayProcess(Process process, String adminUrl, List<String> output) {
        this.process = process;
        this.adminUrl = adminUrl;
        this.output = output;
    }

    /** Everything the process printed so far (its log). */
    public List<String> output() {
        return List.copyOf(output);
    }

    public static GatewayProcess start(Path dataDir, String... extraArgs) throws IOException, InterruptedException {
        return start(dataDir, java.util.Map.of(), extraArgs);
    }

    /** Starts with extra environment variables (e.g. {@code GATEHOUSE_ADMIN_TOKEN}). */
    public static GatewayProcess start(Path dataDir, java.util.Map<String, String> env, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.gatehouse.gateway.GatewayMain");
        List<String> extra = List.of(extraArgs);
        if (!extra.contains("--admin-listen")) {
            cmd.add("--admin-listen");
            cmd.add("127.0.0.1:0");
        }
        if (!extra.contains("--proxy-listen")) {
            cmd.add("--proxy-listen");
            cmd.add("127.0.0.1:0");
        }
        if (!extra.contains("--status-listen")) {
            // Kong's default (127.0.0.1:8007) would clash between test processes
            cmd.add("--status-listen");
            cmd.add("127.0.0.1:0");
        }
        cmd.add("--data-dir");
        cmd.add(dataDir.toString());
        cmd.addAll(List.of(extraArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GATEHOUSE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            lines.add(line);
                            Matcher m = LISTENING.matcher(line);
                            if (m.find()) {
                                url.complete(m.group(1));
                            }
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                    url.complete(null);
                },
                "gateway-process-output");
        reader.setDaemon(true);
        reader.start();
        String u;
        try {
            u = url.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException("gateway did not start: " + lines, e);
        }
        if (u == null) {
            p.waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException(
                    "gateway exited (" + (p.isAlive() ? "alive" : p.exitValue()) + "): " + lines);
        }
        return new GatewayProcess(p, u, lines);
    }

    public String adminUrl() {
        return adminUrl;
    }

    /** The first plain proxy listener's URL, from the process's "proxy listening on" log line. */
    public String proxyUrl() {
        try {
            return await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> firstMatch(PROXY_LISTENING), Objects::nonNull);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("no proxy listener in " + output, e);
        }
    }

    private String firstMatch(Pattern p) {
        for (String line : output) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    public long pid() {
        return process.pid();
    }

    public AdminClient client() {
        return new AdminClient(adminUrl);
    }

    public Process process() {
        return process;
    }

    /** SIGKILL, as {@code kill -9}. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then wait; returns the exit code. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }
}
