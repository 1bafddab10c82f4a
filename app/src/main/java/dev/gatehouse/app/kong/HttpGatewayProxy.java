package dev.gatehouse.app.kong;

import dev.gatehouse.app.http.ApiEndpoint;
import dev.gatehouse.app.http.ApiTransport;
import dev.gatehouse.app.repository.gateway.GatewayProxy;
import dev.gatehouse.app.repository.gateway.ProxyRequest;
import dev.gatehouse.app.repository.gateway.ProxyResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.hc.core5.http.ContentType;

/** A Kong proxy reached over HTTP(S); each request gets a transport of its own, closed once answered. */
public final class HttpGatewayProxy implements GatewayProxy {

    private final URI address;

    public HttpGatewayProxy(URI address) {
        this.address = address;
    }

    @Override
    public URI address() {
        return address;
    }

    @Override
    public CompletableFuture<ProxyResponse> send(ProxyRequest request) {
        ApiTransport transport =
                new ApiTransport(ApiEndpoint.of(address), Duration.ofSeconds(3), Duration.ofSeconds(30));
        String base = address.toString().replaceAll("/$", "");
        return transport
                .send(
                        request.method(),
                        URI.create(base + request.path()),
                        request.body().orElse(null),
                        ContentType.create(request.headers().getOrDefault("Content-Type", "application/json")),
                        request.headers())
                .thenApply(response -> new ProxyResponse(
                        response.status(), response.headers(), response.bodyText(), response.latencyMillis()))
                .whenComplete((response, failure) -> {
                    // Not from this callback: it runs on the transport's own I/O thread.
                    Thread.ofVirtual().start(transport::close);
                });
    }
}
