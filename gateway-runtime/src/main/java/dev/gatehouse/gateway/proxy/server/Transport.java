package dev.gatehouse.gateway.proxy.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;

/**
 * The proxy's event loops: Linux io_uring or epoll when Netty's native transport loads, JDK NIO otherwise
 * ({@code -Dgatehouse.gateway.transport=io_uring|epoll|nio} chooses; default: the first available in that order).
 * Client and upstream connections of a request share one loop, so a request never changes threads.
 */
final class Transport {

    /** A socket transport. */
    enum Kind {
        IO_URING,
        EPOLL,
        NIO
    }

    final EventLoopGroup group;
    final Kind kind;

    private Transport(EventLoopGroup group, Kind kind) {
        this.group = group;
        this.kind = kind;
    }

    static Transport create(int threads) {
        Kind kind =
                choose(System.getProperty("gatehouse.gateway.transport", "auto").toLowerCase(Locale.ROOT));
        IoHandlerFactory io = switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new Transport(
                new MultiThreadIoEventLoopGroup(n, new DefaultThreadFactory("gateway-proxy", true), io), kind);
    }

    private static Kind choose(String wanted) {
        boolean uring = IoUring.isAvailable();
        boolean epoll = Epoll.isAvailable();
        return switch (wanted) {
            case "nio" -> Kind.NIO;
            case "epoll" -> epoll ? Kind.EPOLL : Kind.NIO;
            default -> uring ? Kind.IO_URING : epoll ? Kind.EPOLL : Kind.NIO;
        };
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    Class<? extends SocketChannel> socketChannel() {
        return switch (kind) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }
}
