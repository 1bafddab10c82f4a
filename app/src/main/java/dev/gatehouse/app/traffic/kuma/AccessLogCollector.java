package dev.gatehouse.app.traffic.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's TCP endpoint for MeshAccessLog's {@code Tcp} backend: data planes send one JSON object per line
 * (kuma-dp's access-log streamer forwards Envoy's formatted records to the address, a line each:
 * {@code app/kuma-dp/pkg/dataplane/accesslogs/streamer.go}). Each line goes through {@link MeshAccessLogLines#parse}
 * to the sink. Lines are bounded: a longer one is skipped up to its end and counted, as is a line that is not a JSON
 * object; neither stops the connection.
 */
public final class AccessLogCollector implements AutoCloseable {

    /** The longest line taken; a MeshAccessLog record in the console's format is well under 2 KiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group;
    private final Channel channel;
    private final String address;
    private final AtomicLong lines;
    private final AtomicLong rejected;

    private AccessLogCollector(
            EventLoopGroup group, Channel channel, String address, AtomicLong lines, AtomicLong rejected) {
        this.group = group;
        this.channel = channel;
        this.address = address;
        this.lines = lines;
        this.rejected = rejected;
    }

    /** Binds {@code address} and starts reading lines; throws when it cannot bind. */
    public static AccessLogCollector start(CollectorAddress address, TrafficSink sink, int maxLineBytes)
            throws IOException {
        AtomicLong lines = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory("gatehouse-access-log", true), NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            // failFast false: an overlong line is reported once, at its end, then skipped
                            ch.pipeline()
                                    .addLast(new LineBasedFrameDecoder(maxLineBytes, true, false))
                                    .addLast(new LineHandler(sink, lines, rejected));
                        }
                    })
                    .bind(address.bindAddress())
                    .sync()
                    .channel();
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            return new AccessLogCollector(
                    group, channel, address.advertisedHost(bound) + ":" + bound.getPort(), lines, rejected);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while binding the collector at " + address, e);
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("Cannot listen for access logs at " + address + ": " + e.getMessage(), e);
        }
    }

    /** {@code host:port} the MeshAccessLog's Tcp backend is given. */
    public String address() {
        return address;
    }

    /** Lines handed to the sink so far. */
    public long lines() {
        return lines.get();
    }

    /** Lines refused: not JSON, not an object, too long. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One line: parse, deliver. */
    private static final class LineHandler extends SimpleChannelInboundHandler<ByteBuf> {

        private final TrafficSink sink;
        private final AtomicLong lines;
        private final AtomicLong rejected;

        LineHandler(TrafficSink sink, AtomicLong lines, AtomicLong rejected) {
            this.sink = sink;
            this.lines = lines;
            this.rejected = rejected;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            long received = System.nanoTime();
            if (!line.isReadable()) {
                return; // a blank line between records
            }
            JsonNode json;
            try (InputStream in = new ByteBufInputStream(line)) {
                json = JSON.readTree(in);
            } catch (IOException e) {
                json = null;
            }
            if (json == null || !json.isObject()) {
                rejected.incrementAndGet();
                return;
            }
            sink.accept(MeshAccessLogLines.parse(json, received));
            lines.incrementAndGet();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            rejected.incrementAndGet();
            if (!(cause instanceof TooLongFrameException)) {
                ctx.close(); // a broken connection: the data plane reconnects
            }
        }
    }
}
