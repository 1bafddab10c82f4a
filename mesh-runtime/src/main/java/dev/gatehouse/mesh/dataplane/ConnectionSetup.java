package dev.gatehouse.mesh.dataplane;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * The first handler of an accepted connection, until it hands over to two {@link Relay}s: what it shares between
 * the inbound and the outbound side is the state it decides with, the log record, and the upstream being connected.
 */
abstract class ConnectionSetup extends ChannelInboundHandlerAdapter {
    protected final ProxyContext px;
    protected final DataplaneState state;
    protected final ConnectionLog log;
    protected Channel upstream;

    ConnectionSetup(ProxyContext px, DataplaneState state, ConnectionLog log) {
        this.px = px;
        this.state = state;
        this.log = log;
    }

    /**
     * The upstream connection is established: keep it if the downstream is still there (false: it left meanwhile,
     * and the upstream is closed).
     */
    protected boolean adoptUpstream(Channel downstream, java.net.SocketAddress target) {
        if (!downstream.isActive()) {
            upstream.close();
            return false;
        }
        log.upstreamOpened();
        log.upstream(target, upstream.localAddress());
        px.connections.add(upstream);
        return true;
    }

    /** Closed before the relays took over: drop the upstream being connected; the record goes out. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (upstream != null) {
            upstream.close();
        }
        log.sideClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
