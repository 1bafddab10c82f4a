package dev.gatehouse.mesh.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;

/** Aggregates request bodies up to a limit; a larger one is answered 413 in Kuma's error shape, not Netty's empty body. */
final class KumaBodyLimit extends HttpObjectAggregator {
    private final int maxBytes;

    KumaBodyLimit(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ApiHttpHandler.refuse(
                ctx,
                new ApiError(
                        413, "Request Entity Too Large", "the request body is larger than " + maxBytes + " bytes"));
    }
}
