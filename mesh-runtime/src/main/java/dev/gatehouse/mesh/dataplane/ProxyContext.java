package dev.gatehouse.mesh.dataplane;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.SocketAddress;

/** What every connection handler of one data plane shares: who we are, the current state, the log, the loops. */
final class ProxyContext {
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    final String mesh;
    final String name;
    final String service;
    /** {@code %KUMA_SOURCE_ADDRESS%} of every record of this data plane (see AccessLogEntry#kumaSourceAddress). */
    final String kumaSourceAddress;

    final DataplaneTransport transport;
    final AccessLogRouting accessLog;
    final ChannelGroup connections = new DefaultChannelGroup("dataplane-connections", GlobalEventExecutor.INSTANCE);
    private volatile DataplaneState state;

    ProxyContext(
            String mesh,
            String name,
            String service,
            String address,
            DataplaneTransport transport,
            AccessLogRouting accessLog) {
        this.mesh = mesh;
        this.name = name;
        this.service = service;
        this.kumaSourceAddress = AccessLogEntry.kumaSourceAddress(address);
        this.transport = transport;
        this.accessLog = accessLog;
    }

    /** The state new connections are decided with; null until the first sync. */
    DataplaneState state() {
        return state;
    }

    void state(DataplaneState s) {
        state = s;
    }

    /** Connects to {@code target} on the downstream channel's own event loop (no cross-thread hand-offs). */
    io.netty.channel.ChannelFuture connect(Channel downstream, SocketAddress target, ChannelHandler handler) {
        return new Bootstrap()
                .group(downstream.eventLoop())
                .channel(transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(handler)
                .connect(target);
    }
}
