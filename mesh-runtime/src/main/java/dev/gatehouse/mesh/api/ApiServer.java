package dev.gatehouse.mesh.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The control plane's HTTP API listener (Netty); request handling runs on virtual threads, never on event loops. */
public final class ApiServer implements AutoCloseable {
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private final Channel channel;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;

    private ApiServer(Channel channel, EventLoopGroup boss, EventLoopGroup workers, ExecutorService handlers) {
        this.channel = channel;
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
    }

    /** Binds {@code listen} (port 0 picks a free port) and serves until {@link #close}. */
    public static ApiServer start(InetSocketAddress listen, ApiRouter router, WatchStreams watch) {
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            Channel ch = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    // Watch streams are dropped when more than 1 MiB waits for a slow reader.
                    .childOption(io.netty.channel.ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new io.netty.channel.WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY),
                                    new ApiHttpHandler(router, watch, handlers));
                        }
                    }).bind(listen).sync().channel();
            return new ApiServer(ch, boss, workers, handlers);
        } catch (Exception e) { // Netty rethrows the checked BindException from sync()
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.shutdownNow();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot listen on " + listen.getHostString() + ":" + listen.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        handlers.shutdown();
    }
}
