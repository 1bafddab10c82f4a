package dev.gatehouse.app.repository.gateway;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/** The gateway's proxy, where API clients send their requests; the route tester sends through it. */
public interface GatewayProxy {

    /** The proxy's base address, for curl lines. */
    URI address();

    /** Sends one request; the future fails only when no HTTP answer came back. */
    CompletableFuture<ProxyResponse> send(ProxyRequest request);
}
