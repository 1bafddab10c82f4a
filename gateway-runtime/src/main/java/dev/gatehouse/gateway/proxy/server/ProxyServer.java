package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.HeaderFieldRules;
import dev.gatehouse.gateway.http.Http1ServerCodec;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.log.RequestEvents;
import dev.gatehouse.gateway.proxy.UpstreamConnector;
import dev.gatehouse.gateway.runtime.ConfigWatcher;
import dev.gatehouse.gateway.version.GatewayVersion;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.Mapping;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy: Netty listeners (plain and HTTPS) on shared event loops, each request routed and run through its
 * plugin plan against the configuration current when it started, and forwarded over pooled keep-alive upstream
 * connections opened by the {@link UpstreamConnector}.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    /** Kong's {@code SERVER_HEADER} (the {@code Server} and {@code Via} token). */
    public static final String SERVER_HEADER = "kong/" + GatewayVersion.KONG_COMPATIBLE;

    /**
     * One listener to open and, for {@code ssl} ones, the TLS context for each server name a client asks for
     * (Kong's certificates by SNI, falling back to the listener's default pair).
     */
    public record Listener(ListenSpec spec, Mapping<String, SslContext> ssl) {}

    final Transport transport;
    final ConfigWatcher config;
    final UpstreamConnector connector;
    final RequestEvents events;
    final SslContext upstreamTls;
    final SslContext upstreamTlsVerified;
    final java.util.concurrent.atomic.LongAdder inFlight = new java.util.concurrent.atomic.LongAdder();
    /** What each event loop owns: its idle upstream connections and its exchanges' deadlines. */
    record Loop(UpstreamPool pool, Timeouts timeouts) {}

    private final Map<EventLoop, Loop> loops = new ConcurrentHashMap<>();
    private final List<Channel> channels = new ArrayList<>();
    private final List<BoundListener> bound = new ArrayList<>();
    private volatile boolean closing;

    private ProxyServer(Transport transport, ConfigWatcher config, UpstreamConnector connector, RequestEvents events) {
        this.transport = transport;
        this.config = config;
        this.connector = connector;
        this.events = events;
        try {
            // Kong does not verify upstream certificates unless the service asks (tls_verify): nginx's default.
            this.upstreamTls = SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
            this.upstreamTlsVerified = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the upstream TLS context", e);
        }
    }

    /** Opens the listeners; fails (closing what was opened) when one cannot bind. */
    public static ProxyServer start(
            List<Listener> listeners,
            int workers,
            ConfigWatcher config,
            UpstreamConnector connector,
            RequestEvents events)
            throws InterruptedException {
        ProxyServer server = new ProxyServer(Transport.create(workers), config, connector, events);
        ListenSpec current = null;
        try {
            for (Listener l : listeners) {
                current = l.spec();
                server.bind(l);
            }
            LOG.info(
                    "proxy transport: {} with {} event loops",
                    server.transport(),
                    workers > 0 ? workers : Runtime.getRuntime().availableProcessors());
            return server;
        } catch (Exception e) {
            server.close();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("cannot listen on " + current + ": " + e.getMessage(), e);
        }
    }

    private void bind(Listener l) throws InterruptedException {
        int port = l.spec().address().getPort();
        ServerBootstrap b = new ServerBootstrap()
                .group(transport.group)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 16384)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (l.ssl() != null) {
                            // the ClientHello's server name picks the context; SniHandler then becomes an SslHandler
                            ch.pipeline().addLast("tls", new SniHandler(l.ssl()));
                        }
                        ch.pipeline()
                                .addLast(
                                        "http",
                                        new Http1ServerCodec(HeaderFieldRules.decoderConfig(8192, 32768, 65536)))
                                .addLast(
                                        "proxy",
                                        new ClientConnection(
                                                ProxyServer.this,
                                                loop(ch.eventLoop()),
                                                l.ssl() != null,
                                                ch.localAddress().getPort()));
                    }
                });
        Channel ch = b.bind(l.spec().address()).sync().channel();
        channels.add(ch);
        BoundListener bl = new BoundListener(l.spec(), (InetSocketAddress) ch.localAddress());
        bound.add(bl);
        LOG.info("proxy listening on {}", bl.url());
        if (port == 0) {
            LOG.debug("proxy port 0 bound to {}", bl.address().getPort());
        }
    }

    Loop loop(EventLoop loop) {
        return loops.computeIfAbsent(loop, l -> new Loop(new UpstreamPool(l), new Timeouts(l)));
    }

    boolean closing() {
        return closing;
    }

    /** The bound listeners, in the configured order. */
    public List<BoundListener> listeners() {
        return List.copyOf(bound);
    }

    /** The socket transport in use: {@code io_uring}, {@code epoll} or {@code nio}. */
    public String transport() {
        return transport.kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Requests being processed right now. */
    public int inFlight() {
        return inFlight.intValue();
    }

    /** Stops accepting, lets requests in flight finish (up to 5 s), then closes every connection. */
    @Override
    public void close() {
        closing = true;
        channels.forEach(c -> c.close().awaitUninterruptibly());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (inFlight.sum() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Map.Entry<EventLoop, Loop> e : loops.entrySet()) {
            e.getKey().execute(e.getValue().pool()::closeAll);
        }
        transport.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
