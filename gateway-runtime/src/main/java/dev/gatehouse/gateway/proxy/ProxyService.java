package dev.gatehouse.gateway.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service as the proxy uses it: where to send traffic and how patiently (Kong's {@code retries} and
 * {@code *_timeout} fields), plus the entity as Kong's log serializer prints it ({@code logJson}: stored fields
 * without nulls, with {@code ws_id}). {@code balancer} is set when the host names an upstream (Kong:
 * {@code service.host == upstream.name}); null for a plain host, so that path costs nothing more. {@code tls} is set
 * when the service has TLS settings of its own (CA certificates, a client certificate); null: the proxy's defaults.
 */
public record ProxyService(
        String id,
        String name,
        UpstreamTarget target,
        String path,
        int retries,
        int connectTimeoutMs,
        int writeTimeoutMs,
        int readTimeoutMs,
        Boolean tlsVerify,
        ObjectNode logJson,
        Balancer balancer,
        UpstreamTls tls) {

    /** Whether the upstream certificate is verified (Kong: only when the service sets {@code tls_verify}). */
    public boolean verifiesTls() {
        return target.tls() && (tls != null ? tls.verify() : Boolean.TRUE.equals(tlsVerify));
    }

    /** The {@code Host} header sent upstream when the route does not preserve the client's: {@code host[:port]}. */
    public String hostHeader() {
        int defaultPort = target.tls() ? 443 : 80;
        return target.port() == defaultPort ? target.host() : target.host() + ":" + target.port();
    }
}
