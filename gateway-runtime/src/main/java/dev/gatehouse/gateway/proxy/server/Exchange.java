package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.RequestHeadRejected;
import dev.gatehouse.gateway.proxy.Credential;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.proxy.ProxyService;
import dev.gatehouse.gateway.router.RouteMatch;
import dev.gatehouse.gateway.router.RouteRequest;
import dev.gatehouse.gateway.runtime.PluginPlan;
import dev.gatehouse.gateway.runtime.RuntimeConfig;
import dev.gatehouse.gateway.uri.UriNormalizer;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request through the proxy, on its connection's event loop from start to end: the state machine that routes
 * it, runs the access phase of the route's plugin plan ({@link PluginPhases}), then either answers it itself
 * ({@link ClientResponse}) or proxies it ({@link UpstreamCall}), feeds the request body to whichever side takes it,
 * and ends with the log phase ({@link LogPhase}).
 */
final class Exchange implements RouteRequest.Connection {

    /** Kong's client_body_buffer_size: bodies up to this size are readable by plugins. */
    static final int BODY_BUFFER = 8192;
    /** True once {@code 100 Continue} went out for a body the access phase reads. */
    private boolean continueSent;
    /** A body still unread after a Kong-generated response is read and dropped up to this size, else we close. */
    static final long DISCARD_LIMIT = 256 * 1024;

    /**
     * Where the request is: routing and the access phase ({@code ROUTING}, or {@code BUFFERING} a small body for a
     * plugin first), the upstream call ({@code CONNECTING}, then {@code PROXYING}; set by {@link UpstreamCall}), a
     * Kong-generated answer ({@code LOCAL}), or finished ({@code DONE}).
     */
    enum State {
        ROUTING,
        BUFFERING,
        CONNECTING,
        PROXYING,
        LOCAL,
        DONE
    }

    final ClientConnection conn;
    final ProxyServer server;
    final HttpRequest request;
    final String requestId;
    final long startNanos;
    final RuntimeConfig cfg;
    final String rawUri;
    final String rawPath;
    final String rawQuery;
    final boolean keepAliveRequested;
    final String clientHost;
    final ClientResponse response;
    State state = State.ROUTING;
    String path;
    /** The client connection closes once this exchange is over. */
    boolean closeAfter;
    /** A Set-Cookie the upstream's consistent hashing made up (Kong's {@code balancer_data.hash_cookie}), or null. */
    String hashCookie;
    /** Answered with part of the request body still unread: the connection lingers before it closes. */
    boolean bodyLeft;

    // routing and plugins
    RouteMatch match;
    ProxyRoute route;
    ProxyService service;
    PluginPlan plan;
    /** The plugin side of the request; null while no plugin applies. */
    PluginPhases plugins;
    /** The request headers as the log shows them, captured before they are rewritten for the upstream. */
    Map<String, Object> logRequestHeaders;

    // request body
    private ArrayDeque<HttpContent> pending;
    CompositeByteBuf buffered;
    boolean bufferOverflow;
    boolean requestComplete;
    long requestBodyBytes;
    private long discarded;

    /** The upstream side; null unless the request is proxied. */
    UpstreamCall upstream;

    Exchange(ClientConnection conn, HttpRequest request) {
        this.conn = conn;
        this.server = conn.server;
        this.request = request;
        this.startNanos = System.nanoTime();
        this.requestId = RequestIds.next();
        this.cfg = server.config.current();
        this.rawUri = request.uri();
        int q = rawUri.indexOf('?');
        this.rawPath = q < 0 ? rawUri : rawUri.substring(0, q);
        this.rawQuery = q < 0 ? null : rawUri.substring(q + 1);
        this.keepAliveRequested = HttpUtil.isKeepAlive(request);
        this.clientHost = request.headers().get(HttpHeaderNames.HOST);
        this.response = new ClientResponse(this);
    }

    // ---------------------------------------------------------------- routing and access

