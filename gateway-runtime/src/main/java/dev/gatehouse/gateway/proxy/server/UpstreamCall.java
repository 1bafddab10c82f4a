package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.http.HeaderFieldRules;
import dev.gatehouse.gateway.http.Http1ClientCodec;
import dev.gatehouse.gateway.log.UpstreamTry;
import dev.gatehouse.gateway.proxy.Balancer;
import dev.gatehouse.gateway.proxy.ProxyService;
import dev.gatehouse.gateway.proxy.UpstreamConnector;
import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.gateway.proxy.UpstreamTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The upstream side of a proxied exchange: a pooled connection or a new one through the {@link UpstreamConnector},
 * the request and its body (streamed with backpressure, small bodies kept to replay), Kong's retries and its
 * {@code write_timeout} and {@code read_timeout} deadlines, and the upstream's response handed to the
 * {@link ClientResponse}.
 */
final class UpstreamCall extends Timeouts.Entry {

    /** Request bodies up to this size are kept to replay on a retry. */
    private static final int REPLAY_LIMIT = 64 * 1024;

    private static final int NO_TIMEOUT = 0;
    private static final int WRITE_TIMEOUT = 1;
    private static final int READ_TIMEOUT = 2;

    /**
     * How upstream responses are decoded: headers unvalidated, as the response header scan checks them (a header nginx
     * would call "upstream sent invalid header", with NUL or a bare CR in a value, is a 502); trailers validated.
     */
    private static final HttpDecoderConfig UPSTREAM_DECODING = new HttpDecoderConfig()
            .setMaxInitialLineLength(4096)
            .setMaxHeaderSize(65536)
            .setMaxChunkSize(65536)
            .setValidateHeaders(false)
            .setTrailersFactory(HeaderFieldRules.TRAILERS);

    private final Exchange x;
    private final ClientConnection conn;
    private final ProxyService service;
    private final long dispatchNanos;
    /** Kong's proxy latency: from the start of the request to its dispatch upstream. */
    final long proxyLatency;
    /** The URI sent upstream. */
    String uri = "";
    /** Kong's upstream latency: from the dispatch to the first response byte. */
    long waitingTime = -1;

    long firstByteNanos = -1;
    /** nginx's {@code $upstream_status}: the status of each try, comma-separated. */
    String status = "";

    private UpstreamConnection connection;
    /** Where this try goes: the service's host and port, or the target its upstream's balancer chose. */
    private UpstreamTarget target;
    /** The balancer's own target of this try (null without an upstream), and whether its outcome was reported. */
    private UpstreamTarget balanced;

    private boolean reported;
    private int tries;
    private List<UpstreamTry> tryLog;
    private UpstreamConnection answeringTry;
    private long tryStartNanos;
    private boolean requestWritten;
    private boolean bodyStartedUpstream;
    private boolean reusedConnection;
    private boolean responded;
    private boolean keepAlive;
    private long deadline;
    private long timeoutMillis;
    private int timeoutKind;
    private List<ByteBuf> replay;
    private long replayBytes;
    private boolean replayable = true;

    UpstreamCall(Exchange x, long dispatchNanos) {
        this.x = x;
        this.conn = x.conn;
        this.service = x.service;
        this.dispatchNanos = dispatchNanos;
        this.proxyLatency = Exchange.millis(dispatchNanos - x.startNanos);
        this.target = service.target();
    }

    // ---------------------------------------------------------------- balancing (services whose host is an upstream)

    /** Chooses the first try's target; false when the service's upstream has no healthy target. */
    boolean pickFirst() {
        Balancer b = service.balancer();
        return b == null || pick(b, null);
    }

    private boolean pick(Balancer b, UpstreamTarget previous) {
        UpstreamTarget picked = b.pick(new BalanceInput(x), previous);
        if (picked == null) {
            return false;
        }
        balanced = picked;
        reported = false;
        target = new UpstreamTarget(service.target().scheme(), picked.host(), picked.port());
        return true;
    }

