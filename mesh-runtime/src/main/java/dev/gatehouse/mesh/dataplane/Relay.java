package dev.gatehouse.mesh.dataplane;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Copies bytes from its channel to the peer channel. Writes are flushed once per read batch; when the peer cannot
 * take more (its outbound buffer is above the high-water mark) this side stops reading until the peer drains, so a
 * slow reader never makes the proxy buffer without bound. Counts bytes into the connection's log record.
 */
final class Relay extends ChannelInboundHandlerAdapter {
    private final Channel peer;
    private final ConnectionLog log;
    private final boolean downstreamSide;
    private final HttpRequestTap tap;
    private boolean open;
    private ArrayDeque<Object> held;

    /**
     * @param downstreamSide this handler sits on the downstream (client) channel
     * @param open           false holds reads until {@link #open()} (upstream data before its identity is checked)
     */
    Relay(Channel peer, ConnectionLog log, boolean downstreamSide, boolean open) {
        this(peer, log, downstreamSide, open, null);
    }

    /** @param tap per-request logging of an http inbound (shared by both relays of the connection), or null */
    Relay(Channel peer, ConnectionLog log, boolean downstreamSide, boolean open, HttpRequestTap tap) {
        this.peer = peer;
        this.log = log;
        this.downstreamSide = downstreamSide;
        this.open = open;
        this.tap = tap;
    }

    /** Lets held and further data through (called on the event loop). */
    void open() {
        open = true;
        if (held != null) {
            Object m;
            while ((m = held.poll()) != null) {
                forward(m);
            }
            held = null;
            peer.flush();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!open) {
            if (held == null) {
                held = new ArrayDeque<>();
            }
            held.add(msg);
            return;
        }
        forward(msg);
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    private void forward(Object msg) {
        if (msg instanceof ByteBuf b) {
            if (downstreamSide) {
                log.bytesReceived += b.readableBytes();
                if (tap != null) {
                    tap.request(b);
                }
            } else {
                log.bytesSent += b.readableBytes();
                if (tap != null) {
                    tap.response(b);
                }
            }
        }
        peer.write(msg, peer.voidPromise()); // a failed write surfaces as exceptionCaught on the peer, which closes it
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (open) {
            peer.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            peer.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held = null;
        }
        if (tap != null) {
            tap.close();
        }
        log.sideClosed();
        closeOnFlush(peer);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** Closes a channel after what was already written to it went out. */
    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
