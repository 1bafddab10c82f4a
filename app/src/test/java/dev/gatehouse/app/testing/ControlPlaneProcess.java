package dev.gatehouse.app.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mesh control plane in a child JVM ({@code MeshMain control-plane}), as a stand-in for a remote Kuma: a separate
 * process the console reaches over HTTP. {@code KUMA_API_SERVER_READ_ONLY=true} in {@code env} makes it answer as
 * Kuma does on Kubernetes.
 */
public final class ControlPlaneProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("API listening on (http://\\S+) ");

    private final Process process;
    private final URI api;

    private ControlPlaneProcess(Process process, URI api) {
        this.process = process;
        this.api = api;
    }

    /** Starts it on a free loopback port with its store in {@code dir} and waits until it says where it listens. */
    public static ControlPlaneProcess start(Path dir, Map<String, String> env)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path output = dir.resolve("control-plane.log");
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Xmx256m",
                "dev.gatehouse.mesh.cli.MeshMain",
                "control-plane",
                "--api-listen",
                "127.0.0.1:0",
                "--data-dir",
                dir.resolve("store").toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Optional<URI> api = listening(output);
            if (api.isPresent()) {
                return new ControlPlaneProcess(process, api.get());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly();
        throw new IllegalStateException("control plane did not start:\n" + Files.readString(output));
    }

    private static Optional<URI> listening(Path output) throws IOException {
        for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Optional.of(URI.create(m.group(1)));
            }
        }
        return Optional.empty();
    }

    /** Where its REST API listens. */
    public URI api() {
        return api;
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
