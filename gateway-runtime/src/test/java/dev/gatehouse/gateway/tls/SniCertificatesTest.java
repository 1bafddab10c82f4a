package dev.gatehouse.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.gatehouse.gateway.listen.BoundListener;
import dev.gatehouse.gateway.listen.ListenSpec;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.TestPki;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS proxy listener picks the certificate by the ClientHello's server name, as Kong's
 * {@code kong/runloop/certificate.lua} {@code find_certificate}: exact SNI, then {@code *.} prefix, then {@code .*}
 * suffix, then the listener's default; an Admin API change applies to the next handshake on the same listener.
 */
class SniCertificatesTest {

    @RegisterExtension
    static final EmbeddedGateway GW =
            new EmbeddedGateway(c -> c.withProxyListeners(ListenSpec.parseList("127.0.0.1:0, 127.0.0.1:0 ssl")));

    private final AdminClient api = GW.admin();

    private static InetSocketAddress tlsListener() {
        return GW.gateway().proxyListeners().stream()
                .filter(BoundListener::ssl)
                .findFirst()
                .orElseThrow()
                .address();
    }

    /** The leaf certificate a handshake gets for {@code serverName} (null: no SNI sent). */
    static X509Certificate handshake(String serverName, String... cipherSuites) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        InetSocketAddress a = tlsListener();
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(a.getHostString(), a.getPort())) {
            SSLParameters p = s.getSSLParameters();
            p.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            if (cipherSuites.length > 0) {
                p.setProtocols(new String[] {"TLSv1.2"});
                p.setCipherSuites(cipherSuites);
            }
            s.setSSLParameters(p);
            s.setSoTimeout(5000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    private String certificate(TestPki.Issued pair, String... snis) {
        Resp r = api.post("/certificates", Map.of("cert", pair.certPem(), "key", pair.keyPem(), "snis", List.of(snis)));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void servesEachCertificateForItsNameAndTheDefaultOtherwise() throws Exception {
        X509Certificate defaultCert = handshake(null);
        TestPki.Issued exact = TestPki.selfSigned(false, "a.sni.test");
        TestPki.Issued prefix = TestPki.selfSigned(false, "any.wild.test");
        TestPki.Issued suffix = TestPki.selfSigned(false, "suffix.example.any");
        String exactId = certificate(exact, "a.sni.test", "exact.wild.test");
        certificate(prefix, "*.wild.test");
        certificate(suffix, "suffix.example.*");

        assertThat(handshake("a.sni.test")).isEqualTo(exact.cert());
        assertThat(handshake("other.wild.test")).isEqualTo(prefix.cert());
        assertThat(handshake("exact.wild.test"))
                .as("an exact SNI beats a wildcard")
                .isEqualTo(exact.cert());
        assertThat(handshake("suffix.example.org")).isEqualTo(suffix.cert());
        assertThat(handshake("wild.test"))
                .as("*.wild.test needs a label before it")
                .isEqualTo(defaultCert);
        assertThat(handshake("unknown.test")).isEqualTo(defaultCert);
        assertThat(handshake(null)).isEqualTo(defaultCert);
        assertThat(defaultCert).isNotIn(exact.cert(), prefix.cert(), suffix.cert());

        // a new pair through the Admin API: the next handshake on the same listener gets it
        TestPki.Issued renewed = TestPki.selfSigned(false, "a.sni.test");
        Resp patched =
                api.patch("/certificates/" + exactId, Map.of("cert", renewed.certPem(), "key", renewed.keyPem()));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(handshake("a.sni.test")).isEqualTo(renewed.cert());

        // the SNI moves away, then the certificate goes: back to the wildcard, then to the default
        assertThat(api.delete("/snis/exact.wild.test").status()).isEqualTo(204);
        assertThat(handshake("exact.wild.test")).isEqualTo(prefix.cert());
        assertThat(api.delete("/certificates/" + exactId).status()).isEqualTo(204);
        assertThat(handshake("a.sni.test")).isEqualTo(defaultCert);
    }

    @Test
    void theSniNamedStarCatchesUnknownNames() throws Exception {
        TestPki.Issued catchAll = TestPki.selfSigned(false, "catch-all.test");
        String id = certificate(catchAll, "*");
        try {
            assertThat(handshake("nothing-matches.test")).isEqualTo(catchAll.cert());
            // without a server name Kong serves the default pair, not the SNI "*"
            assertThat(handshake(null)).isNotEqualTo(catchAll.cert());
        } finally {
            api.delete("/certificates/" + id);
        }
    }

    @Test
    void certAltServesClientsThatOnlyTakeTheOtherKeyType() throws Exception {
        TestPki.Issued rsa = TestPki.selfSigned(true, "dual.test");
        TestPki.Issued ec = TestPki.selfSigned(false, "dual.test");
        Resp r = api.post(
                "/certificates",
                Map.of(
                        "cert", rsa.certPem(),
                        "key", rsa.keyPem(),
                        "cert_alt", ec.certPem(),
                        "key_alt", ec.keyPem(),
                        "snis", List.of("dual.test")));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(handshake("dual.test", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo(rsa.cert());
        assertThat(handshake("dual.test", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))
                .isEqualTo(ec.cert());
    }

    @Test
    void privateKeysNeverReachTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        TestPki.Issued pair = TestPki.selfSigned(true, "secret.test");
        TestPki.Issued other = TestPki.selfSigned(true, "secret.test");
        try {
            String id = certificate(pair, "secret.test");
            assertThat(handshake("secret.test")).isEqualTo(pair.cert());
            Resp mismatch = api.patch("/certificates/" + id, Map.of("key", other.keyPem()));
            assertThat(mismatch.status()).isEqualTo(400);
            Resp garbled = api.post(
                    "/certificates",
                    Map.of("cert", pair.certPem(), "key", pair.keyPem().substring(40)));
            assertThat(garbled.status()).isEqualTo(400);
            assertThat(api.get("/config").status()).isEqualTo(200);
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).isNotEmpty();
        // a line from the middle of each key's base64 body
        for (String key : List.of(pair.keyPem(), other.keyPem())) {
            String fragment = key.split("\n")[5];
            for (ILoggingEvent e : log.list) {
                String text = e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()));
                assertThat(text).doesNotContain(fragment);
            }
        }
    }

    /** Accepts any server: the test compares the certificate it got. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
