package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ca.Pem;
import dev.gatehouse.mesh.policy.ClientIdentity;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * A data plane's mTLS identity as issued by the control plane's {@code _identity} endpoint, with the two TLS contexts
 * built from it once (not per connection): the inbound side requires a client certificate chaining to the mesh CA,
 * the outbound side presents our certificate and trusts only the mesh CA. Peer SPIFFE identities are checked by the
 * callers ({@link #spiffeId}, {@link ClientIdentity#fromCertificate}); host names play no part, as in Kuma.
 */
final class TlsIdentity {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private final long generation;
    private final Instant notAfter;
    private final SslContext server;
    private final SslContext client;

    private TlsIdentity(long generation, Instant notAfter, SslContext server, SslContext client) {
        this.generation = generation;
        this.notAfter = notAfter;
        this.server = server;
        this.client = client;
    }

    /** Builds the contexts from an {@code _identity} body; null when the mesh has mTLS off. */
    static TlsIdentity fromIdentityResponse(JsonNode body) {
        if (!body.path("mtlsEnabled").asBoolean(false)) {
            return null;
        }
        X509Certificate cert = Pem.certificate(body.path("certificate").asText());
        X509Certificate ca = Pem.certificate(body.path("caCertificates").asText());
        PrivateKey key = Pem.privateKey(body.path("privateKey").asText());
        SslProvider provider = provider();
        try {
            SslContext server = SslContextBuilder.forServer(key, cert)
                    .trustManager(ca)
                    .clientAuth(ClientAuth.REQUIRE)
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .build();
            SslContext client = SslContextBuilder.forClient()
                    .keyManager(key, cert)
                    .trustManager(ca)
                    .endpointIdentificationAlgorithm(null) // the SPIFFE ID is the name that matters, not the host
                    .sslProvider(provider)
                    .protocols(PROTOCOLS)
                    .build();
            return new TlsIdentity(
                    body.path("generation").asLong(),
                    Instant.parse(body.path("notAfter").asText()),
                    server,
                    client);
        } catch (SSLException e) {
            throw new DataplaneException("cannot build TLS contexts from the issued certificate: " + e.getMessage(), e);
        }
    }

    /** BoringSSL through netty-tcnative when it loads (several times faster than JSSE), JSSE otherwise. */
    static SslProvider provider() {
        return OpenSsl.isAvailable() && !Boolean.getBoolean("gatehouse.mesh.jdkTls")
                ? SslProvider.OPENSSL
                : SslProvider.JDK;
    }

    long generation() {
        return generation;
    }

    Instant notAfter() {
        return notAfter;
    }

    SslContext server() {
        return server;
    }

    SslContext client() {
        return client;
    }

    static String spiffeId(String mesh, String service) {
        return "spiffe://" + mesh + "/" + service;
    }

    /** The verified peer certificate of a finished handshake. */
    static X509Certificate peer(SSLSession session) throws SSLPeerUnverifiedException {
        Certificate[] chain = session.getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
            throw new SSLPeerUnverifiedException("no X.509 peer certificate");
        }
        return x;
    }
}
