package dev.gatehouse.gateway.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/** Netty server TLS contexts for the gateway's listeners (TLS 1.2 and 1.3, HTTP/1.1 only). */
public final class ServerTls {

    private ServerTls() {}

    /**
     * A context serving one or two pairs of different key types (Kong's {@code cert} and {@code cert_alt}): the JDK
     * key manager picks the pair whose key type the client's handshake accepts (RSA or ECDSA).
     */
    public static SslContext context(List<ServerCertificate> pairs) {
        if (pairs.size() == 1) {
            return context(pairs.get(0));
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] none = new char[0];
            for (int i = 0; i < pairs.size(); i++) {
                ServerCertificate p = pairs.get(i);
                ks.setKeyEntry("pair" + i, p.key(), none, p.chain().toArray(X509Certificate[]::new));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, none);
            return SslContextBuilder.forServer(kmf)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a TLS context: " + e.getMessage(), e);
        }
    }

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
