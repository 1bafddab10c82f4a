package dev.gatehouse.app.connection;

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
        this.gateway = gateway;
        this.mesh = mesh;
        this.proxy = proxy;
        this.clients = List.copyOf(clients);
        this.inProcessTraffic = inProcessTraffic;
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
