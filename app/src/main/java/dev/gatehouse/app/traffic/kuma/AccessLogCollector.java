package dev.gatehouse.app.traffic.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.traffic.MeshAccessLogLines;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.CollectorServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.io.InputStream;
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

    private final CollectorServer server;
    private final AtomicLong lines;
    private final AtomicLong rejected;

    private AccessLogCollector(CollectorServer server, AtomicLong lines, AtomicLong rejected) {
        this.server = server;
        this.lines = lines;
        this.rejected = rejected;
    }

    /** Binds {@code address} and starts reading lines; throws when it cannot bind. */
    public static AccessLogCollector start(CollectorAddress address, TrafficSink sink, int maxLineBytes)
            throws IOException {
        AtomicLong lines = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        // failFast false: an overlong line is reported once, at its end, then skipped
        CollectorServer server = CollectorServer.bind(
                address,
                "gatehouse-access-log",
                "access logs",
                pipeline -> pipeline.addLast(new LineBasedFrameDecoder(maxLineBytes, true, false))
                        .addLast(new LineHandler(sink, lines, rejected)));
        return new AccessLogCollector(server, lines, rejected);
    }

    /** {@code host:port} the MeshAccessLog's Tcp backend is given. */
    public String address() {
        return server.advertised();
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
        server.close();
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
