package dev.gatehouse.mesh.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Date;

/**
 * Answers every request of a denied HTTP connection as Envoy's HTTP RBAC filter does for Kuma 2.6+:
 * {@code 403 Forbidden}, {@code content-type: text/plain}, body {@code RBAC: access denied}
 * (Kuma UPGRADE.md "Upgrade to 2.6.x"; test/e2e_env/universal/meshtrafficpermission httpTrafficBlocked(403)).
 * Each answered request is one access-log record.
 */
final class ForbiddenResponder extends SimpleChannelInboundHandler<HttpObject> {
    static final String BODY = "RBAC: access denied";
    private static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.US_ASCII);
    private final ConnectionLog log;

    ForbiddenResponder(ConnectionLog log) {
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!(msg instanceof HttpRequest req)) {
            return; // request bodies are read and dropped
        }
        ByteBuf body = Unpooled.wrappedBuffer(BODY_BYTES);
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FORBIDDEN, body);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, BODY_BYTES.length);
        res.headers().set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
        if (!keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        HttpRequestInfo info = log.active() ? HttpRequestInfo.of(req) : null; // no record wanted: nothing built
        log.emitRequest(java.time.Instant.now(), 403, info, BODY_BYTES.length, 0, 0);
        if (keepAlive) {
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        log.sideClosed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
