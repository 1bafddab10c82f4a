package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.InboundTarget;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a data plane (what {@code kuma-dp run} + Envoy are in Kuma): binds its listeners, registers the Dataplane
 * with the control plane, gets a token, its certificate and the mesh's policies, subscribes to changes, and serves.
 */
public final class Dataplane {
    private static final Logger LOG = LoggerFactory.getLogger(Dataplane.class);

    private Dataplane() {}

    /** Starts with its own event loops. */
    public static RunningDataplane start(DataplaneConfig config) {
        DataplaneTransport transport = DataplaneTransport.create(config.ioThreads());
        try {
            return start(config, transport, true);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** Starts on shared event loops (several data planes in one JVM); closing the data plane leaves them running. */
    public static RunningDataplane start(DataplaneConfig config, DataplaneTransport transport) {
        return start(config, transport, false);
    }

    private static RunningDataplane start(DataplaneConfig config, DataplaneTransport transport, boolean ownsTransport) {
        DataplaneDefinition def = DataplaneDefinition.parse(config.dataplane());
        AccessLogRouting accessLog = new AccessLogRouting(
                AccessLogSender.start(config.accessLogAddress(), config.accessLogCapacity()),
                config.accessLogTap(),
                config.accessLogCapacity());
        ProxyContext px = new ProxyContext(def.mesh(), def.name(), def.service(), def.ip(), transport, accessLog);
        ControlPlaneClient cp = new ControlPlaneClient(config.controlPlane());
        List<Channel> servers = new ArrayList<>();
        DataplaneSync sync = null;
        boolean registered = false;
        try {
            int[] inboundPorts = new int[def.inbounds().size()];
            List<InboundTarget> targets = new ArrayList<>();
            List<RunningDataplane.BoundInbound> inbounds = new ArrayList<>();
            for (DataplaneDefinition.Inbound in : def.inbounds()) {
                InetSocketAddress app = new InetSocketAddress(in.serviceHost(), in.servicePort());
                Channel ch = Listeners.inbound(px, in, app);
                servers.add(ch);
                InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
                inboundPorts[in.index()] = bound.getPort();
                targets.add(def.target(in, bound.getPort()));
                inbounds.add(new RunningDataplane.BoundInbound(in.service(), in.tags(), bound, app));
            }
            int[] outboundPorts = new int[def.outbounds().size()];
            List<RunningDataplane.BoundOutbound> outbounds = new ArrayList<>();
            for (DataplaneDefinition.Outbound out : def.outbounds()) {
                Channel ch = Listeners.outbound(px, out);
                servers.add(ch);
                InetSocketAddress bound = (InetSocketAddress) ch.localAddress();
                outboundPorts[out.index()] = bound.getPort();
                outbounds.add(new RunningDataplane.BoundOutbound(out.service(), bound));
            }
            if (config.token() != null) {
                cp.useToken(config.token().strip());
            }
            cp.register(def.mesh(), def.name(), def.withBoundPorts(inboundPorts, outboundPorts));
            registered = true;
            String token = config.token() != null ? config.token().strip() : cp.issueToken(def.mesh(), def.name());
            cp.useToken(token);
            sync = new DataplaneSync(cp, px, token, targets, def.labels());
            sync.syncNow();
            sync.start();
            RunningDataplane running =
                    new RunningDataplane(def, px, cp, sync, servers, inbounds, outbounds, ownsTransport);
            LOG.info(
                    "dataplane {} (mesh {}) ready: {} inbound(s) {}, {} outbound(s) {}, mTLS {}, TLS {}, transport {}",
                    def.name(),
                    def.mesh(),
                    inbounds.size(),
                    inbounds.stream().map(b -> b.service() + "@" + b.address()).toList(),
                    outbounds.size(),
                    outbounds.stream().map(b -> b.service() + "@" + b.address()).toList(),
                    px.state().mtls() ? "on" : "off",
                    TlsIdentity.provider(),
                    transport.kind().name().toLowerCase(java.util.Locale.ROOT));
            return running;
        } catch (RuntimeException e) {
            if (sync != null) {
                sync.close();
            }
            servers.forEach(Channel::close);
            accessLog.close();
            if (registered) {
                try {
                    cp.deregister(def.mesh(), def.name());
                } catch (RuntimeException ignored) {
                    // best effort
                }
            }
            cp.close();
            throw e;
        }
    }
}
