package dev.gatehouse.app.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The gateway in a child JVM, as a stand-in for a remote Kong: a separate process the console reaches over HTTP. */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("admin API listening on (https?://\\S+)");
    /** The proxy says where it listens before the Admin API does (Gateway.start starts it first). */
    private static final Pattern PROXY_LISTENING = Pattern.compile("proxy listening on (https?://\\S+)");

    private final Process process;
    private final List<URI> adminUris = new ArrayList<>();
    private final List<URI> proxyUris = new ArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
    }

    /** Starts {@code GatewayMain} with {@code args} and waits until it says where its Admin API listens. */
    public static GatewayProcess start(Path dataDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                "dev.gatehouse.gateway.GatewayMain",
                "--proxy-listen",
                "127.0.0.1:0",
                "--status-listen",
                "off",
                "--data-dir",
                dataDir.toString()));
        command.addAll(List.of(args));
        GatewayProcess gateway = new GatewayProcess(
                new ProcessBuilder(command).redirectErrorStream(true).start());
        gateway.awaitListening();
        return gateway;
    }

    private void awaitListening() throws IOException, InterruptedException {
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher proxy = PROXY_LISTENING.matcher(line);
            if (proxy.find()) {
                proxyUris.add(URI.create(proxy.group(1)));
            }
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                adminUris.add(URI.create(m.group(1)));
                // Keep draining the output so the child never blocks on a full pipe.
                Thread.ofVirtual().start(() -> {
                    try {
                        out.lines().forEach(l -> {});
                    } catch (java.io.UncheckedIOException closed) {
                        // the process ended
                    }
                });
                return;
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("gateway did not start:\n" + seen);
    }

    /** The first Admin API address it reported. */
    public URI adminUri() {
        return adminUris.get(0);
    }

    /** The first proxy address it reported. */
    public URI proxyUri() {
        return proxyUris.get(0);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
