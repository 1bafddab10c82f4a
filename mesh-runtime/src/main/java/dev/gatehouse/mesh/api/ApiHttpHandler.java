package dev.gatehouse.mesh.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decodes a request, runs it on the handler executor and writes the answer; {@code /watch} becomes a stream. */
final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpHandler.class);
    private final ApiRouter router;
    private final WatchStreams watch;
    private final ApiAccess access;
    private final ExecutorService handlers;

    ApiHttpHandler(ApiRouter router, WatchStreams watch, ApiAccess access, ExecutorService handlers) {
        this.router = router;
        this.watch = watch;
        this.access = access;
        this.handlers = handlers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (!msg.decoderResult().isSuccess()) {
            Throwable cause = msg.decoderResult().cause();
            refuse(
                    ctx,
                    new ApiError(
                            400,
                            "Bad Request",
                            cause == null || cause.getMessage() == null
                                    ? "the request could not be decoded"
                                    : cause.getMessage()));
            return;
        }
        ApiRequest req = decode(ctx, msg);
        boolean keepAlive = HttpUtil.isKeepAlive(msg);
        try {
            handlers.execute(() -> serve(ctx, req, keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, false, ApiResponse.text(503, "503: Service Unavailable"), req.method());
        }
    }

    private void serve(ChannelHandlerContext ctx, ApiRequest received, boolean keepAlive) {
        ApiResponse res;
        ApiRequest req = received;
        try {
            req = access.authenticate(received);
            if (req.segments().equals(List.of("watch"))) {
                if (!req.method().equals("GET")) {
                    res = ApiResponse.text(405, "405: Method Not Allowed");
                } else {
                    Optional<ApiResponse> refused = watch.open(req, ctx.channel());
                    if (refused.isEmpty()) {
                        return;
                    }
                    res = refused.get();
                }
            } else {
                res = router.route(req);
            }
        } catch (ApiError e) {
            res = KumaErrors.response(e);
        } catch (RuntimeException | StackOverflowError e) {
            // A stack overflow (a pathological body) must still get an answer, not a hung client.
            // Bodies are never logged: they may hold keys or tokens.
            LOG.error("{} {} failed", req.method(), req.path(), e);
            res = KumaErrors.response(new ApiError(500, "Internal Server Error", "Internal Server Error"));
        }
        LOG.debug("{} {} -> {}", req.method(), req.path(), res.status());
        write(ctx, keepAlive, res, req.method());
    }

    private static ApiRequest decode(ChannelHandlerContext ctx, FullHttpRequest msg) {
        QueryStringDecoder qs = new QueryStringDecoder(msg.uri());
        String path = qs.path();
        List<String> segments =
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
        byte[] body = ByteBufUtil.getBytes(msg.content());
        HttpHeaders h = msg.headers();
        // The HTTPS listener requires a client certificate: a request on it has passed certificate verification.
        boolean tls = ctx.pipeline().get(SslHandler.class) != null;
        RequestSource source = new RequestSource(
                (InetSocketAddress) ctx.channel().remoteAddress(),
                tls,
                h.get(HttpHeaderNames.HOST),
                h.get(HttpHeaderNames.ORIGIN),
                h.get("Sec-Fetch-Site"),
                h.contains("Forwarded") || h.contains("X-Forwarded-For") || h.contains("X-Real-IP"));
        return new ApiRequest(
                msg.method().name(),
                path,
                segments,
                qs.parameters(),
                h.get(HttpHeaderNames.HOST, "localhost"),
                h.get(HttpHeaderNames.AUTHORIZATION),
                source,
                body,
                ApiCaller.ANONYMOUS);
    }

    /** Answers a request that was not read in full (undecodable, too large) in Kuma's error shape, then closes. */
    static void refuse(ChannelHandlerContext ctx, ApiError e) {
        ApiResponse res = KumaErrors.response(e);
        FullHttpResponse out = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(res.status()), Unpooled.wrappedBuffer(res.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.body().length);
        out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(out).addListener(f -> LingeringClose.after(ctx.channel()));
    }

    private static void write(ChannelHandlerContext ctx, boolean keepAlive, ApiResponse res, String method) {
        FullHttpResponse out = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(res.status()),
                method.equals("HEAD") ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(res.body()));
        out.headers().set(HttpHeaderNames.CONTENT_TYPE, res.contentType());
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.body().length);
        if (res.noStore()) {
            out.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        }
        if (keepAlive) {
            out.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(out);
        } else {
            ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("API connection error", cause);
        ctx.close();
    }
}
