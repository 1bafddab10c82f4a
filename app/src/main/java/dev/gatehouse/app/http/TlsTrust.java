package dev.gatehouse.app.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Builds the SSL context an endpoint asks for: the JDK's trust, plus a custom CA file, or (explicitly) none. */
final class TlsTrust {

    private TlsTrust() {}

    static SSLContext contextFor(ApiEndpoint endpoint) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager trust;
        if (endpoint.skipTlsVerify()) {
            trust = new TrustEverything();
        } else if (endpoint.caFile().isPresent()) {
            trust = new EitherTrust(fromCaFile(endpoint.caFile().get()), jdkDefault());
        } else {
            trust = jdkDefault();
        }
        context.init(null, new TrustManager[] {trust}, null);
        return context;
    }

    /** Trust anchored in the certificates of a PEM (or DER) file. */
    static X509TrustManager fromCaFile(Path file) throws GeneralSecurityException, IOException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate in " + file);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("ca-" + i++, certificate);
        }
        return trustManager(store);
    }

    private static X509TrustManager jdkDefault() throws GeneralSecurityException {
        return trustManager(null);
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Accepts a chain that either the custom CA or the JDK's default trust store accepts. */
    private record EitherTrust(X509TrustManager custom, X509TrustManager fallback) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            fallback.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                custom.checkServerTrusted(chain, authType);
            } catch (CertificateException notByCustom) {
                fallback.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return Stream.of(custom.getAcceptedIssuers(), fallback.getAcceptedIssuers())
                    .flatMap(Stream::of)
                    .toArray(X509Certificate[]::new);
        }
    }

    /** The user's explicit "skip TLS verification" choice; the UI shows it as a warning wherever it is on. */
    private static final class TrustEverything implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // accepted: verification was turned off on purpose
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted: verification was turned off on purpose
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
