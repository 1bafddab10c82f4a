package dev.gatehouse.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * One upstream connection and the last handler of its pipeline: it hands responses to the exchange currently using
 * it, and tells the pool when it closes while idle.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {

  final UpstreamTarget target;
  final UpstreamPool.Key key;
  final UpstreamPool pool;
  Channel channel;
  int requests;
  long idleSince;
  Exchange exchange;

  UpstreamConnection(UpstreamPool.Key key, UpstreamPool pool) {
    this.key = key;
    this.target = key.target();
    this.pool = pool;
  }

  String peerIp() {
    return channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : target.host();
  }

  int peerPort() {
    return channel.remoteAddress() instanceof InetSocketAddress a ? a.getPort() : target.port();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Exchange e = exchange;
    if (e == null) {
      ReferenceCountUtil.release(msg);
      ctx.close(); // data on an idle connection: it cannot be trusted any more
      return;
    }
    e.onUpstreamMessage(this, msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null) {
      e.onUpstreamReadComplete(this);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null) {
      e.onUpstreamWritabilityChanged(this);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    Exchange e = exchange;
    if (e != null) {
      e.onUpstreamClosed(this, null);
    } else {
      pool.remove(this);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Exchange e = exchange;
    if (e != null) {
      e.onUpstreamClosed(this, cause);
    }
    ctx.close();
  }
}
