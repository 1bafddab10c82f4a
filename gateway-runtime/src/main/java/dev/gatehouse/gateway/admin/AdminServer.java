package dev.gatehouse.gateway.admin;

import dev.gatehouse.gateway.http.HeaderFieldRules;
import dev.gatehouse.gateway.http.Http1ServerCodec;
import dev.gatehouse.gateway.http.LingeringClose;
import dev.gatehouse.gateway.http.NginxErrorPage;
import dev.gatehouse.gateway.http.RequestHeadRejected;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.version.GatewayVersion;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Admin API's HTTP/1.1 server on Netty. Requests are aggregated up to 10 MiB (larger bodies get Kong's 413)
 * and handled on virtual threads, never on the event loop; one request per connection is handled at a time
 * (pipelined ones wait in a queue) so responses keep request order.
 */
public final class AdminServer implements AutoCloseable {

    /** Kong's admin {@code client_max_body_size}. */
    public static final int MAX_BODY = 10 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService handlers;
    private final List<Channel> channels;
    private final List<BoundListener> listeners;

    private AdminServer(
            EventLoopGroup boss,
            EventLoopGroup workers,
            ExecutorService handlers,
            List<Channel> channels,
            List<BoundListener> listeners) {
        this.boss = boss;
        this.workers = workers;
        this.handlers = handlers;
        this.channels = channels;
        this.listeners = listeners;
    }

    /** One listener to open: its address and, for {@code ssl} listeners, the server TLS context. */
    public record Listener(ListenSpec spec, SslContext ssl) {}

