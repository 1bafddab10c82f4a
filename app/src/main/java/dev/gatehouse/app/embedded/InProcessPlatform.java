package dev.gatehouse.app.embedded;

import dev.gatehouse.app.sandbox.RunningSandbox;
import dev.gatehouse.app.sandbox.Sandbox;
import dev.gatehouse.app.sandbox.SandboxConfig;
import dev.gatehouse.app.traffic.TrafficSource;
import dev.gatehouse.app.traffic.embedded.EmbeddedTrafficSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sandbox in this JVM: gateway, mesh control plane, data planes and the counter demo on loopback, on
 * the usual ports (8000, 8001, 5681) when free and on free ports otherwise. The console then talks to them over
 * HTTP, exactly as it talks to a remote Kong or Kuma.
 */
public final class InProcessPlatform implements EmbeddedPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessPlatform.class);

    /** The usual ports, tried first. */
    public record Ports(int gatewayProxy, int gatewayAdmin, int meshApi) {
        /** Kong's and Kuma's defaults. */
        public static final Ports DEFAULTS = new Ports(8000, 8001, 5681);
        /** Any free port (tests). */
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    private final Path dataDir;
    private final Ports preferred;
    private final ProgressRelay relay = new ProgressRelay();
    private CompletableFuture<EmbeddedAddresses> started;
    private RunningSandbox sandbox;
    private TrafficSource traffic;
    private boolean closed;

    public InProcessPlatform(Path dataDir, Ports preferred) {
        this.dataDir = dataDir;
        this.preferred = preferred;
    }

    /**
     * Every caller's {@code progress} hears the steps, also a caller that comes once the start is under way (the
     * console starts the sandbox before its window exists, and the window's status bar joins later).
     */
    @Override
    public synchronized CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress) {
        relay.join(progress);
        if (started == null) {
            started = new CompletableFuture<>();
            Thread.ofPlatform().name("embedded-start").daemon().start(() -> {
                try {
                    started.complete(startSandbox(relay));
                } catch (RuntimeException e) {
                    LOG.warn("embedded sandbox failed to start: {}", e.getMessage());
                    started.completeExceptionally(e);
                } finally {
                    relay.finish();
                }
            });
        }
        return started;
    }

    @Override
    public synchronized Optional<EmbeddedAddresses> running() {
        if (closed || started == null || !started.isDone() || started.isCompletedExceptionally()) {
            return Optional.empty();
        }
        return Optional.of(started.join());
    }

    @Override
    public synchronized Optional<TrafficSource> traffic() {
        return running().map(addresses -> traffic);
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    private EmbeddedAddresses startSandbox(Consumer<String> progress) {
        RunningSandbox running = Sandbox.start(
                new SandboxConfig(
                        loopback(preferred.gatewayProxy()),
                        loopback(preferred.gatewayAdmin()),
                        loopback(preferred.meshApi()),
                        dataDir,
                        null),
                progress);
        synchronized (this) {
            if (closed) {
                running.close();
                throw new IllegalStateException("the sandbox was closed while starting");
            }
            sandbox = running;
            traffic = new EmbeddedTrafficSource(running.gatewayRequestEvents(), running.accessLog());
        }
        progress.accept("Embedded sandbox ready");
        return new EmbeddedAddresses(running.admin(), running.proxy(), Optional.of(running.controlPlane()));
    }

    /** The preferred loopback port when nothing listens there, else port 0 (any free one). */
    static InetSocketAddress loopback(int preferredPort) {
        if (preferredPort > 0) {
            try (ServerSocket probe = new ServerSocket(preferredPort, 1, InetAddress.getLoopbackAddress())) {
                return new InetSocketAddress("127.0.0.1", preferredPort);
            } catch (IOException e) {
                // taken: any free port instead
            }
        }
        return new InetSocketAddress("127.0.0.1", 0);
    }

    /** Stops the sandbox; a start still under way is waited for, so nothing is left running behind. */
    @Override
    public void close() {
        CompletableFuture<EmbeddedAddresses> pending;
        synchronized (this) {
            closed = true;
            pending = started;
        }
        if (pending != null) {
            try {
                pending.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                // a failed or interrupted start leaves only what is closed below
            }
        }
        synchronized (this) {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
