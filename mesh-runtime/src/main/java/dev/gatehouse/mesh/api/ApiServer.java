package dev.gatehouse.mesh.api;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's HTTP API listener (Netty), plus an optional HTTPS listener that requires admin client
 * certificates; request handling runs on virtual threads, never on event loops.
 */
public final class ApiServer implements AutoCloseable {
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private final Channel channel;
    private final Channel tlsChannel;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final ChannelGroup accepted;

    private ApiServer(
            Channel channel,
            Channel tlsChannel,
            EventLoopGroup boss,
            EventLoopGroup workers,
            ExecutorService handlers,
            ChannelGroup accepted) {
        this.accepted = accepted;
        this.channel = channel;
        this.tlsChannel = tlsChannel;
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
    }

    /** Binds {@code listen} (port 0 picks a free port), and {@code tls} when given, and serves until {@link #close}. */
    public static ApiServer start(
            InetSocketAddress listen, ApiTlsConfig tls, ApiRouter router, WatchStreams watch, ApiAccess access) {
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ChannelGroup accepted = new DefaultChannelGroup("api-connections", GlobalEventExecutor.INSTANCE);
        Channel plain = null;
        InetSocketAddress binding = listen;
        try {
            plain = bind(listen, null, router, watch, access, handlers, boss, workers, accepted);
            Channel secure = null;
            if (tls != null) {
                binding = tls.listen();
                secure = bind(
                        tls.listen(), serverContext(tls), router, watch, access, handlers, boss, workers, accepted);
            }
            return new ApiServer(plain, secure, boss, workers, handlers, accepted);
        } catch (Exception e) { // Netty rethrows the checked BindException from sync()
            if (plain != null) {
                plain.close().awaitUninterruptibly();
            }
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.shutdownNow();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(
                    "cannot listen on " + binding.getHostString() + ":" + binding.getPort() + ": " + e.getMessage(), e);
        }
    }

    private static Channel bind(
            InetSocketAddress listen,
            SslContext ssl,
            ApiRouter router,
            WatchStreams watch,
            ApiAccess access,
            ExecutorService handlers,
            EventLoopGroup boss,
            EventLoopGroup workers,
            ChannelGroup accepted)
            throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                // Watch streams are dropped when more than 1 MiB waits for a slow reader.
                .childOption(
                        io.netty.channel.ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new io.netty.channel.WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        accepted.add(c); // closed channels leave the group by themselves
                        if (ssl != null) {
                            c.pipeline().addLast(ssl.newHandler(c.alloc()));
                        }
                        c.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new KumaBodyLimit(MAX_BODY),
                                        new ApiHttpHandler(router, watch, access, handlers));
                    }
                })
                .bind(listen)
                .sync()
                .channel();
    }

    /** TLS 1.3/1.2 with the server's certificate; the handshake fails without a client certificate from the CA. */
    private static SslContext serverContext(ApiTlsConfig tls) {
        try {
            return SslContextBuilder.forServer(
                            tls.certificate().toFile(), tls.privateKey().toFile())
                    .trustManager(tls.clientCa().toFile())
                    .clientAuth(ClientAuth.REQUIRE)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use the API's TLS files: " + e.getMessage(), e);
        }
    }

    public InetSocketAddress boundAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The address of the HTTPS listener, when there is one. */
    public Optional<InetSocketAddress> tlsAddress() {
        return Optional.ofNullable(tlsChannel).map(c -> (InetSocketAddress) c.localAddress());
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        if (tlsChannel != null) {
            tlsChannel.close().awaitUninterruptibly();
        }
        // Close what the listeners accepted (kept-alive requests, watch streams) explicitly: leaving it to the event
        // loops' shutdown sometimes left a kept-alive connection open and unserved, and a client that reused it hung.
        accepted.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        handlers.shutdown();
    }
}