    /** Opens every listener on shared event loops; fails (and closes what was opened) if any cannot bind. */
    public static AdminServer start(List<Listener> specs, AdminApi api) throws InterruptedException {
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        ExecutorService handlers = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("admin-api-", 0).factory());
        ServerStats stats = api.stats();
        List<Channel> channels = new ArrayList<>();
        List<BoundListener> bound = new ArrayList<>();
        ListenSpec current = null;
        try {
            for (Listener l : specs) {
                current = l.spec();
                ServerBootstrap b = new ServerBootstrap()
                        .group(boss, workers)
                        .channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_BACKLOG, 1024)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                stats.accepted.incrementAndGet();
                                stats.handled.incrementAndGet();
                                stats.active.incrementAndGet();
                                ch.closeFuture().addListener(f -> stats.active.decrementAndGet());
                                if (l.ssl() != null) {
                                    ch.pipeline().addLast(l.ssl().newHandler(ch.alloc()));
                                }
                                ch.pipeline()
                                        .addLast(new Http1ServerCodec(
                                                HeaderFieldRules.decoderConfig(8192, 65536, 65536)))
                                        .addLast(new KongAggregator())
                                        .addLast(new Handler(api, handlers, stats));
                            }
                        });
                Channel ch = b.bind(l.spec().address()).sync().channel();
                channels.add(ch);
                bound.add(new BoundListener(l.spec(), (InetSocketAddress) ch.localAddress()));
            }
            return new AdminServer(boss, workers, handlers, List.copyOf(channels), List.copyOf(bound));
        } catch (Exception e) { // Netty rethrows bind failures (checked) from sync()
            channels.forEach(c -> c.close().awaitUninterruptibly());
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            handlers.shutdownNow();
            if (e instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException("cannot listen on " + current + ": " + e.getMessage(), e);
        }
    }

    /** The first listener's bound address. */
    public InetSocketAddress address() {
        return listeners.get(0).address();
    }

    /** Every bound listener, in the configured order. */
    public List<BoundListener> listeners() {
        return listeners;
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        handlers.shutdown();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Answers an over-sized body with Kong's 413 JSON instead of Netty's bare response. */
    private static final class KongAggregator extends HttpObjectAggregator {
        KongAggregator() {
            super(MAX_BODY);
        }

        /**
         * Auto-read is off only while a request is being handled. Netty's aggregator then keeps reading to finish
         * the next request's body, and so the one after it: pipelined bodies were buffered without bound. Reading
         * resumes when the handler turns auto-read back on.
         */
        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.fireChannelReadComplete();
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            if (oversized instanceof HttpRequest) {
                FullHttpResponse r = response(413, Json.writeBytes(json("Payload too large")), true);
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(LingeringClose.AFTER_WRITE);
            } else {
                ctx.close();
            }
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode json(String message) {
        var o = Json.object();
        o.put("message", message);
        return o;
    }

    private static FullHttpResponse response(int status, byte[] body, boolean json) {
        ByteBuf buf = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), buf);
        r.headers().set(HttpHeaderNames.SERVER, "gatehouse/" + GatewayVersion.VERSION);
        if (json && body != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        }
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, buf.readableBytes());
        return r;
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final AdminApi api;
        private final ExecutorService executor;
        private final ServerStats stats;

        Handler(AdminApi api, ExecutorService executor, ServerStats stats) {
            this.api = api;
            this.executor = executor;
            this.stats = stats;
        }

        /**
         * A decoded request waiting for its turn; {@code req} is null for one the {@link Http1ServerCodec} refused,
         * answered with {@code refused}, nginx's status for it.
         */
        private record Pending(AdminRequest req, boolean keepAlive, boolean http10, int refused) {}

        /** Requests pipelined behind the one being handled (event loop only). */
        private final java.util.ArrayDeque<Pending> queued = new java.util.ArrayDeque<>();

        private boolean busy;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
            stats.totalRequests.incrementAndGet();
            Pending p = msg.decoderResult().isSuccess()
                    ? new Pending(
                            toRequest(msg),
                            HttpUtil.isKeepAlive(msg),
                            msg.protocolVersion().equals(HttpVersion.HTTP_1_0),
                            0)
                    : new Pending(
                            null,
                            false,
                            false,
                            refusedStatus(msg.decoderResult().cause()));
            // one read can decode several pipelined requests even with auto-read off: they wait here, so they are
            // handled one after the other and answered in request order (HTTP/1.1 pipelining)
            ctx.channel().config().setAutoRead(false);
            if (busy) {
                queued.add(p);
            } else {
                handle(ctx, p);
            }
        }

        private void handle(ChannelHandlerContext ctx, Pending p) {
            busy = true;
            if (p.req() == null) {
                // Kong's admin server has no error_page: nginx's own page, under the server's "charset UTF-8"
                byte[] page = NginxErrorPage.html(p.refused()).getBytes(StandardCharsets.US_ASCII);
                FullHttpResponse r = response(p.refused(), page, false);
                r.setStatus(new HttpResponseStatus(p.refused(), NginxErrorPage.reason(p.refused())));
                r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
                r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                ctx.writeAndFlush(r).addListener(LingeringClose.AFTER_WRITE);
                return;
            }
            stats.inFlight.incrementAndGet();
            executor.execute(() -> {
                FullHttpResponse r;
                try {
                    r = render(p);
                } catch (Throwable e) { // StackOverflowError too: an unanswered request would hang its connection
                    // Kong's answer to an unhandled error; the connection stays usable
                    r = response(500, Json.writeBytes(json("An unexpected error occurred")), true);
                } finally {
                    stats.inFlight.decrementAndGet();
                }
                if (!p.keepAlive()) {
                    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                } else if (p.http10()) {
                    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
                ctx.writeAndFlush(r).addListener(f -> {
                    if (!p.keepAlive() || !f.isSuccess()) {
                        ctx.close();
                        return;
                    }
                    Pending next = queued.poll();
                    if (next != null) {
                        handle(ctx, next);
                    } else {
                        busy = false;
                        ctx.channel().config().setAutoRead(true);
                        ctx.read();
                    }
                });
            });
        }

        private FullHttpResponse render(Pending p) {
            AdminResponse resp = api.handle(p.req());
            boolean head = p.req().method().equals("HEAD");
            // a textual body is AdminResponse.text's: written as is, under the Content-Type it set
            boolean json = resp.body() == null || !resp.body().isTextual();
            byte[] body = resp.body() == null
                    ? null
                    : json
                            ? Json.writeBytes(resp.body())
                            : resp.body().textValue().getBytes(StandardCharsets.UTF_8);
            FullHttpResponse r = response(resp.status(), head ? null : body, json);
            if (head && body != null) {
                if (json) {
                    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                }
                r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            }
            resp.headers().forEach((k, v) -> r.headers().set(k, v));
            return r;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private static int refusedStatus(Throwable cause) {
            return cause instanceof RequestHeadRejected r
                    ? r.status()
                    : cause instanceof TooLongHttpLineException ? 414 : 400;
        }

        private static AdminRequest toRequest(FullHttpRequest msg) {
            String uri = msg.uri();
            int q = uri.indexOf('?');
            String path = q < 0 ? uri : uri.substring(0, q);
            String query = q < 0 ? "" : uri.substring(q + 1);
            Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, String> h : msg.headers()) {
                headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>()).add(h.getValue());
            }
            byte[] body = new byte[msg.content().readableBytes()];
            msg.content().getBytes(msg.content().readerIndex(), body);
            return new AdminRequest(msg.method().name(), path, PercentDecoding.pairs(query), headers, body);
        }
    }
}
