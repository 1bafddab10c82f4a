package dev.gatehouse.app.embedded;

import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded sandbox: the gateway and the mesh control plane started in this JVM on loopback, on their usual
 * ports (8001, 8000, 5681) when free and on free ports otherwise. The console then talks to them over HTTP,
 * exactly as it talks to a remote Kong or Kuma.
 */
public final class InProcessPlatform implements EmbeddedPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessPlatform.class);

    /** The usual ports, tried first. */
    public record Ports(int gatewayAdmin, int gatewayProxy, int meshApi) {
        /** Kong's and Kuma's defaults. */
        public static final Ports DEFAULTS = new Ports(8001, 8000, 5681);
        /** Any free port (tests). */
        public static final Ports ANY = new Ports(0, 0, 0);
    }

    private final Path dataDir;
    private final Ports preferred;
    private CompletableFuture<EmbeddedAddresses> started;
    private RunningGateway gateway;
    private RunningControlPlane controlPlane;
    private boolean closed;

    public InProcessPlatform(Path dataDir, Ports preferred) {
        this.dataDir = dataDir;
        this.preferred = preferred;
    }

    @Override
    public synchronized CompletableFuture<EmbeddedAddresses> start(Consumer<String> progress) {
        if (started == null) {
            started = new CompletableFuture<>();
            Thread.ofPlatform().name("embedded-start").daemon().start(() -> {
                try {
                    started.complete(startAll(progress));
                } catch (RuntimeException e) {
                    LOG.warn("embedded sandbox failed to start: {}", e.getMessage());
                    started.completeExceptionally(e);
                }
            });
        }
        return started;
    }

    private EmbeddedAddresses startAll(Consumer<String> progress) {
        progress.accept("Starting the embedded gateway\u2026");
        InetSocketAddress admin = loopback(preferred.gatewayAdmin());
        InetSocketAddress proxy = loopback(preferred.gatewayProxy());
        RunningGateway g = Gateway.start(GatewayConfig.ephemeral(dataDir.resolve("gateway"))
                .withAdminListen(admin).withProxyListen(proxy));
        synchronized (this) {
            if (closed) {
                g.close();
                throw new IllegalStateException("the sandbox was closed while starting");
            }
            gateway = g;
        }
        progress.accept("Starting the embedded mesh control plane\u2026");
        RunningControlPlane cp = ControlPlane.start(ControlPlaneConfig.defaults(dataDir.resolve("mesh"))
                .withApiListen(loopback(preferred.meshApi())));
        synchronized (this) {
            if (closed) {
                cp.close();
                throw new IllegalStateException("the sandbox was closed while starting");
            }
            controlPlane = cp;
        }
        URI adminUri = URI.create(g.adminUrl());
        URI proxyUri = URI.create("http://127.0.0.1:" + g.proxyListen().getPort());
        progress.accept("Embedded sandbox ready");
        LOG.info("embedded sandbox: gateway admin {}, proxy {}, mesh {}", adminUri, proxyUri, cp.apiUri());
        return new EmbeddedAddresses(adminUri, proxyUri, Optional.of(cp.apiUri()));
    }

    /** The preferred loopback port when nothing listens there, else a free one. */
    static InetSocketAddress loopback(int preferredPort) {
        if (preferredPort > 0 && isFree(preferredPort)) {
            return new InetSocketAddress("127.0.0.1", preferredPort);
        }
        // The proxy does not bind yet (its issue comes later), so a concrete free port is chosen here.
        return new InetSocketAddress("127.0.0.1", freePort());
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** Stops the runtimes; a start still under way is waited for, so nothing is left running behind. */
    @Override
    public void close() {
        CompletableFuture<EmbeddedAddresses> pending;
        synchronized (this) {
            closed = true;
            pending = started;
        }
        if (pending != null) {
            try {
                pending.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // a failed or interrupted start leaves only what is closed below
            }
        }
        synchronized (this) {
            if (controlPlane != null) {
                controlPlane.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        }
    }
}
