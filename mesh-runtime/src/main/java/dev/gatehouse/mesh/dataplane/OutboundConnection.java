package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.ClientIdentity;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The first handler of an outbound connection (the local application connecting to 127.0.0.1:port). It picks the
 * next inbound of the destination service (round robin over the control plane's endpoints), originates mutual TLS
 * with our certificate, and accepts the server only if its certificate carries {@code spiffe://<mesh>/<service>}
 * (Kuma's {@code ServiceSpiffeIDMatcher} on the upstream TLS context). With mTLS off it opens plain TCP. Connection
 * failures move on to the next endpoint; an identity mismatch does not (that endpoint is not the service). To an
 * http service it logs each request, as Envoy's HTTP connection manager does on Kuma's outbound listeners (the
 * service's protocol is its endpoints'); otherwise, and when the tap cannot follow, the connection.
 */
final class OutboundConnection extends ConnectionSetup {
    private static final int MAX_CONNECT_ATTEMPTS = 3;
    private final DataplaneDefinition.Outbound outbound;
    private final AtomicInteger roundRobin;
    private HttpRequestTap tap;

    OutboundConnection(
            ProxyContext px,
            DataplaneState state,
            DataplaneDefinition.Outbound outbound,
            AtomicInteger roundRobin,
            ConnectionLog log) {
        super(px, state, log);
        this.outbound = outbound;
        this.roundRobin = roundRobin;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        List<InetSocketAddress> endpoints = state.view().endpointsOf(outbound.service());
        if (endpoints.isEmpty()) {
            log.fail("UH", "no_healthy_upstream");
            ctx.close();
        } else if (state.mtls() && state.identity() == null) {
            log.fail("UF", "no_certificate_yet");
            ctx.close();
        } else {
            String protocol = state.view().protocolOf(outbound.service());
            log.protocol(protocol);
            if (log.active() && (protocol.equals("http") || protocol.equals("http2") || protocol.equals("grpc"))) {
                tap = new HttpRequestTap(log);
            }
            attempt(ctx, endpoints, 1);
        }
        ctx.fireChannelActive();
    }

    private void attempt(ChannelHandlerContext ctx, List<InetSocketAddress> endpoints, int attempt) {
        Channel downstream = ctx.channel();
        InetSocketAddress target = endpoints.get(Math.floorMod(roundRobin.getAndIncrement(), endpoints.size()));
        Relay toDownstream = new Relay(downstream, log, false, !state.mtls(), tap);
        ChannelFuture f = px.connect(downstream, target, new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (state.mtls()) {
                    // host and port key the TLS session cache, so reconnects to an endpoint resume sessions
                    ch.pipeline()
                            .addLast(
                                    "tls",
                                    state.identity()
                                            .client()
                                            .newHandler(ch.alloc(), target.getHostString(), target.getPort()));
                }
                ch.pipeline().addLast("relay", toDownstream);
            }
        });
        upstream = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                if (attempt < Math.min(MAX_CONNECT_ATTEMPTS, endpoints.size()) && downstream.isActive()) {
                    attempt(ctx, endpoints, attempt + 1);
                } else {
                    if (tap != null) {
                        tap.close();
                    }
                    log.fail("UF", "upstream_connect_failed: " + done.cause().getMessage());
                    downstream.close();
                }
                return;
            }
            if (!adoptUpstream(downstream, target)) {
                return;
            }
            SslHandler tls = upstream.pipeline().get(SslHandler.class);
            if (tls == null) {
                ready(ctx, toDownstream);
                return;
            }
            tls.handshakeFuture().addListener(hs -> {
                if (!hs.isSuccess()) {
                    log.fail("UF", "upstream_tls_failed: " + hs.cause().getMessage());
                    upstream.close();
                    return;
                }
                try {
                    X509Certificate server = TlsIdentity.peer(tls.engine().getSession());
                    if (!ClientIdentity.fromCertificate(px.mesh, server)
                            .has(ClientIdentity.SERVICE_TAG, outbound.service())) {
                        log.fail(
                                "UF",
                                "upstream_identity_mismatch: want "
                                        + TlsIdentity.spiffeId(px.mesh, outbound.service()));
                        upstream.close();
                        return;
                    }
                } catch (SSLPeerUnverifiedException e) {
                    log.fail("UF", "upstream_identity_missing");
                    upstream.close();
                    return;
                }
                ready(ctx, toDownstream);
            });
        });
    }

    private void ready(ChannelHandlerContext ctx, Relay toDownstream) {
        ctx.pipeline().replace(this, "relay", new Relay(upstream, log, true, true, tap));
        toDownstream.open();
        ctx.channel().config().setAutoRead(true);
        upstream.config().setAutoRead(true);
    }
}
