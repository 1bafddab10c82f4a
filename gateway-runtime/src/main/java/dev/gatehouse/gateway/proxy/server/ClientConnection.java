package dev.gatehouse.gateway.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * One client connection (HTTP/1.1 keep-alive): runs its requests one after another, each as an {@link Exchange}.
 * The socket is read as data arrives (no per-read epoll changes); reading pauses only for backpressure (the upstream
 * cannot take more of a request body, or too many pipelined requests wait).
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

    /** Kong's {@code keepalive_timeout} (and client header timeout): an idle connection closes after 60 s. */
    static final long IDLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);

    final ProxyServer server;
    final UpstreamPool pool;
    final Timeouts timeouts;
    final boolean tls;
    final int listenerPort;
    final String listenerPortText;
    /** nginx's {@code $connection}: this connection's serial number in the process. */
    final long serial = SERIALS.incrementAndGet();
    /** nginx's {@code $connection_requests}: the requests read on this connection so far. */
    long requests;

    private static final AtomicLong SERIALS = new AtomicLong();
    Channel channel;
    String clientIp;
    private Exchange current;
    private static final int MAX_QUEUED = 64;
    private final ArrayDeque<Object> queued = new ArrayDeque<>(0);
    private boolean paused;
    private long lastRead;
    private final Timeouts.Entry idleTimer = new Timeouts.Entry() {
        @Override
        long deadlineNanos() {
            return lastRead + IDLE_NANOS;
        }

        @Override
        void expired(long now) {
            if (current == null) {
                channel.close(); // idle between requests
            } else {
                lastRead = now; // a request is in progress: its own timeouts apply
            }
        }
    };
    private String sni;
    private boolean sniResolved;
    /** nginx's lingering_timeout is 5 s of silence within lingering_time 30 s; a little is enough here. */
    private static final long LINGER_MILLIS = 2000;

    private boolean lingering;

    ClientConnection(ProxyServer server, ProxyServer.Loop loop, boolean tls, int listenerPort) {
        this.server = server;
        this.pool = loop.pool();
        this.timeouts = loop.timeouts();
        this.tls = tls;
        this.listenerPort = listenerPort;
        this.listenerPortText = Integer.toString(listenerPort);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        clientIp = channel.remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress()
                : String.valueOf(channel.remoteAddress());
        lastRead = timeouts.now();
        timeouts.add(idleTimer);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastRead = timeouts.now();
        if (lingering) {
            ReferenceCountUtil.release(msg); // what the client still sends of a body already answered
            return;
        }
        if (current == null && queued.isEmpty() && msg instanceof HttpRequest req) {
            start(req);
            return;
        }
        if (current != null && queued.isEmpty() && msg instanceof HttpContent c && current.acceptsRequestContent()) {
            current.onRequestContent(c);
            return;
        }
        queued.add(msg); // a pipelined request (or its body) waits for the current exchange to finish
        if (queued.size() > MAX_QUEUED) {
            pause();
        }
    }

    private void start(HttpRequest req) {
        if (server.closing()) {
            ReferenceCountUtil.release(req);
            channel.close();
            return;
        }
        requests++;
        current = new Exchange(this, req);
        current.start();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientReadComplete();
        }
    }

    /**
     * nginx's lingering close: after answering a request whose body was left unread (a 413, say), send the answer and
     * FIN, then read and drop what the client still sends for a while. Closing with unread data makes the kernel send
     * RST, which can destroy the answer before the client reads it; the client would see "connection reset" instead
     * of the 413.
     */
    private void linger() {
        lingering = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
            if (channel instanceof DuplexChannel duplex && channel.isActive()) {
                duplex.shutdownOutput();
            }
        });
        channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
        paused = false;
        channel.config().setAutoRead(true);
    }

    /** Stops reading from the client (backpressure); a no-op when already paused. */
    void pause() {
        if (!paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    /** Reads from the client again, unless too many pipelined requests wait. */
    void resume() {
        if (paused && queued.size() <= MAX_QUEUED) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }

    /** The exchange finished; continue with a queued request or wait for the next one. */
    void exchangeDone(Exchange e, boolean keepAlive) {
        if (current != e) {
            return;
        }
        current = null;
        if (!keepAlive) {
            queued.forEach(ReferenceCountUtil::release);
            queued.clear();
            if (e.bodyLeft || !e.requestComplete) {
                // answered before the body's end (a 413 known from Content-Length, say): what is unread must not
                // turn the close into a reset that takes the answer with it
                linger();
            } else {
                channel.close();
            }
            return;
        }
        while (!queued.isEmpty()) {
            Object next = queued.poll();
            if (current == null) {
                if (next instanceof HttpRequest req) {
                    start(req);
                } else {
                    ReferenceCountUtil.release(next); // leftover body of a request already answered
                }
            } else if (next instanceof HttpContent c && current.acceptsRequestContent()) {
                current.onRequestContent(c);
            } else {
                queued.addFirst(next);
                break;
            }
        }
        if (current == null || current.wantsRequestContent()) {
            resume();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.onClientWritabilityChanged();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        timeouts.remove(idleTimer);
        queued.forEach(ReferenceCountUtil::release);
        queued.clear();
        if (current != null) {
            current.onClientClosed();
            current = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** The TLS server name the client asked for, or null. */
    String sni() {
        if (!sniResolved) {
            sniResolved = true;
            SslHandler h = channel.pipeline().get(SslHandler.class);
            if (h != null && h.engine().getSession() instanceof ExtendedSSLSession s) {
                List<SNIServerName> names = s.getRequestedServerNames();
                for (SNIServerName n : names) {
                    if (n instanceof SNIHostName hn) {
                        sni = hn.getAsciiName();
                    }
                }
            }
        }
        return sni;
    }

    /** The negotiated TLS session, or null on plain connections. */
    SSLSession tlsSession() {
        SslHandler h = channel.pipeline().get(SslHandler.class);
        return h == null ? null : h.engine().getSession();
    }
}