    void start() {
        server.inFlight.increment();
        server.requests.increment();
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            int code = cause instanceof RequestHeadRejected r
                    ? r.status()
                    : cause instanceof TooLongHttpLineException
                            ? 414
                            : cause instanceof TooLongHttpHeaderException ? 494 : 400;
            requestComplete = true; // nothing of this connection is read after a refused head
            closeAfter = true;
            plan = cfg.globalPlan();
            if (code == 501 || code == 505) {
                state = State.LOCAL;
                response.sendNginxPage(code); // not in Kong's error_page lists
            } else {
                respondError(code == 494 ? 400 : code, KongErrors.defaultMessage(code), true);
            }
            return;
        }
        String target = rawPath;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        path = UriNormalizer.normalize(target, true);
        HttpHeaders h = request.headers();
        match = cfg.match(new RouteRequest(
                request.method().name(),
                path,
                clientHost,
                conn.listenerPort,
                scheme(),
                conn.sni(),
                sink -> h.forEach(e -> sink.accept(e.getKey(), e.getValue())),
                this));
        if (match == null) {
            plan = cfg.globalPlan();
            collectWithoutAccess();
            respondKongError(404, "no Route matched with those values", null);
            return;
        }
        route = match.route();
        service = route.service();
        plan = cfg.plan(route);
        if (plan.readsBody() && !requestComplete && hasBody()) {
            state = State.BUFFERING;
            buffered = Unpooled.compositeBuffer(16);
            if (HttpUtil.is100ContinueExpected(request)) {
                // nginx's ngx.req.read_body sends the interim answer, or the client would wait for it forever
                continueSent = true;
                conn.channel.writeAndFlush(
                        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            conn.resume();
            return;
        }
        access();
    }

    /** For answers given before the access phase: the plan's handlers, for header_filter and log. */
    private void collectWithoutAccess() {
        if (!plan.isEmpty()) {
            plugins = new PluginPhases(this);
            plugins.collectWithoutAccess();
        }
    }

    private void access() {
        // Kong's https-only routes and gRPC routes (kong/runloop/handler.lua, before the plugins)
        if (!route.acceptsHttp() && !"https".equals(scheme())) {
            collectWithoutAccess();
            if (route.httpsRedirectStatusCode() == 426) {
                respondKongError(
                        426,
                        "Please use HTTPS protocol",
                        Map.of("Connection", "Upgrade", "Upgrade", "TLS/1.2, HTTP/1.1"));
            } else {
                respondExit(
                        route.httpsRedirectStatusCode(),
                        Map.of("Location", "https://" + forwardedHost(clientHost) + rawUri));
            }
            return;
        }
        if (route.grpc()) {
            collectWithoutAccess();
            String ct = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            if (ct != null && ct.startsWith("application/grpc")) {
                respondKongError(
                        426, "Please use HTTP2 protocol", Map.of("connection", "Upgrade", "upgrade", "HTTP/2"));
            } else {
                respondKongError(415, "Non-gRPC request matched gRPC route", null);
            }
            return;
        }
        if (!plan.isEmpty()) {
            plugins = new PluginPhases(this);
            plugins.access();
            ClientResponse.Exit exit = response.exit;
            if (exit != null) {
                if (exit.withBody()) {
                    respondKongError(exit.status(), exit.message(), exit.headers());
                } else if (exit.raw() != null) {
                    answerLocally();
                    response.sendRaw(exit.status(), exit.raw(), exit.rawHeaders());
                } else {
                    respondExit(exit.status(), exit.body(), exit.headers());
                }
                return;
            }
        }
        if (service == null) {
            respondKongError(503, "no Service found with those values", null);
            return;
        }
        upstream = new UpstreamCall(this, System.nanoTime());
        if (!upstream.pickFirst()) {
            upstream = null;
            // kong/runloop/balancer/init.lua: no healthy target in the upstream's balancer
            respondKongError(503, "failure to get a peer from the ring-balancer", null);
            return;
        }
        boolean expectContinue = HttpUtil.is100ContinueExpected(request);
        if (plan.hasLog() || server.events.active()) {
            logRequestHeaders = LogPhase.kongShape(request.headers());
        }
        upstream.uri = UpstreamRequest.prepare(this);
        if (expectContinue && !requestComplete && !continueSent) {
            conn.channel.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
        upstream.connect();
    }

    // ---------------------------------------------------------------- request body

    /** True until the request's last content arrived. */
    boolean acceptsRequestContent() {
        return !requestComplete;
    }

    /** Whether reading the client should go on now (false: pause for backpressure). */
    boolean wantsRequestContent() {
        if (requestComplete) {
            return true; // only pipelined requests or a close can come; they are queued
        }
        return switch (state) {
            case BUFFERING, LOCAL, DONE, ROUTING -> true;
            case PROXYING -> upstream.wantsRequestContent();
            case CONNECTING -> !hasBody(); // body chunks wait in memory: read no more until connected
        };
    }

    void onRequestContent(HttpContent c) {
        if (!c.decoderResult().isSuccess()) {
            requestBodyRefused(c);
            return;
        }
        boolean last = c instanceof LastHttpContent;
        int n = c.content().readableBytes();
        requestBodyBytes += n;
        if (last) {
            requestComplete = true;
        }
        switch (state) {
            case BUFFERING -> {
                if (!bufferOverflow && buffered.readableBytes() + n <= BODY_BUFFER) {
                    buffered.addComponent(true, c.content().retainedSlice());
                } else {
                    bufferOverflow = true;
                }
                pending().add(c);
                if (last || bufferOverflow) {
                    state = State.ROUTING;
                    access();
                }
            }
            case PROXYING -> upstream.onRequestContent(c, last);
            case LOCAL, DONE -> {
                discarded += n;
                c.release();
                if (last) {
                    maybeFinish();
                } else if (discarded > DISCARD_LIMIT) {
                    closeAfter = true;
                    bodyLeft = true;
                    requestComplete = true; // stop reading: the connection closes after the response
                    maybeFinish();
                }
            }
            default -> pending().add(c);
        }
    }

    /**
     * The decoder refused the chunked body (a chunk size that overflows, a NUL in a chunk extension, bare-LF framing):
     * nginx answers 400 and closes. Nothing more is read; an upstream connection that got part of the request is
     * closed, never pooled, so the upstream never sees the request complete.
     */
    private void requestBodyRefused(HttpContent c) {
        c.release();
        requestComplete = true;
        closeAfter = true;
        if (state == State.LOCAL || state == State.DONE) {
            maybeFinish(); // already answered or answering: the connection closes after that answer
            return;
        }
        if (upstream != null) {
            upstream.abort();
        }
        releasePending();
        if (response.started) {
            conn.channel.close(); // the upstream's answer is partly out: cut it, as for an upstream failure
            return;
        }
        respondError(400, KongErrors.defaultMessage(400), true);
    }

    /** Request content that arrived before the upstream connection could take it. */
    void queue(HttpContent c) {
        pending().add(c);
    }

    private ArrayDeque<HttpContent> pending() {
        if (pending == null) {
            pending = new ArrayDeque<>(4);
        }
        return pending;
    }

    /** The next queued request content, or null. */
    HttpContent pollPending() {
        return pending == null ? null : pending.poll();
    }

    boolean hasPending() {
        return pending != null && !pending.isEmpty();
    }

    void releasePending() {
        HttpContent c;
        while (pending != null && (c = pending.poll()) != null) {
            c.release();
        }
    }

    private void releaseBuffered() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    boolean hasBody() {
        return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    }

    // ---------------------------------------------------------------- client connection events

    void onClientReadComplete() {
        if (state == State.PROXYING) {
            upstream.onClientReadComplete();
        }
    }

    void onClientWritabilityChanged() {
        if (upstream != null && state == State.PROXYING) {
            upstream.onClientWritabilityChanged();
        }
    }

    void onClientClosed() {
        if (state == State.DONE) {
            return;
        }
        releasePending();
        if (upstream != null) {
            upstream.abort();
        }
        if (!response.complete) {
            response.status = response.started ? response.status : 499; // nginx's "client closed request"
        }
        state = State.DONE;
        closeAfter = true;
        logPhase();
        server.inFlight.decrement();
    }

    // ---------------------------------------------------------------- Kong-generated answers

    void respondKongError(int code, String message, Map<String, String> headers) {
        answerLocally();
        response.sendKongError(code, message, headers);
    }

    /** nginx-level errors (502, 504, bad requests) use error_handlers.lua's type rules. */
    void respondError(int code, String message, boolean badRequest) {
        answerLocally();
        response.sendError(code, message, badRequest);
    }

    private void respondExit(int code, Map<String, String> headers) {
        respondExit(code, null, headers);
    }

    private void respondExit(int code, String body, Map<String, String> headers) {
        answerLocally();
        if (body == null) {
            response.sendExit(code, headers);
        } else {
            response.sendExit(code, body, headers);
        }
    }

    private void answerLocally() {
        state = State.LOCAL;
        releasePending();
        releaseBuffered();
    }

    // ---------------------------------------------------------------- completion

    /** Ends the exchange once the response is out, the upstream side is over and the request body is read. */
    void maybeFinish() {
        if (state == State.DONE || !response.complete || (upstream != null && upstream.connected())) {
            return;
        }
        if (!requestComplete && !closeAfter) {
            return; // still draining the request body
        }
        state = State.DONE;
        if (upstream != null) {
            upstream.finish();
        }
        releasePending();
        logPhase();
        server.inFlight.decrement();
        conn.exchangeDone(this, !closeAfter && requestComplete);
    }

    private void logPhase() {
        releaseBuffered();
        response.releaseHeldBody();
        LogPhase.run(this);
    }

    // ---------------------------------------------------------------- what the parts share

    String scheme() {
        return conn.tls ? "https" : "http";
    }

    /** nginx's {@code $host}: the Host header's name, lower-cased, else the listener's address. */
    String forwardedHost(String host) {
        if (host == null || host.isEmpty()) {
            return conn.channel.localAddress() instanceof java.net.InetSocketAddress a
                    ? a.getHostString()
                    : "localhost";
        }
        int colon = host.lastIndexOf(':');
        String name = colon > host.lastIndexOf(']') && colon >= 0 ? host.substring(0, colon) : host;
        return name.toLowerCase(Locale.ROOT);
    }

    /** The query arguments (as plugins left them). */
    @Override
    public Map<String, List<String>> queryArgs() {
        return plugins != null ? plugins.queryArgs() : QueryArgs.parse(rawQuery);
    }

    @Override
    public java.net.InetSocketAddress remoteAddress() {
        return conn.channel.remoteAddress() instanceof java.net.InetSocketAddress a ? a : null;
    }

    @Override
    public java.net.InetSocketAddress localAddress() {
        return conn.channel.localAddress() instanceof java.net.InetSocketAddress a ? a : null;
    }

    /** The body a plugin put in place of the client's, or null. */
    byte[] replacementBody() {
        return plugins == null ? null : plugins.replacementBody();
    }

    ProxyConsumer consumer() {
        return plugins == null ? null : plugins.consumer();
    }

    Credential credential() {
        return plugins == null ? null : plugins.credential();
    }

    static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    static long millisSince(long startNanos) {
        return millis(System.nanoTime() - startNanos);
    }

    /** Epoch nanoseconds of a {@link System#nanoTime()} instant of this request. */
    static long wallNanos(long nanoInstant) {
        Instant wallNow = Instant.now();
        return LogPhase.epochNanos(wallNow, System.nanoTime() - nanoInstant);
    }
}
