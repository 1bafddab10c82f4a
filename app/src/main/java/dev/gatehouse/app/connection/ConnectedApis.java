package dev.gatehouse.app.connection;

import dev.gatehouse.app.kubernetes.portforward.ClusterForward;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.traffic.TrafficSource;
import java.util.List;
import java.util.Optional;

/**
 * What one live connection offers the pages: its gateway repository and/or mesh repository, and the gateway's
 * proxy. The clients behind them belong to the connection and are closed with it.
 */
public final class ConnectedApis implements AutoCloseable {

    private final Optional<GatewayRepository> gateway;
    private final Optional<MeshRepository> mesh;
    private final Optional<GatewayProxy> proxy;
    private final List<AutoCloseable> clients;
    private final Optional<TrafficSource> inProcessTraffic;
    private final List<ClusterForward> forwards;

    public ConnectedApis(
            Optional<GatewayRepository> gateway,
            Optional<MeshRepository> mesh,
            Optional<GatewayProxy> proxy,
            List<AutoCloseable> clients) {
        this(gateway, mesh, proxy, clients, Optional.empty());
    }

    /** With the embedded sandbox's in-process traffic (the embedded connection only). */
    public ConnectedApis(
            Optional<GatewayRepository> gateway,
            Optional<MeshRepository> mesh,
            Optional<GatewayProxy> proxy,
            List<AutoCloseable> clients,
            Optional<TrafficSource> inProcessTraffic) {
        this(gateway, mesh, proxy, clients, inProcessTraffic, List.of());
    }

    /** A Kubernetes connection's: with its port-forwards, closed with it (put them in {@code clients} too). */
    public ConnectedApis(
            Optional<GatewayRepository> gateway,
            Optional<MeshRepository> mesh,
            Optional<GatewayProxy> proxy,
            List<AutoCloseable> clients,
            Optional<TrafficSource> inProcessTraffic,
            List<ClusterForward> forwards) {
        this.gateway = gateway;
        this.mesh = mesh;
        this.proxy = proxy;
        this.clients = List.copyOf(clients);
        this.inProcessTraffic = inProcessTraffic;
        this.forwards = List.copyOf(forwards);
    }

    public Optional<GatewayRepository> gateway() {
        return gateway;
    }

    public Optional<MeshRepository> mesh() {
        return mesh;
    }

    public Optional<GatewayProxy> proxy() {
        return proxy;
    }

    /** The embedded sandbox's traffic, read in-process; empty for every remote connection. */
    public Optional<TrafficSource> inProcessTraffic() {
        return inProcessTraffic;
    }

    /** The port-forwards this connection opened into its cluster (none but on Kubernetes), for their states. */
    public List<ClusterForward> forwards() {
        return forwards;
    }

    @Override
    public void close() {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing is best effort: the connection is being left anyway
            }
        }
    }

    /**
     * Closes from a thread of its own: callers are often the clients' own I/O threads (a completion callback),
     * and an I/O reactor cannot shut itself down from inside.
     */
    public void closeLater() {
        Thread.ofVirtual().name("close-clients").start(this::close);
    }
}
