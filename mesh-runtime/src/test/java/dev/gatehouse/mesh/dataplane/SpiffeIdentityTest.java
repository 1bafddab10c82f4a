package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ca.CaRegistry;
import dev.gatehouse.mesh.ca.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 4: a client's mesh identity comes from its {@code spiffe://<mesh>/<service>} URI SAN. Kuma 2.14.3:
 * the inbound's DownstreamTlsContext (pkg/xds/envoy/tls/v3/tls.go CreateDownstreamTlsContext) accepts only client
 * certificates with a URI SAN prefixed {@code spiffe://<mesh>/} (MeshSpiffeIDPrefixMatcher), so a certificate of the
 * mesh CA without one fails the handshake; RBAC principals (pkg/xds/envoy/listeners/v3/network_rbac_configurer.go,
 * pkg/plugins/policies/meshtrafficpermission/xds/legacy_rbac_configurer.go) match {@code kuma.io/service} only by
 * the SPIFFE ID (ServiceSpiffeIDMatcher) and other tags by {@code kuma://tag/value} (KumaIDMatcher); Envoy matches a
 * principal against every URI SAN of the certificate. The certificates below are real ones signed by the mesh CA.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpiffeIdentityTest {
    private static final String MESH = "sp";

    @TempDir
    static Path dir;

    MeshBed bed;
    EchoServer app;
    RunningDataplane backend;
    X509Certificate caCert;
    PrivateKey caKey;

    @BeforeAll
    void start() throws Exception {
        bed = new MeshBed(dir);
        assertThat(bed.http
                        .putYaml(
                                "/meshes/" + MESH,
                                "type: Mesh\nname: sp\nskipCreatingInitialPolicies: ['*']\nmtls:\n"
                                        + "  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n")
                        .status())
                .isEqualTo(201);
        assertThat(bed.http
                        .putJson("/meshes/sp/meshtrafficpermissions/web-or-v1", """
                {"type": "MeshTrafficPermission", "mesh": "sp", "name": "web-or-v1", "spec": {"targetRef": {"kind": "Mesh"},
                 "from": [{"targetRef": {"kind": "MeshSubset", "tags": {"kuma.io/service": "web"}}, "default": {"action": "Allow"}},
                          {"targetRef": {"kind": "MeshSubset", "tags": {"version": "v1"}}, "default": {"action": "Allow"}}]}}""")
                        .status())
                .isEqualTo(201);
        app = new EchoServer();
        backend = bed.start(
                DataplaneConfig.of(bed.http.base(), MeshBed.yaml(MESH, "backend-1", "backend", app.port(), "tcp")));
        caCert = Pem.certificate(new String(
                bed.cp
                        .store()
                        .secret(MESH, CaRegistry.certSecretName(MESH, "ca-1"))
                        .orElseThrow(),
                StandardCharsets.UTF_8));
        caKey = Pem.privateKey(new String(
                bed.cp
                        .store()
                        .secret(MESH, CaRegistry.keySecretName(MESH, "ca-1"))
                        .orElseThrow(),
                StandardCharsets.UTF_8));
        // Control: the genuine identity of a "web" proxy gets through once the backend has the policy.
        JsonNode web = bed.registerAndFetchIdentity(MESH, "web-1", "web", 1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> echo(
                        Pem.certificate(web.path("certificate").asText()),
                        Pem.privateKey(web.path("privateKey").asText())));
    }

    @AfterAll
    void stop() throws Exception {
        bed.close();
        app.close();
    }

    @Test
    void meshCertificateWithOnlyKumaSansIsRefused() throws Exception {
        int before = app.accepted.get();
        assertThat(echo(List.of("kuma://kuma.io/service/web", "kuma://version/v1")))
                .isFalse();
        assertThat(app.accepted.get()).as("nothing reached the application").isEqualTo(before);
    }

    @Test
    void serviceTagComesOnlyFromTheSpiffeId() throws Exception {
        // A member of the mesh ("other") that also claims kuma.io/service=web through a kuma:// SAN is still "other".
        assertThat(echo(List.of("spiffe://sp/other", "kuma://kuma.io/service/web")))
                .isFalse();
        assertThat(echo(List.of("spiffe://sp/web"))).isTrue();
    }

    @Test
    void spiffeIdOfAnotherMeshIsRefused() throws Exception {
        assertThat(echo(List.of("spiffe://other-mesh/web", "kuma://version/v1")))
                .isFalse();
        assertThat(echo(List.of("spiffe://sp")))
                .as("the trust domain alone is no workload")
                .isFalse();
    }

    @Test
    void withASpiffeIdOtherTagsComeFromKumaSansAsInKuma() throws Exception {
        assertThat(echo(List.of("spiffe://sp/batch", "kuma://version/v1"))).isTrue();
        assertThat(echo(List.of("spiffe://sp/batch", "kuma://version/v2"))).isFalse();
        // Several SPIFFE IDs: each is an identity of the client (Envoy matches every URI SAN).
        assertThat(echo(List.of("spiffe://sp/batch", "spiffe://sp/web"))).isTrue();
    }

    private boolean echo(List<String> uris) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair keys = g.generateKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(3600)),
                new X500Name("CN=probe"),
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
            KeyPurposeId.id_kp_clientAuth
        }));
        b.addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(uris.stream()
                        .map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u))
                        .toArray(GeneralName[]::new)));
        X509Certificate cert = new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey)));
        return echo(cert, keys.getPrivate());
    }

    /** True when a line sent over mTLS to the backend's inbound comes back from the application. */
    private boolean echo(X509Certificate cert, PrivateKey key) throws Exception {
        InetSocketAddress in = backend.inbounds().get(0).address();
        try (SSLSocket s = (SSLSocket)
                MeshBed.tls(cert, key, caCert).getSocketFactory().createSocket(in.getAddress(), in.getPort())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return "ping\n".equals(new String(MeshBed.readFully(s.getInputStream(), 5), StandardCharsets.UTF_8));
        } catch (IOException refused) {
            return false;
        }
    }
}
