package dev.gatehouse.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/** Netty server TLS contexts for the gateway's listeners (TLS 1.2 and 1.3, HTTP/1.1 only). */
public final class ServerTls {

    private ServerTls() {}

    public static SslContext context(ServerCertificate certificate) {
        try {
            return SslContextBuilder.forServer(
                            certificate.key(), certificate.chain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }
}
