package dev.gatehouse.gateway.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The proxy's event loops: Linux epoll when Netty's native transport loads (unless
 * {@code -Dgatehouse.gateway.nio=true}), JDK NIO otherwise. Client and upstream connections of a request share one
 * loop, so a request never changes threads.
 */
final class Transport {

  final EventLoopGroup group;
  final boolean epoll;

  private Transport(EventLoopGroup group, boolean epoll) {
    this.group = group;
    this.epoll = epoll;
  }

  static Transport create(int threads) {
    boolean useEpoll = Epoll.isAvailable() && !Boolean.getBoolean("gatehouse.gateway.nio");
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    EventLoopGroup g = new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory("gateway-proxy", true),
        useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    return new Transport(g, useEpoll);
  }

  Class<? extends ServerChannel> serverChannel() {
    return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  }

  Class<? extends SocketChannel> socketChannel() {
    return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
  }
}
