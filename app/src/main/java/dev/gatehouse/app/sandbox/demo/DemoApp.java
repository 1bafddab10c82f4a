package dev.gatehouse.app.sandbox.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's {@code demo-app}, faithful to Kuma's classic counter demo (kumahq/kuma-counter-demo, Node.js + Redis):
 * {@code POST /increment}, {@code GET /counter}, {@code DELETE /counter}, {@code GET /version}, JSON
 * {@code {counter, zone, err}}, and 500 with {@code err} set when Redis cannot be reached.
 */
public final class DemoApp implements AutoCloseable {

    /** The classic demo's defaults (APP_VERSION 1.0, APP_COLOR #efefef). */
    static final String VERSION = "1.0";

    static final String COLOR = "#efefef";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup group;
    private final Channel channel;
    private final ExecutorService redisCalls;

    private DemoApp(EventLoopGroup group, Channel channel, ExecutorService redisCalls) {
        this.group = group;
        this.channel = channel;
        this.redisCalls = redisCalls;
    }

    /** Listens on 127.0.0.1:{@code port} (0 = free) and keeps its counter in Redis at {@code redisHost:redisPort}. */
    public static DemoApp start(int port, String redisHost, int redisPort) throws InterruptedException {
        InetSocketAddress redis = InetSocketAddress.createUnresolved(redisHost, redisPort);
        return start(port, () -> redis);
    }

    /**
     * Listens on 127.0.0.1:{@code port} (0 = free) and keeps its counter in Redis where {@code redis} says at each
     * request (null until known: the request then fails with a sentence).
     */
    public static DemoApp start(int port, java.util.function.Supplier<InetSocketAddress> redis)
            throws InterruptedException {
        CounterStore store = new CounterStore(redis, 2_000);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService redisCalls = Executors.newVirtualThreadPerTaskExecutor();
        Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(
                                        new HttpServerCodec(),
                                        new HttpObjectAggregator(64 * 1024),
                                        new Handler(store, redisCalls));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port))
                .sync()
                .channel();
        return new DemoApp(group, channel, redisCalls);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // No quiet period: the listener is already closed, and stopping the sandbox should take a moment, not seconds.
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        redisCalls.shutdownNow();
    }

    /** Routes one request; Redis calls block, so they run on a virtual thread, never on the event loop. */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final CounterStore store;
        private final ExecutorService redisCalls;

        Handler(CounterStore store, ExecutorService redisCalls) {
            this.store = store;
            this.redisCalls = redisCalls;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            String path = request.uri().split("\\?", 2)[0];
            HttpMethod method = request.method();
            Runnable work = () -> {
                FullHttpResponse response = respond(method, path);
                HttpUtil.setKeepAlive(response, keepAlive);
                var written = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    written.addListener(ChannelFutureListener.CLOSE);
                }
            };
            redisCalls.execute(work);
        }

        private FullHttpResponse respond(HttpMethod method, String path) {
            if (path.equals("/increment") && method.equals(HttpMethod.POST)) {
                return counter(store.increment());
            }
            if (path.equals("/counter") && method.equals(HttpMethod.GET)) {
                return counter(store.read());
            }
            if (path.equals("/counter") && method.equals(HttpMethod.DELETE)) {
                return counter(store.reset());
            }
            if (path.equals("/version") && method.equals(HttpMethod.GET)) {
                return json(
                        HttpResponseStatus.OK,
                        JSON.createObjectNode().put("version", VERSION).put("color", COLOR));
            }
            if (path.equals("/") && method.equals(HttpMethod.GET)) {
                return page();
            }
            return json(HttpResponseStatus.NOT_FOUND, JSON.createObjectNode().put("err", "not found"));
        }

        private static FullHttpResponse counter(CounterStore.Result result) {
            ObjectNode body = JSON.createObjectNode();
            if (result.counter() == null) {
                body.putNull("counter");
            } else {
                body.put("counter", result.counter());
            }
            body.put("zone", result.zone());
            body.put("err", result.err());
            return json(result.failed() ? HttpResponseStatus.INTERNAL_SERVER_ERROR : HttpResponseStatus.OK, body);
        }

        private static FullHttpResponse json(HttpResponseStatus status, ObjectNode body) {
            return response(status, "application/json; charset=utf-8", body.toString());
        }

        private static FullHttpResponse page() {
            return response(HttpResponseStatus.OK, "text/html; charset=utf-8", """
                    <!doctype html><html><head><meta charset="utf-8"><title>Kuma counter demo</title></head>
                    <body style="font-family: sans-serif; margin: 3em">
                    <h1>Counter: <span id="counter">?</span></h1><p>Zone: <span id="zone">?</span></p>
                    <p id="err"></p>
                    <button onclick="call('POST','/increment')">Increment</button>
                    <button onclick="call('DELETE','/counter')">Reset</button>
                    <script>
                    async function call(method, path) {
                      const r = await fetch(path, {method}); const j = await r.json();
                      document.getElementById('counter').textContent = j.counter;
                      document.getElementById('zone').textContent = j.zone;
                      document.getElementById('err').textContent = j.err || '';
                    }
                    call('GET', '/counter');
                    </script></body></html>
                    """);
        }

        private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response =
                    new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, type)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            return response;
        }
    }
}
