package dev.gatehouse.app.traffic.remote;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A collector's listening socket: one daemon event-loop thread, bound to a {@link CollectorAddress}. */
public final class CollectorServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;
    private final String advertised;

    private CollectorServer(EventLoopGroup group, Channel channel, String advertised) {
        this.group = group;
        this.channel = channel;
        this.advertised = advertised;
    }

    /**
     * Binds {@code address}, giving each accepted connection the handlers {@code pipeline} adds; throws when it
     * cannot bind, saying it cannot listen for {@code what} (e.g. "access logs").
     */
    public static CollectorServer bind(
            CollectorAddress address, String threadName, String what, Consumer<ChannelPipeline> pipeline)
            throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(threadName, true), NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            pipeline.accept(ch.pipeline());
                        }
                    })
                    .bind(address.bindAddress())
                    .sync()
                    .channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            return new CollectorServer(group, channel, address.advertisedHost(bound) + ":" + bound.getPort());
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while binding the collector at " + address, e);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("Cannot listen for " + what + " at " + address + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port} remote senders are given (IPv6 hosts in brackets). */
    public String advertised() {
        return advertised;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
