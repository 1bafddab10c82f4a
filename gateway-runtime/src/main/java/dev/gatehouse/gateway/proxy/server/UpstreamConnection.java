package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.proxy.UpstreamTarget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * One upstream connection and the last handler of its pipeline: it hands responses to the upstream call currently
 * using it, and tells the pool when it closes while idle.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

    final UpstreamTarget target;
    final UpstreamPool.Key key;
    final UpstreamPool pool;
    Channel channel;
    int requests;
    long idleSince;
    UpstreamCall call;

    UpstreamConnection(UpstreamPool.Key key, UpstreamPool pool) {
        this.key = key;
        this.target = key.target();
        this.pool = pool;
    }

    String peerIp() {
        return channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : target.host();
    }

    int peerPort() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : target.port();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamCall e = call;
        if (e == null) {
            ReferenceCountUtil.release(msg);
            ctx.close(); // data on an idle connection: it cannot be trusted any more
            return;
        }
        e.onMessage(this, msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamCall e = call;
        if (e != null) {
            e.onReadComplete(this);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        UpstreamCall e = call;
        if (e != null) {
            e.onWritabilityChanged(this);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        UpstreamCall e = call;
        if (e != null) {
            e.onClosed(this, null);
        } else {
            pool.remove(this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamCall e = call;
        if (e != null) {
            e.onClosed(this, cause);
        }
        ctx.close();
    }
}
