package dev.gatehouse.app.kubernetes.testing;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.listen.ListenSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.Stage;

/**
 * The whole console on a saved Kubernetes connection to Fabric8's mock API server over HTTPS (trusted through its
 * CA file), which serves the Kong Ingress Controller's and Kuma's resources, with what Kuma creates on start and the
 * seed's three data planes (gateway, demo-app, redis) as Kuma generates them from Pods.
 */
public final class ClusterConsole implements AutoCloseable {

    private final MeshMockCluster cluster;
    private final AppContext context;
    private final Optional<RunningGateway> kong;

    private ClusterConsole(MeshMockCluster cluster, AppContext context, Optional<RunningGateway> kong) {
        this.cluster = cluster;
        this.context = context;
        this.kong = kong;
    }

    /** Starts the cluster and a console in {@code stage}, 1400 × 900, whose active connection is context staging. */
    public static ClusterConsole start(Path dir, Stage stage) throws Exception {
        return start(dir, stage, false);
    }

    /**
     * As {@link #start(Path, Stage)}; with {@code kongAdmin}, KIC's Kong Admin API Service and a ready pod behind it
     * in namespace kong too, the pod's port-forward bridged to a Kong-compatible Admin API over TLS (an embedded
     * gateway), so the console's forms get Kong's schemas as on a real cluster.
     */
    public static ClusterConsole start(Path dir, Stage stage, boolean kongAdmin) throws Exception {
        MeshMockCluster cluster = MeshMockCluster.start();
        Optional<RunningGateway> kong = Optional.empty();
        if (kongAdmin) {
            RunningGateway gateway = Gateway.start(GatewayConfig.ephemeral(dir.resolve("kong-admin"))
                    // TLS behind the pod's port-forward, as KIC's admin Service serves it; plain for the test itself,
                    // standing in for what KIC pushes.
                    .withAdminListeners(List.of(
                            new ListenSpec(new InetSocketAddress("127.0.0.1", 0), true),
                            ListenSpec.plain(new InetSocketAddress("127.0.0.1", 0)))));
            kong = Optional.of(gateway);
            KongAdminFixture.service(cluster.client());
            KongAdminFixture.pod(cluster.client(), KongAdminFixture.POD, true);
            cluster.tunnels()
                    .bridge(
                            KongAdminFixture.NAMESPACE,
                            KongAdminFixture.POD,
                            KongAdminFixture.PORT,
                            gateway.adminTlsListener().orElseThrow().address());
        }
        cluster.serveKong();
        cluster.kumaDefaults();
        cluster.dataplane("gateway-7d9f", "gateway", 0, true);
        cluster.dataplane("demo-app-5c8b", "demo-app", 5000, false);
        cluster.dataplane("redis-0", "redis", 6379, false);
        ConnectionProfile profile = cluster.stagingProfile(dir, cluster.url());
        AppContext context = TestConsoles.on(dir, profile, stage);
        stage.setWidth(1400);
        stage.setHeight(900);
        return new ClusterConsole(cluster, context, kong);
    }

    public MeshMockCluster cluster() {
        return cluster;
    }

    public AppContext context() {
        return context;
    }

    /** The gateway standing in for KIC's Kong, when started with {@code kongAdmin}. */
    public RunningGateway kongAdmin() {
        return kong.orElseThrow();
    }

    @Override
    public void close() {
        context.close();
        cluster.close();
        kong.ifPresent(RunningGateway::close);
    }
}
