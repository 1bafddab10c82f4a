package dev.gatehouse.mesh.dataplane;

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
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The event loops data planes run on: Linux io_uring or epoll when the native transport loads, JDK NIO otherwise
 * ({@code -Dgatehouse.mesh.transport=io_uring|epoll|nio} chooses; default: the first one available in that order).
 * Several data planes in one JVM (the console's sandbox) can share one instance; a data plane started without one
 * owns its own.
 */
public final class DataplaneTransport implements AutoCloseable {
    /** A socket transport. */
    public enum Kind {
        IO_URING,
        EPOLL,
        NIO
    }

    private final EventLoopGroup group;
    private final Kind kind;

    private DataplaneTransport(EventLoopGroup group, Kind kind) {
        this.group = group;
        this.kind = kind;
    }

    /**
     * {@code threads} event loops (0 = one per core, as Envoy's {@code --concurrency} defaults to the hardware threads)
     * of the best available transport. Netty's own default, twice the cores, gave two sidecars on two cores eight
     * loops between them (issue 20).
     */
    public static DataplaneTransport create(int threads) {
        Kind kind =
                choose(System.getProperty("gatehouse.mesh.transport", "auto").toLowerCase(Locale.ROOT));
        IoHandlerFactory io = switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        int loops = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new DataplaneTransport(new MultiThreadIoEventLoopGroup(loops, io), kind);
    }

    private static Kind choose(String wanted) {
        boolean uring = IoUring.isAvailable();
        boolean epoll = Epoll.isAvailable();
        return switch (wanted) {
            case "nio" -> Kind.NIO;
            case "epoll" -> epoll ? Kind.EPOLL : Kind.NIO;
            case "io_uring" -> uring ? Kind.IO_URING : epoll ? Kind.EPOLL : Kind.NIO;
            default -> uring ? Kind.IO_URING : epoll ? Kind.EPOLL : Kind.NIO;
        };
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The transport in use. */
    public Kind kind() {
        return kind;
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

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
