package dev.gatehouse.mesh.dataplane;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A started data plane: the addresses its listeners really bound, its sync state, access-log counters, and
 * {@link #close()}. A gateway in front of the mesh (Kong's delegated-gateway mode) reaches mesh service S simply by
 * connecting to {@link #outbound(String) outbound(S)}, as Kong talks to its sidecar.
 */
public final class RunningDataplane implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningDataplane.class);
    private final DataplaneDefinition definition;
    private final ProxyContext px;
    private final ControlPlaneClient cp;
    private final DataplaneSync sync;
    private final List<Channel> servers;
    private final List<BoundInbound> inbounds;
    private final List<BoundOutbound> outbounds;
    private final boolean ownsTransport;
    private boolean closed;

    /** An inbound listener: the service it serves, its tags, where it listens and where the application is. */
    public record BoundInbound(
            String service, Map<String, String> tags, InetSocketAddress address, InetSocketAddress application) {}

    /** An outbound listener: the mesh service it leads to and where it listens. */
    public record BoundOutbound(String service, InetSocketAddress address) {}

    RunningDataplane(
            DataplaneDefinition definition,
            ProxyContext px,
            ControlPlaneClient cp,
            DataplaneSync sync,
            List<Channel> servers,
            List<BoundInbound> inbounds,
            List<BoundOutbound> outbounds,
            boolean ownsTransport) {
        this.definition = definition;
        this.px = px;
        this.cp = cp;
        this.sync = sync;
        this.servers = List.copyOf(servers);
        this.inbounds = List.copyOf(inbounds);
        this.outbounds = List.copyOf(outbounds);
        this.ownsTransport = ownsTransport;
    }

    public String name() {
        return definition.name();
    }

    public String mesh() {
        return definition.mesh();
    }

    public List<BoundInbound> inbounds() {
        return inbounds;
    }

    public List<BoundOutbound> outbounds() {
        return outbounds;
    }

    /** The local address of the outbound leading to mesh service {@code service}. */
    public Optional<InetSocketAddress> outbound(String service) {
        return outbounds.stream()
                .filter(o -> o.service().equals(service))
                .map(BoundOutbound::address)
                .findFirst();
    }

    /** The control-plane store revision the data plane currently enforces. */
    public long revision() {
        DataplaneState s = px.state();
        return s == null ? 0 : s.view().revision();
    }

    /** Whether the data plane currently enforces mTLS (and holds a certificate). */
    public boolean mtlsActive() {
        DataplaneState s = px.state();
        return s != null && s.mtls() && s.identity() != null;
    }

    /** The generation of the certificate in use (the control plane's regeneration counter), 0 without one. */
    public long certificateGeneration() {
        DataplaneState s = px.state();
        return s == null || s.identity() == null ? 0 : s.identity().generation();
    }

    /** Access-log records sent to the receiver of the configuration ({@code withAccessLog}). */
    public long accessLogSent() {
        return px.accessLog.configured().sent();
    }

    /** Access-log records dropped by that receiver's sender (queue full, receiver absent or slow). */
    public long accessLogDropped() {
        return px.accessLog.configured().dropped();
    }

    /** Records written to the backends of the MeshAccessLog policies currently applied. */
    public long meshAccessLogSent() {
        return px.accessLog.policySent();
    }

    /** Records those backends' senders dropped (queue full, receiver absent or slow). */
    public long meshAccessLogDropped() {
        return px.accessLog.policyDropped();
    }

    /** Access-log records built so far (none while no receiver, tap or MeshAccessLog wants them). */
    public long accessLogRecordsBuilt() {
        return px.accessLog.built();
    }

    /** Stops listening, closes open connections and deregisters from the control plane (as kuma-dp's does). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        sync.close();
        servers.forEach(c -> c.close().awaitUninterruptibly());
        px.connections.close().awaitUninterruptibly();
        try {
            // Kuma's DataplaneLifecycle deletes a proxy that registered itself when it disconnects
            // (pkg/xds/server/callbacks/dataplane_lifecycle.go).
            cp.deregister(mesh(), name());
        } catch (RuntimeException e) {
            LOG.debug("dataplane {}: deregistration failed: {}", name(), e.getMessage());
        }
        cp.close();
        px.accessLog.close();
        if (ownsTransport) {
            px.transport.close();
        }
        LOG.info("dataplane {} stopped", name());
    }
}
