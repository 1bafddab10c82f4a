package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.ClientIdentity;
import dev.gatehouse.mesh.policy.Decision;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The first handler of an inbound connection. With mTLS on it waits for the handshake (a client certificate from the
 * mesh CA is required by the TLS context), requires a {@code spiffe://<mesh>/} URI SAN, reads the peer's identity
 * ({@link ClientIdentity}) and asks the permission engine;
 * with mTLS off it lets the connection through, as Kuma enforces permissions only under mTLS. Allowed: it connects
 * to the application and hands over to two {@link Relay}s. Denied: TCP services are closed (Envoy's network RBAC
 * filter), HTTP services get {@code 403 RBAC: access denied} (the HTTP RBAC filter, Kuma 2.6+).
 */
final class InboundConnection extends ConnectionSetup {
    /** A client that presented no mesh identity (plaintext, or mTLS off). */
    private static final ClientIdentity ANONYMOUS = new ClientIdentity(java.util.Map.of());

    private final DataplaneDefinition.Inbound inbound;
    private final InetSocketAddress application;
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private boolean decided;

    InboundConnection(
            ProxyContext px,
            DataplaneState state,
            DataplaneDefinition.Inbound inbound,
            InetSocketAddress application,
            ConnectionLog log) {
        super(px, state, log);
        this.inbound = inbound;
        this.application = application;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!state.mtls()) {
            log.decided(state.inbound().get(inbound.index()).decide(ANONYMOUS));
            forward(ctx);
        } else {
            ctx.read(); // auto-read is off until the upstream is connected; the handshake needs the first read
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent hs) {
            if (!hs.isSuccess()) {
                log.fail("-", "tls_handshake_failed: " + hs.cause().getMessage());
                ctx.close();
                return;
            }
            List<String> uris;
            try {
                X509Certificate peer = TlsIdentity.peer(
                        ctx.pipeline().get(SslHandler.class).engine().getSession());
                uris = ClientIdentity.uriSans(peer);
            } catch (SSLPeerUnverifiedException e) {
                log.fail("-", "no_client_certificate");
                ctx.close();
                return;
            }
            if (!ClientIdentity.hasMeshSpiffeId(px.mesh, uris)) {
                // Envoy's validation context in Kuma accepts only a spiffe://<mesh>/ URI SAN: the handshake fails.
                log.fail("-", "tls_handshake_failed: client certificate has no spiffe://" + px.mesh + "/ URI SAN");
                ctx.close();
                return;
            }
            decide(ctx, ClientIdentity.fromUris(px.mesh, uris));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void decide(ChannelHandlerContext ctx, ClientIdentity client) {
        decided = true;
        log.source(first(client.tags().get(ClientIdentity.SERVICE_TAG)));
        Decision d = state.inbound().get(inbound.index()).decide(client);
        log.decided(d);
        if (d.allowed()) {
            forward(ctx);
        } else if (inbound.http()) {
            answerForbidden(ctx);
        } else {
            ctx.close();
        }
    }

    private void forward(ChannelHandlerContext ctx) {
        Channel downstream = ctx.channel();
        // http-tagged inbounds log every request (when an access log is configured); tcp ones log the connection.
        HttpRequestTap tap = inbound.http() && log.active() ? new HttpRequestTap(log) : null;
        ChannelFuture f = px.connect(downstream, application, new Relay(downstream, log, false, true, tap));
        upstream = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                if (tap != null) {
                    tap.close();
                }
                log.fail("UF", "upstream_connect_failed: " + done.cause().getMessage());
                downstream.close();
                return;
            }
            if (!adoptUpstream(downstream, application)) {
                return;
            }
            Relay relay = new Relay(upstream, log, true, true, tap);
            ctx.pipeline().replace(this, "relay", relay);
            Object m;
            while ((m = pending.poll()) != null) {
                relay.channelRead(ctx, m);
            }
            upstream.flush();
            downstream.config().setAutoRead(true);
            upstream.config().setAutoRead(true);
        });
    }

    /** Kuma 2.6+: a denied HTTP request is answered by the proxy; each request on the connection gets the 403. */
    private void answerForbidden(ChannelHandlerContext ctx) {
        ctx.pipeline().addAfter(ctx.name(), "http", new HttpServerCodec());
        ctx.pipeline().addAfter("http", "forbidden", new ForbiddenResponder(log));
        Object m;
        while ((m = pending.poll()) != null) {
            ctx.fireChannelRead(m);
        }
        ctx.pipeline().remove(this);
        ctx.channel().config().setAutoRead(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        pending.add(msg); // data that arrived with the handshake, before the decision or the upstream connection
        if (!decided
                && state.mtls()
                && state.view().permissive()
                && ctx.pipeline().get(SslHandler.class) == null
                && ctx.pipeline().get(OptionalSslHandler.class) == null) {
            // PERMISSIVE mode and the client spoke plaintext: it has no identity, so only rules that admit any
            // client (kuma.io/service: '*', from kind Mesh) let it in.
            decide(ctx, ANONYMOUS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.forEach(ReferenceCountUtil::release);
        pending.clear();
        super.channelInactive(ctx);
    }

    private static String first(Set<String> values) {
        return values == null || values.isEmpty() ? "" : values.iterator().next();
    }
}
