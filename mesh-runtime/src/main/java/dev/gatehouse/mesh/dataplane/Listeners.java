package dev.gatehouse.mesh.dataplane;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.OptionalSslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/** Binds a data plane's inbound and outbound listeners; each accepted connection starts with auto-read off. */
final class Listeners {
    private Listeners() {}

    static Channel inbound(ProxyContext px, DataplaneDefinition.Inbound in, InetSocketAddress application) {
        return bind(px, new InetSocketAddress(in.listenHost(), in.port()), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                px.connections.add(ch);
                ConnectionLog log = new ConnectionLog(
                        px.accessLog,
                        in.index(),
                        px.mesh,
                        px.name,
                        "INBOUND",
                        in.protocol(),
                        ch.remoteAddress(),
                        ch.localAddress(),
                        px.kumaSourceAddress,
                        in.service());
                DataplaneState state = px.state();
                if (state == null || (state.mtls() && state.identity() == null)) {
                    log.fail("-", "dataplane_not_ready");
                    ch.close().addListener(f -> log.sideClosed());
                    return;
                }
                if (state.mtls()) {
                    ch.pipeline()
                            .addLast(
                                    "tls",
                                    state.view().permissive()
                                            ? new OptionalSslHandler(
                                                    state.identity().server()) // becomes an SslHandler on a TLS hello
                                            : state.identity().server().newHandler(ch.alloc()));
                }
                ch.pipeline().addLast("inbound", new InboundConnection(px, state, in, application, log));
            }
        });
    }

    static Channel outbound(ProxyContext px, DataplaneDefinition.Outbound out) {
        AtomicInteger roundRobin = new AtomicInteger();
        return bind(px, new InetSocketAddress(out.listenHost(), out.port()), new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                px.connections.add(ch);
                ConnectionLog log = new ConnectionLog(
                        px.accessLog,
                        -1,
                        px.mesh,
                        px.name,
                        "OUTBOUND",
                        "tcp",
                        ch.remoteAddress(),
                        ch.localAddress(),
                        px.kumaSourceAddress,
                        out.service());
                log.source(px.service);
                log.passed();
                DataplaneState state = px.state();
                if (state == null) {
                    log.fail("UH", "dataplane_not_ready");
                    ch.close().addListener(f -> log.sideClosed());
                    return;
                }
                ch.pipeline().addLast("outbound", new OutboundConnection(px, state, out, roundRobin, log));
            }
        });
    }

    private static Channel bind(ProxyContext px, InetSocketAddress at, ChannelInitializer<SocketChannel> init) {
        try {
            return new ServerBootstrap()
                    .group(px.transport.group())
                    .channel(px.transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(init)
                    .bind(at)
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataplaneException("interrupted while binding " + at);
        } catch (Exception e) { // Netty rethrows the checked BindException
            throw new DataplaneException(
                    "cannot listen on " + at.getHostString() + ":" + at.getPort() + ": " + e.getMessage(), e);
        }
    }
}
