package dev.gatehouse.gateway.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * Netty client TLS contexts for upstream connections, as Kong sets nginx's {@code proxy_ssl_*} per service: no
 * verification unless {@code tls_verify} (nginx's {@code proxy_ssl_verify off}), verification against the service's
 * {@code ca_certificates} when it names some (else the JDK's trust store), an optional chain depth, and the service's
 * {@code client_certificate} presented for mutual TLS.
 */
public final class ClientTls {

    private ClientTls() {}

    /**
     * @param verify whether the upstream's certificate is verified
     * @param trusted the CA certificates to verify against; empty: the JDK's default trust store
     * @param depth Kong's {@code tls_verify_depth}: the most intermediate certificates allowed (null: no limit)
     * @param client the client certificate and key to present, or null
     */
    public static SslContext context(
            boolean verify, List<X509Certificate> trusted, Integer depth, ServerCertificate client) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (!verify) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (!trusted.isEmpty() || depth != null) {
                b.trustManager(trustManagers(trusted, depth));
            }
            if (client != null) {
                b.keyManager(client.key(), client.chain().toArray(X509Certificate[]::new));
            }
            return b.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an upstream TLS context: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(List<X509Certificate> trusted, Integer depth)
            throws GeneralSecurityException, IOException {
        KeyStore anchors;
        if (trusted.isEmpty()) {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int i = 0;
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof javax.net.ssl.X509TrustManager x) {
                    for (X509Certificate c : x.getAcceptedIssuers()) {
                        anchors.setCertificateEntry("system" + i++, c);
                    }
                }
            }
        } else {
            anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                anchors.setCertificateEntry("ca" + i, trusted.get(i));
            }
        }
        PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
        params.setRevocationEnabled(false); // nginx checks no CRL or OCSP unless configured to
        if (depth != null) {
            params.setMaxPathLength(depth);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(new CertPathTrustManagerParameters(params));
        return tmf;
    }
}
