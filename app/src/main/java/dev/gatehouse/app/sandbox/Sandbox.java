package dev.gatehouse.app.sandbox;

import dev.gatehouse.app.sandbox.demo.DemoApp;
import dev.gatehouse.app.sandbox.demo.RedisWorkload;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.proxy.UpstreamConnector;
import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.dataplane.Dataplane;
import dev.gatehouse.mesh.dataplane.DataplaneConfig;
import dev.gatehouse.mesh.dataplane.DataplaneTransport;
import dev.gatehouse.mesh.dataplane.RunningDataplane;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded platform on loopback, what the seed walkthrough runs on: the gateway (proxy, Admin API), the
 * mesh control plane, and the Kuma counter demo (demo-app storing its counter in redis) behind sidecar data planes,
 * with the gateway as a delegated gateway data plane. Mesh {@code default} starts with mTLS off and
 * {@code allow-all-default}; the gateway starts empty.
 */
public final class Sandbox {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);

    /** Kuma's DNS convention: {@code <service>.mesh} reaches that mesh service through the sidecar. */
    static final String MESH_SUFFIX = ".mesh";

    private Sandbox() {}

    /** Starts everything in order; on failure, stops what was started and throws. */
    public static RunningSandbox start(SandboxConfig config, Consumer<String> progress) {
        long started = System.nanoTime();
        Deque<AutoCloseable> stack = new ArrayDeque<>();
        SandboxAccessLog accessLog = new SandboxAccessLog();
        try {
            progress.accept("Starting the mesh control plane\u2026");
            RunningControlPlane cp = push(
                    stack,
                    ControlPlane.start(
                            ControlPlaneConfig.defaults(config.dataDir().resolve("mesh"))
                                    .withApiListen(config.cpListen())));
            URI cpUri = cp.apiUri();

            progress.accept("Starting the counter demo\u2026");
            RedisWorkload redis = push(stack, RedisWorkload.start(0));
            // One event loop per core, as a sidecar's: on one loop the pair's tail under load was 2-6 times HAProxy's
            // (mesh-runtime/bench/mesh-pair.sh SHAPE=console, issue 20); an idle loop costs a parked thread.
            DataplaneTransport transport = push(stack, DataplaneTransport.create(0));
            push(stack, dataplane(cpUri, SandboxDataplanes.redis(redis.port()), config, transport, accessLog));
            // The app listens first, on a port of its own: a port merely found free could be taken (by any outgoing
            // connection) before the app bound it. Its Redis address, its sidecar's outbound, is known a step later.
            java.util.concurrent.atomic.AtomicReference<InetSocketAddress> redisOutbound =
                    new java.util.concurrent.atomic.AtomicReference<>();
            DemoApp app = push(stack, DemoApp.start(0, redisOutbound::get));
            RunningDataplane demoSidecar =
                    push(stack, dataplane(cpUri, SandboxDataplanes.demoApp(app.port()), config, transport, accessLog));
            redisOutbound.set(demoSidecar.outbound("redis").orElseThrow());

            progress.accept("Starting the gateway\u2026");
            RunningDataplane gatewaySidecar =
                    push(stack, dataplane(cpUri, SandboxDataplanes.gateway(), config, transport, accessLog));
            RunningGateway gateway = push(
                    stack,
                    Gateway.start(GatewayConfig.ephemeral(config.dataDir().resolve("gateway"))
                            .withAdminListen(config.adminListen())
                            .withProxyListen(config.proxyListen())
                            .withUpstreamConnector(UpstreamConnector.DIRECT.withHostSuffix(
                                    MESH_SUFFIX,
                                    UpstreamConnector.via(target -> meshOutbound(gatewaySidecar, target), 503)))));
            long millis = (System.nanoTime() - started) / 1_000_000;
            LOG.info(
                    "sandbox ready in {} ms: proxy {}, admin {}, control plane {}, demo-app {}",
                    millis,
                    gateway.proxyUrl(),
                    gateway.adminUrl(),
                    cpUri,
                    app.port());
            return new RunningSandbox(gateway, cp, accessLog, millis, stack);
        } catch (RuntimeException | InterruptedException e) {
            closeAll(stack);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the sandbox could not start: " + e.getMessage(), e);
        }
    }

    /** {@code demo-app.mesh} → the gateway sidecar's outbound listener for {@code demo-app}; null when it has none. */
    static InetSocketAddress meshOutbound(RunningDataplane gatewaySidecar, UpstreamTarget target) {
        String host = target.host().toLowerCase(Locale.ROOT);
        String service = host.substring(0, host.length() - MESH_SUFFIX.length());
        return gatewaySidecar.outbound(service).orElse(null);
    }

    private static RunningDataplane dataplane(
            URI cp, String resource, SandboxConfig config, DataplaneTransport transport, SandboxAccessLog accessLog) {
        DataplaneConfig dataplane = DataplaneConfig.of(cp, resource).withAccessLogTap(accessLog);
        if (config.accessLog() != null) {
            dataplane = dataplane.withAccessLog(config.accessLog(), DataplaneConfig.DEFAULT_ACCESS_LOG_CAPACITY);
        }
        return Dataplane.start(dataplane, transport);
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> stack, T resource) {
        stack.push(resource);
        return resource;
    }

    /** Closes in reverse start order, so nothing outlives what it depends on. */
    static void closeAll(Deque<AutoCloseable> stack) {
        while (!stack.isEmpty()) {
            try {
                stack.pop().close();
            } catch (Exception e) {
                LOG.warn("stopping a sandbox part failed: {}", e.getMessage());
            }
        }
    }
}
