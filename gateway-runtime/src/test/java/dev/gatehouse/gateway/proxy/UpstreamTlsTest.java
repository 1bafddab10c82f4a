package dev.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.Setup;
import dev.gatehouse.gateway.support.TestPki;
import dev.gatehouse.gateway.support.UpstreamServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CA certificates ({@code kong/db/schema/entities/ca_certificates.lua}, {@code kong/db/dao/ca_certificates.lua},
 * {@code spec/02-integration/04-admin_api/16-ca_certificates_routes_spec.lua}) and a service's upstream TLS: with
 * {@code tls_verify} the upstream's certificate must chain to one of the service's {@code ca_certificates} (else a
 * 502, as nginx's failed upstream handshake), and {@code client_certificate} is presented to the upstream (mutual TLS).
 */
class UpstreamTlsTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    static final TestPki.Issued UPSTREAM_CA = TestPki.ca("upstream test CA");
    static final TestPki.Issued OTHER_CA = TestPki.ca("unrelated test CA");
    static final TestPki.Issued CLIENT_CA = TestPki.ca("client test CA");
    static final TestPki.Issued CLIENT = TestPki.issuedBy(CLIENT_CA, "gateway-client.test");
    static final AtomicReference<String> SEEN_CLIENT = new AtomicReference<>();

    static HttpsServer upstream;

    private final AdminClient api = GW.admin();
    private final Setup setup = new Setup(GW);

    @BeforeAll
    static void startUpstream() throws Exception {
        TestPki.Issued serverCert = TestPki.issuedBy(UPSTREAM_CA, "127.0.0.1");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", serverCert.key(), new char[0], new Certificate[] {serverCert.cert()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client-ca", CLIENT_CA.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        upstream = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        upstream.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                var p = ctx.getDefaultSSLParameters();
                p.setWantClientAuth(true); // a client certificate is asked for, not required
                params.setSSLParameters(p);
            }
        });
        upstream.createContext("/", ex -> {
            String client = "none";
            try {
                client = ((X509Certificate) ((HttpsExchange) ex).getSSLSession().getPeerCertificates()[0])
                        .getSubjectX500Principal()
                        .getName();
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate
            }
            SEEN_CLIENT.set(client);
            UpstreamServer.respond(ex, 200, "{\"client\":\"" + client + "\"}");
        });
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop(0);
    }

    private String url() {
        return "https://127.0.0.1:" + upstream.getAddress().getPort();
    }

    /** The CA certificate's entity, made on first use (tests share the CAs, and cert_digest is unique). */
    private String caCertificate(TestPki.Issued ca) {
        for (JsonNode c : api.get("/ca_certificates?size=1000").json().get("data")) {
            if (c.get("cert").asText().equals(ca.certPem())) {
                return c.get("id").asText();
            }
        }
        Resp r = api.post("/ca_certificates", Map.of("cert", ca.certPem()));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    private HttpResponse<String> through(String serviceId) {
        String host = Setup.host();
        setup.create("/routes", Map.of("hosts", List.of(host), "service", Map.of("id", serviceId)));
        return GW.proxy().get("/", "Host", host, "Accept", "application/json");
    }

    @Test
    void caCertificatesAreValidatedAsKongDoes() throws Exception {
        TestPki.Issued ca = TestPki.ca("validation CA");
        Resp created = api.post("/ca_certificates", Map.of("cert", ca.certPem()));
        assertThat(created.status()).isEqualTo(201);
        String digest = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(ca.cert().getEncoded()));
        assertThat(created.json().get("cert_digest").asText()).isEqualTo(digest);
        assertThat(api.post("/ca_certificates", Map.of("cert", ca.certPem())).status())
                .as("cert_digest is unique")
                .isEqualTo(409);

        Resp leaf = api.post("/ca_certificates", Map.of("cert", CLIENT.certPem()));
        assertThat(leaf.status()).isEqualTo(400);
        assertThat(leaf.json().get("message").asText())
                .isEqualTo("schema violation (certificate does not appear to be a CA because it is missing the \"CA\""
                        + " basic constraint)");
        Resp two = api.post("/ca_certificates", Map.of("cert", ca.certPem() + OTHER_CA.certPem()));
        assertThat(two.json().get("message").asText())
                .isEqualTo("schema violation (please submit only one certificate at a time)");
        Resp missing = api.post("/ca_certificates", Map.of());
        assertThat(missing.json().get("message").asText()).isEqualTo("schema violation (cert: required field missing)");

        String id = created.json().get("id").asText();
        String sid = setup.service(url(), "tls_verify", true, "ca_certificates", List.of(id));
        Resp referenced = api.delete("/ca_certificates/" + id);
        assertThat(referenced.status()).isEqualTo(400);
        assertThat(referenced.json().get("name").asText()).isEqualTo("referenced by others");
        assertThat(referenced.json().get("message").asText())
                .isEqualTo("ca certificate " + id + " is still referenced by services (id = " + sid + ")");
        assertThat(api.delete("/services/" + sid).status()).isEqualTo(204);
        assertThat(api.delete("/ca_certificates/" + id).status()).isEqualTo(204);
    }

    @Test
    void verifiesTheUpstreamAgainstTheServicesCaCertificates() {
        String trusted = caCertificate(UPSTREAM_CA);
        String unrelated = caCertificate(OTHER_CA);

        HttpResponse<String> ok =
                through(setup.service(url(), "retries", 0, "tls_verify", true, "ca_certificates", List.of(trusted)));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);

        HttpResponse<String> unknownCa =
                through(setup.service(url(), "retries", 0, "tls_verify", true, "ca_certificates", List.of(unrelated)));
        assertThat(unknownCa.statusCode()).isEqualTo(502);
        assertThat(unknownCa.body()).contains("An invalid response was received from the upstream server");

        // Kong's default (proxy_ssl_verify off): an upstream nobody here trusts still answers
        HttpResponse<String> unverified = through(setup.service(url(), "retries", 0));
        assertThat(unverified.statusCode()).isEqualTo(200);
        assertThat(SEEN_CLIENT.get()).isEqualTo("none");
    }

    @Test
    void presentsTheClientCertificateToTheUpstream() throws Exception {
        Resp cert = api.post("/certificates", Map.of("cert", CLIENT.certPem(), "key", CLIENT.keyPem()));
        assertThat(cert.status()).isEqualTo(201);
        String trusted = caCertificate(UPSTREAM_CA);
        HttpResponse<String> r = through(setup.service(
                url(),
                "retries",
                0,
                "tls_verify",
                true,
                "ca_certificates",
                List.of(trusted),
                "client_certificate",
                Map.of("id", cert.json().get("id").asText())));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(SEEN_CLIENT.get()).isEqualTo("CN=gateway-client.test");

        // no client certificate on the service: a balanced one presents its upstream's (fallback_upstream_client_cert)
        SEEN_CLIENT.set(null);
        String upstreamName = "mtls-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        setup.create(
                "/upstreams",
                Map.of(
                        "name",
                        upstreamName,
                        "client_certificate",
                        Map.of("id", cert.json().get("id").asText())));
        setup.create(
                "/upstreams/" + upstreamName + "/targets",
                Map.of("target", "127.0.0.1:" + upstream.getAddress().getPort()));
        HttpResponse<String> balanced = through(setup.service("https://" + upstreamName + ":443", "retries", 0));
        assertThat(balanced.statusCode()).as(balanced.body()).isEqualTo(200);
        assertThat(SEEN_CLIENT.get()).isEqualTo("CN=gateway-client.test");

        JsonNode export = new YAMLMapper()
                .readTree(api.get("/config").json().get("config").asText());
        assertThat(export.get("ca_certificates")).isNotEmpty();
        assertThat(export.get("ca_certificates").get(0).has("cert_digest")).isTrue();
    }
}
