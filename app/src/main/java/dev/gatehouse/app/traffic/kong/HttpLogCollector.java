package dev.gatehouse.app.traffic.kong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.traffic.KongLogEntries;
import dev.gatehouse.app.traffic.TrafficSink;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.CollectorServer;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's endpoint for Kong's http-log plugin: each POST carries one serialized request as a JSON object, or a
 * batch as a JSON array ({@code kong/plugins/http-log/handler.lua} sends {@code entries[1]} when the batch size is 1,
 * else {@code json_array_concat(entries)}). Every entry goes through {@link KongLogEntries#parse} to the sink, and
 * the answer is 200 at once (http-log retries anything from 400 up). Bodies are bounded; a body that is not JSON is
 * answered 400, one without the token 401, an oversized one 413: all counted, none stops the collector. The token
 * (sent by http-log as a configured header) keeps other hosts on the network from injecting traffic; it is never
 * logged.
 */
public final class HttpLogCollector implements AutoCloseable {

    /** The header http-log is configured to send the token in. */
    public static final String TOKEN_HEADER = "X-Gatehouse-Collector-Token";

    /** The largest body taken: a batch of a few hundred entries with large headers fits. */
    public static final int DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** http-log's {@code method} choices ({@code kong/plugins/http-log/schema.lua}). */
    private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final CollectorServer server;
    private final URI endpoint;
    private final AtomicLong entries;
    private final AtomicLong rejected;

    private HttpLogCollector(CollectorServer server, AtomicLong entries, AtomicLong rejected) {
        this.server = server;
        this.endpoint = URI.create("http://" + server.advertised() + "/gatehouse/http-log");
        this.entries = entries;
        this.rejected = rejected;
    }

    /** Binds {@code address} and starts taking posts that carry {@code token}; throws when it cannot bind. */
    public static HttpLogCollector start(CollectorAddress address, String token, TrafficSink sink, int maxBodyBytes)
            throws IOException {
        AtomicLong entries = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        CollectorServer server = CollectorServer.bind(
                address,
                "gatehouse-http-log",
                "Kong's logs",
                pipeline -> pipeline.addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(maxBodyBytes) {
                            @Override
                            protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
                                    throws Exception {
                                rejected.incrementAndGet();
                                super.handleOversizedMessage(ctx, oversized);
                            }
                        })
                        .addLast(new PostHandler(expected, sink, entries, rejected)));
        return new HttpLogCollector(server, entries, rejected);
    }

    /** The URL http-log is told to post to. */
    public URI endpoint() {
        return endpoint;
    }

    /** Entries handed to the sink so far. */
    public long entries() {
        return entries.get();
    }

    /** Posts (or array items) refused: not JSON, not an object, without the token, too large, wrong method. */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        server.close();
    }

    /** One aggregated request: check, parse, deliver, answer. */
    private static final class PostHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final byte[] token;
        private final TrafficSink sink;
        private final AtomicLong entries;
        private final AtomicLong rejected;

        PostHandler(byte[] token, TrafficSink sink, AtomicLong entries, AtomicLong rejected) {
            this.token = token;
            this.sink = sink;
            this.entries = entries;
            this.rejected = rejected;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            long received = System.nanoTime();
            if (!request.decoderResult().isSuccess()) {
                rejected.incrementAndGet();
                answer(ctx, request, HttpResponseStatus.BAD_REQUEST);
                return;
            }
            if (!METHODS.contains(request.method())) {
                rejected.incrementAndGet();
                answer(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED);
                return;
            }
            String presented = request.headers().get(TOKEN_HEADER, "");
            // constant time: the token is a secret
            if (!MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8))) {
                rejected.incrementAndGet();
                answer(ctx, request, HttpResponseStatus.UNAUTHORIZED);
                return;
            }
            JsonNode body;
            try (InputStream in = new ByteBufInputStream(request.content())) {
                body = JSON.readTree(in);
            } catch (IOException e) {
                body = null;
            }
            if (body == null || !(body.isObject() || body.isArray())) {
                rejected.incrementAndGet();
                answer(ctx, request, HttpResponseStatus.BAD_REQUEST);
                return;
            }
            if (body.isObject()) {
                deliver(body, received);
            } else {
                for (JsonNode entry : body) {
                    if (entry.isObject()) {
                        deliver(entry, received);
                    } else {
                        rejected.incrementAndGet();
                    }
                }
            }
            answer(ctx, request, HttpResponseStatus.OK);
        }

        private void deliver(JsonNode entry, long received) {
            sink.accept(KongLogEntries.parse(entry, received));
            entries.incrementAndGet();
        }

        private static void answer(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a malformed request (counted) or a broken connection: drop that connection, keep collecting
            if (cause instanceof io.netty.handler.codec.DecoderException) {
                rejected.incrementAndGet();
            }
            ctx.close();
        }
    }
}