    /** Tells the balancer how the try ended (passive health checks, least-connections, latency), once per try. */
    private void report(int status) {
        Balancer b = service.balancer();
        if (b != null && balanced != null && !reported) {
            reported = true;
            b.report(balanced, status, Exchange.millis(System.nanoTime() - tryStartNanos));
        }
    }

    /**
     * Kong's balancer host header: the upstream's {@code host_header}, else the target's host, with the port when it
     * is not the scheme's default ({@code set_host_header} in kong/runloop/balancer/init.lua).
     */
    String hostHeader() {
        Balancer b = service.balancer();
        if (b == null) {
            return service.hostHeader();
        }
        String host = b.hostHeader() != null ? b.hostHeader() : target.host();
        int defaultPort = target.tls() ? 443 : 80;
        return target.port() == defaultPort ? host : host + ":" + target.port();
    }

    /** True while an upstream connection serves the exchange. */
    boolean connected() {
        return connection != null;
    }

    // ---------------------------------------------------------------- connecting and sending

    void connect() {
        x.state = Exchange.State.CONNECTING;
        tries++;
        tryStartNanos = tries == 1 ? dispatchNanos : System.nanoTime();
        UpstreamTarget target = this.target;
        boolean verify = service.verifiesTls();
        UpstreamTls own = service.tls();
        UpstreamPool.Key key = new UpstreamPool.Key(target, verify, own == null ? null : own.key());
        if (tries == 1) {
            UpstreamConnection pooled = conn.pool.poll(key);
            if (pooled != null) {
                reusedConnection = true;
                attach(pooled);
                return;
            }
        }
        reusedConnection = false;
        if (!x.requestComplete && x.hasBody()) {
            conn.pause(); // body chunks wait in memory until connected: read no more meanwhile
        }
        UpstreamConnection uc = new UpstreamConnection(key, conn.pool);
        ProxyServer server = x.server;
        SslContext tls = !target.tls()
                ? null
                : own != null ? own.context() : verify ? server.upstreamTlsVerified : server.upstreamTls;
        Bootstrap b = new Bootstrap()
                .group(conn.channel.eventLoop())
                .channel(server.transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, service.connectTimeoutMs())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        uc.channel = ch;
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), target.host(), target.port()));
                        }
                        ch.pipeline()
                                .addLast("http", new Http1ClientCodec(UPSTREAM_DECODING))
                                .addLast("upstream", uc);
                    }
                });
        Future<Channel> f;
        try {
            f = server.connector.connect(target, b);
        } catch (RuntimeException e) {
            failed(null, e, false);
            return;
        }
        f.addListener(cf -> {
            if (x.state != Exchange.State.CONNECTING) { // the client went away meanwhile
                if (cf.isSuccess()) {
                    ((Channel) cf.getNow()).close();
                }
                return;
            }
            if (!cf.isSuccess()) {
                failed(null, cf.cause(), false);
                return;
            }
            Channel ch = (Channel) cf.getNow();
            uc.channel = ch;
            SslHandler ssl = ch.pipeline().get(SslHandler.class);
            if (ssl == null) {
                attach(uc);
            } else {
                ssl.handshakeFuture().addListener(hs -> {
                    if (x.state != Exchange.State.CONNECTING) {
                        ch.close();
                    } else if (hs.isSuccess()) {
                        attach(uc);
                    } else {
                        ch.close();
                        failed(null, hs.cause(), false);
                    }
                });
            }
        });
    }

    private void attach(UpstreamConnection uc) {
        connection = uc;
        uc.call = this;
        uc.requests++;
        x.state = Exchange.State.PROXYING;
        responded = false;
        bodyStartedUpstream = false;
        Channel ch = uc.channel;
        ch.write(x.request, ch.voidPromise());
        requestWritten = true;
        byte[] replacementBody = x.replacementBody();
        if (replacementBody != null) {
            x.releasePending();
            ch.write(new DefaultLastHttpContent(Unpooled.wrappedBuffer(replacementBody)), ch.voidPromise());
            x.requestComplete = true;
        } else {
            boolean replaying =
                    (replay != null && !replay.isEmpty()) || (tries > 1 && x.requestComplete && !x.hasPending());
            if (replay != null) {
                for (ByteBuf b : replay) {
                    ch.write(new DefaultHttpContent(b.retainedDuplicate()), ch.voidPromise());
                    bodyStartedUpstream = true;
                }
            }
            HttpContent c;
            while ((c = x.pollPending()) != null) {
                writeBody(c);
                replaying = false;
            }
            if (replaying && x.requestComplete) {
                // the original last chunk went to the failed try
                ch.write(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
            }
        }
        ch.flush();
        if (x.requestComplete) {
            requestSent();
        } else {
            arm(service.writeTimeoutMs(), WRITE_TIMEOUT);
            if (ch.isWritable()) {
                conn.resume();
            }
        }
        if (x.requestComplete || !x.hasBody()) {
            conn.resume(); // a no-op unless reading was paused
        }
    }

    /** Whether the upstream can take more of the request body now. */
    boolean wantsRequestContent() {
        return requestWritten && connection != null && connection.channel.isWritable();
    }

    /** A piece of the request body that arrived while proxying. */
    void onRequestContent(HttpContent c, boolean last) {
        byte[] replacementBody = x.replacementBody();
        if (requestWritten && replacementBody == null) {
            writeBody(c);
            if (last) {
                connection.channel.flush();
                requestSent();
            }
        } else if (replacementBody != null) {
            c.release();
        } else {
            x.queue(c);
        }
    }

    private void writeBody(HttpContent c) {
        bodyStartedUpstream = true;
        if (replayable) {
            int n = c.content().readableBytes();
            if (replayBytes + n <= REPLAY_LIMIT) {
                if (n > 0) {
                    if (replay == null) {
                        replay = new ArrayList<>(4);
                    }
                    replay.add(c.content().retainedDuplicate());
                    replayBytes += n;
                }
            } else {
                replayable = false;
                releaseReplay();
            }
        }
        connection.channel.write(c, connection.channel.voidPromise());
        deadline = deadlineIn(service.writeTimeoutMs());
    }

    private void requestSent() {
        arm(service.readTimeoutMs(), READ_TIMEOUT);
    }

    void onClientReadComplete() {
        if (connection != null && requestWritten) {
            connection.channel.flush();
        }
    }

    void onClientWritabilityChanged() {
        if (connection != null && responded) {
            connection.channel.config().setAutoRead(conn.channel.isWritable());
        }
    }

    void onWritabilityChanged(UpstreamConnection uc) {
        if (uc != connection) {
            return;
        }
        if (x.requestComplete || x.state != Exchange.State.PROXYING) {
            return;
        }
        if (uc.channel.isWritable()) {
            deadline = deadlineIn(service.writeTimeoutMs());
            conn.resume();
        } else {
            conn.pause();
        }
    }

    // ---------------------------------------------------------------- the upstream's response

    void onMessage(UpstreamConnection uc, Object msg) {
        if (uc != connection || x.state != Exchange.State.PROXYING) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (timeoutKind == READ_TIMEOUT) {
            deadline = deadlineIn(timeoutMillis);
        }
        if (msg instanceof HttpResponse resp) {
            if (!resp.decoderResult().isSuccess()) {
                ReferenceCountUtil.release(msg);
                failed(uc, resp.decoderResult().cause(), true);
                return;
            }
            if (resp.status().code() == 100) {
                return; // interim response: the real one follows
            }
            long found = ClientResponse.RESPONSE_SCAN.scanChecked(resp.headers());
            if (found == HeaderScan.INVALID) {
                ReferenceCountUtil.release(msg);
                failed(uc, new DecoderException("upstream sent invalid header"), true);
                return;
            }
            responded = true;
            report(resp.status().code());
            firstByteNanos = System.nanoTime();
            waitingTime = Exchange.millis(firstByteNanos - dispatchNanos);
            releaseReplay();
            answeringTry = uc;
            status = resp.status().codeAsText().toString(); // a constant's text, kept by Netty
            keepAlive = HttpUtil.isKeepAlive(resp);
            if (!x.requestComplete) {
                x.closeAfter = true; // answered before the whole body arrived
                x.bodyLeft = true;
            }
            if (x.response.forwardHead(resp, found, this)) {
                keepAlive = false; // close-delimited upstream body
            }
            boolean last = msg instanceof LastHttpContent;
            if (last) {
                cancelTimer();
            }
            x.response.sendHead(resp, last);
            if (last) {
                done();
            }
            return;
        }
        if (msg instanceof HttpContent c) {
            if (!responded) {
                c.release();
                return;
            }
            boolean last = c instanceof LastHttpContent;
            if (last) {
                cancelTimer();
            }
            x.response.forwardContent(c, last);
            if (last) {
                done();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    void onReadComplete(UpstreamConnection uc) {
        if (uc != connection || x.state != Exchange.State.PROXYING) {
            return;
        }
        if (responded) {
            conn.channel.flush();
            if (!conn.channel.isWritable()) {
                uc.channel.config().setAutoRead(false); // the client is slower than the upstream
            }
        }
    }

    /** The upstream side is over: return the connection to the pool when it can be reused. */
    private void done() {
        UpstreamConnection uc = connection;
        connection = null;
        if (uc != null) {
            uc.call = null;
            if (keepAlive && x.requestComplete && x.server.connector.reusesConnections(target)) {
                uc.pool.release(uc);
            } else {
                uc.channel.close();
            }
        }
        x.maybeFinish();
    }

    void onClosed(UpstreamConnection uc, Throwable cause) {
        if (uc != connection) {
            return;
        }
        if (x.response.complete) {
            return;
        }
        failed(uc, cause, true);
    }

    /**
     * A failure before or during the response: retry when Kong/nginx would (nothing sent yet, or a replayable request
     * that got no response byte), else answer 502/503/504, or cut the client connection when the response already
     * started.
     */
    private void failed(UpstreamConnection uc, Throwable cause, boolean afterConnect) {
        cancelTimer();
        if (uc != null) {
            uc.call = null;
            uc.channel.close();
        }
        connection = null;
        if (x.response.started || x.response.holding()) { // a held head counts as sent, as Kong's would be
            x.response.releaseHeldBody();
            x.closeAfter = true;
            conn.channel.close();
            return;
        }
        int code = failureStatus(cause, afterConnect);
        report(code == 504 ? Balancer.TIMEOUT : Balancer.TCP_FAILURE);
        recordTry(uc, code);
        boolean sentSomething = afterConnect && requestWritten;
        boolean canReplay = !bodyStartedUpstream || (replayable && x.requestComplete);
        HttpMethod method = x.request.method();
        boolean idempotent = !(method.equals(HttpMethod.POST)
                || method.equals(HttpMethod.PATCH)
                || method.name().equals("LOCK"));
        boolean staleReused = reusedConnection && afterConnect && !responded;
        boolean retry = canReplay
                && (!sentSomething || idempotent || staleReused)
                && (tries <= service.retries() || (staleReused && tries == 1));
        if (cause instanceof UnknownHostException) {
            retry = false;
        }
        if (retry) {
            requestWritten = false;
            Balancer b = service.balancer();
            if (b != null && !pick(b, balanced)) {
                x.respondError(503, "failure to get a peer from the ring-balancer", false);
                return;
            }
            connect(); // sets state = CONNECTING first
            return;
        }
        String message = code == 503 && cause instanceof UnknownHostException
                ? "name resolution failed"
                : KongErrors.defaultMessage(code);
        x.respondError(code, message, false);
    }

    private int failureStatus(Throwable cause, boolean afterConnect) {
        if (cause instanceof UpstreamTimeout || cause instanceof ConnectTimeoutException) {
            return 504;
        }
        if (cause instanceof UnknownHostException) {
            return 503;
        }
        if (cause instanceof ConnectException || afterConnect) {
            return x.server.connector.failureStatus(target);
        }
        return 502;
    }

    /** The client went away or its body was refused: drop the connection, never pooled; no retry follows. */
    void abort() {
        cancelTimer();
        report(Balancer.RELEASED);
        releaseReplay(); // the exchange may end without finish() (client gone): nothing else releases these
        if (connection != null) {
            connection.call = null;
            connection.channel.close();
            connection = null;
        }
    }

    /** The exchange is over: no deadline, no replay buffers. */
    void finish() {
        cancelTimer();
        report(Balancer.RELEASED);
        releaseReplay();
    }

    private void releaseReplay() {
        if (replay != null) {
            replay.forEach(ByteBuf::release);
            replay.clear();
        }
    }

    // ---------------------------------------------------------------- tries, for the log

    /** True when a try failed before this one. */
    boolean failedBefore() {
        return tryLog != null;
    }

    /** Records a failed try (the answering one is described at log time, from {@link #answeringTry}). */
    private void recordTry(UpstreamConnection uc, Integer failedCode) {
        if (tryLog == null) {
            tryLog = new ArrayList<>(2);
        }
        tryLog.add(describeTry(uc, Exchange.wallNanos(tryStartNanos)).failed(failedCode));
        status = status.isEmpty() ? Integer.toString(failedCode) : status + ", " + failedCode;
    }

    /**
     * Kong's try: {@code balancer_start} in whole milliseconds, never after the try began (Kong's cached
     * {@code ngx.now()}), and {@code balancer_start_ns} to the nanosecond (Kong's {@code time_ns()}).
     */
    private UpstreamTry describeTry(UpstreamConnection uc, long startNanos) {
        String ip = uc != null && uc.channel != null ? uc.peerIp() : target.host();
        int port = uc != null && uc.channel != null ? uc.peerPort() : target.port();
        return new UpstreamTry(Math.floorDiv(startNanos, 1_000_000L), startNanos, 0, 0, ip, port, null, null);
    }

    /** Every try (Kong's {@code tries}), or null when none was made. */
    List<UpstreamTry> tries() {
        if (answeringTry == null) {
            return tryLog == null ? null : List.copyOf(tryLog);
        }
        List<UpstreamTry> all = tryLog == null ? new ArrayList<>(1) : new ArrayList<>(tryLog);
        all.add(describeTry(answeringTry, Exchange.wallNanos(tryStartNanos)));
        return all;
    }

    // ---------------------------------------------------------------- timeouts

    private static final class UpstreamTimeout extends Exception {
        UpstreamTimeout() {
            super("upstream timed out", null, false, false);
        }
    }

    private void arm(int ms, int kind) {
        timeoutMillis = ms;
        timeoutKind = kind;
        deadline = deadlineIn(ms);
        conn.timeouts.add(this);
    }

    /** The deadline {@code ms} from now; deadlines run on the loop's coarse clock: a tick late at worst. */
    private long deadlineIn(long ms) {
        return conn.timeouts.now() + TimeUnit.MILLISECONDS.toNanos(ms + Timeouts.TICK_MILLIS);
    }

    @Override
    long deadlineNanos() {
        return deadline;
    }

    @Override
    void expired(long now) {
        if (x.state != Exchange.State.PROXYING || timeoutKind == NO_TIMEOUT || x.response.complete) {
            cancelTimer();
            return;
        }
        boolean notWaitingOnUpstream = timeoutKind == WRITE_TIMEOUT
                ? connection != null && connection.channel.isWritable()
                : responded && !conn.channel.isWritable(); // the client is slow, not the upstream
        if (notWaitingOnUpstream) {
            deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            return;
        }
        failed(connection, new UpstreamTimeout(), true);
    }

    private void cancelTimer() {
        timeoutKind = NO_TIMEOUT;
        conn.timeouts.remove(this);
    }
}
