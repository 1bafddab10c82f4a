package dev.gatehouse.gateway.upstream.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;

/**
 * Kong's active health checks for one upstream: each target is probed every {@code healthy.interval} while healthy
 * and every {@code unhealthy.interval} while unhealthy (0: not probed in that state), with a {@code GET http_path}
 * (or a TCP connect for type {@code tcp}), all as non-blocking Netty I/O on the checker's own event loop.
 */
public final class ActiveChecker implements AutoCloseable {

    /** A target to probe and the health it reports to. */
    public record Probe(String host, int port, TargetHealth health) {}

    private static final long IDLE_RECHECK_MS = 250;

    private final EventLoopGroup group;
    private final HealthConfig.Active config;
    private final List<Probe> probes;
    private final SslContext tls;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<ScheduledFuture<?>> timers = new java.util.concurrent.CopyOnWriteArrayList<>();

    public ActiveChecker(EventLoopGroup group, HealthConfig.Active config, List<Probe> probes) {
        this.group = group;
        this.config = config;
        this.probes = List.copyOf(probes);
        this.tls = config.type().equals("https") ? insecureTls() : null;
    }

    public void start() {
        for (Probe p : probes) {
            schedule(p, 0);
        }
    }

    private void schedule(Probe p, long delayMs) {
        if (closed.get()) {
            return;
        }
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(group.schedule(() -> due(p), delayMs, TimeUnit.MILLISECONDS));
    }

    private void due(Probe p) {
        double interval = p.health().healthy()
                ? config.healthy().intervalSeconds()
                : config.unhealthy().intervalSeconds();
        if (interval <= 0) {
            schedule(p, IDLE_RECHECK_MS); // not probed in this state; look again when the state may have changed
            return;
        }
        long next = Math.max(1, (long) (interval * 1000));
        probe(p, () -> schedule(p, next));
    }

    private void probe(Probe p, Runnable then) {
        long timeoutMs = Math.max(1, (long) (config.timeoutSeconds() * 1000));
        AtomicBoolean reported = new AtomicBoolean();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMs)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), p.host(), p.port()));
                        }
                        ch.pipeline()
                                .addLast(new HttpClientCodec())
                                .addLast(new SimpleChannelInboundHandler<HttpObject>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
                                        if (msg instanceof HttpResponse r && reported.compareAndSet(false, true)) {
                                            p.health().status(r.status().code(), config.healthy(), config.unhealthy());
                                            ctx.close();
                                            then.run();
                                        }
                                    }

                                    @Override
                                    public void channelInactive(ChannelHandlerContext ctx) {
                                        if (reported.compareAndSet(false, true)) {
                                            p.health().tcpFailure(config.unhealthy());
                                            then.run();
                                        }
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                });
        ChannelFuture f = b.connect(p.host(), p.port());
        f.addListener(cf -> {
            if (!cf.isSuccess()) {
                if (reported.compareAndSet(false, true)) {
                    if (cf.cause() instanceof io.netty.channel.ConnectTimeoutException) {
                        p.health().timeout(config.unhealthy());
                    } else {
                        p.health().tcpFailure(config.unhealthy());
                    }
                    then.run();
                }
                return;
            }
            Channel ch = f.channel();
            if (config.type().equals("tcp")) {
                if (reported.compareAndSet(false, true)) {
                    p.health().success(config.healthy());
                    ch.close();
                    then.run();
                }
                return;
            }
            DefaultFullHttpRequest req =
                    new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, config.httpPath());
            req.headers().set(HttpHeaderNames.HOST, p.host() + ":" + p.port());
            req.headers().set(HttpHeaderNames.USER_AGENT, "lua-resty-healthcheck");
            req.headers().set(HttpHeaderNames.CONNECTION, "close");
            config.headers().forEach((k, v) -> req.headers().set(k, v));
            ch.writeAndFlush(req);
            ch.eventLoop()
                    .schedule(
                            () -> {
                                if (reported.compareAndSet(false, true)) {
                                    p.health().timeout(config.unhealthy());
                                    ch.close();
                                    then.run();
                                }
                            },
                            timeoutMs,
                            TimeUnit.MILLISECONDS);
        });
    }

    private static SslContext insecureTls() {
        try { // Kong's https_verify_certificate is honoured only as far as probes go: they check reachability
            return SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        closed.set(true);
        timers.forEach(t -> t.cancel(false));
    }
}
