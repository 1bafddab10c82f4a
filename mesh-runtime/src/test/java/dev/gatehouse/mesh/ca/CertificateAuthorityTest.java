package dev.gatehouse.mesh.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.mesh.MutableClock;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceKey;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import dev.gatehouse.mesh.store.MeshStore;
import java.nio.file.Path;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builtin CA and workload certificates against Kuma's rules: pkg/plugins/ca/builtin/ca.go (CA),
 * pkg/core/ca/issuer/issuer.go (workload: empty subject, URI SANs, key usages, 24h), pkg/xds/secrets/secrets.go
 * (regeneration after 4/5 of the lifetime, on mTLS settings change and on tag change) — all @v2.14.3; ref §2.2, §2.4.
 */
class CertificateAuthorityTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void caIsSelfSignedRsa2048TenYears() throws Exception {
        CaMaterial ca = CertificateFactoryBc.newCa("default", 2048, Duration.ofDays(3650), T0);
        X509Certificate c = ca.certificate();
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(c.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(c.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=default,OU=Mesh,O=Kuma");
        assertThat(c.getNotBefore().toInstant()).isEqualTo(T0.minusSeconds(10));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3650)));
        assertThat(uris(c)).containsExactly("spiffe://default");
        c.verify(c.getPublicKey());
    }

    @Test
    void workloadCertificateHasKumaIdentity() throws Exception {
        CaMaterial ca = CertificateFactoryBc.newCa("default", 2048, Duration.ofDays(3650), T0);
        Map<String, List<String>> tags = Map.of(
                "kuma.io/service", List.of("web"), "kuma.io/protocol", List.of("http"), "version", List.of("v2", "v1"));
        WorkloadCertificate w = CertificateFactoryBc.newWorkload(ca, "default", tags, Duration.ofHours(24), T0);
        X509Certificate c = w.certificate();
        assertThat(c.getSubjectX500Principal().getName()).isEmpty();
        assertThat(uris(c))
                .containsExactly(
                        "spiffe://default/web",
                        "kuma://kuma.io/protocol/http",
                        "kuma://kuma.io/service/web",
                        "kuma://version/v1",
                        "kuma://version/v2");
        assertThat(c.getCriticalExtensionOIDs()).contains("2.5.29.17"); // SAN critical with an empty subject
        boolean[] ku = c.getKeyUsage();
        assertThat(ku[0]).as("digitalSignature").isTrue();
        assertThat(ku[2]).as("keyEncipherment").isTrue();
        assertThat(ku[4]).as("keyAgreement").isTrue();
        assertThat(ku[5]).as("keyCertSign").isFalse();
        assertThat(c.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(c.getBasicConstraints()).isEqualTo(-1);
        assertThat(c.getNotBefore().toInstant()).isEqualTo(T0.minusSeconds(10));
        assertThat(c.getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(c.getSerialNumber().signum()).isPositive();
    }

    @Test
    void chainValidatesWithJdkPkixValidatorAndForeignCaFails() throws Exception {
        CaMaterial ca = CertificateFactoryBc.newCa("default", 2048, Duration.ofDays(3650), T0);
        CaMaterial other = CertificateFactoryBc.newCa("default", 2048, Duration.ofDays(3650), T0);
        WorkloadCertificate w = CertificateFactoryBc.newWorkload(
                ca, "default", Map.of("kuma.io/service", List.of("web")), Duration.ofHours(24), T0);
        validate(w.certificate(), ca.certificate(), T0.plusSeconds(60));
        assertThatThrownBy(() -> validate(w.certificate(), other.certificate(), T0.plusSeconds(60)))
                .isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> validate(w.certificate(), ca.certificate(), T0.plus(Duration.ofHours(25))))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void rotationAfterFourFifthsOfLifetimeWithInjectedClock() {
        MutableClock clock = new MutableClock(T0);
        try (MeshStore store = MeshStore.open(dir, clock, BuiltinResourceTypes.REGISTRY)) {
            CaRegistry cas = new CaRegistry(store);
            IdentityService ids = meshWithOneDataplane(store, cas, clock);
            ResourceKey key = DP;

            IdentityService.Issued first = ids.identity(key).orElseThrow();
            assertThat(first.generation()).isEqualTo(1);
            assertThat(first.certificate().notAfter()).isEqualTo(T0.plus(Duration.ofDays(1)));

            clock.advance(Duration.ofHours(19)); // < 19h12m = 4/5 of 24h
            assertThat(ids.reconcile()).isEmpty();
            assertThat(ids.identity(key).orElseThrow().certificate()).isSameAs(first.certificate());

            clock.advance(Duration.ofMinutes(13)); // 19h13m > 4/5
            assertThat(ids.reconcile()).containsExactly(key);
            IdentityService.Issued second = ids.identity(key).orElseThrow();
            assertThat(second.certificate()).isNotSameAs(first.certificate());
            assertThat(second.generation()).isEqualTo(2);
            assertThat(second.reason()).isEqualTo("certificate is expiring soon");
            assertThat(second.certificate().notAfter())
                    .isEqualTo(clock.instant().plus(Duration.ofDays(1)));
            assertThat(ids.info(key).orElseThrow().certificateRegenerations()).isEqualTo(2);
        }
    }

    @Test
    void regeneratedOnTagChangeAndOnMtlsSettingsChange() {
        MutableClock clock = new MutableClock(T0);
        try (MeshStore store = MeshStore.open(dir, clock, BuiltinResourceTypes.REGISTRY)) {
            CaRegistry cas = new CaRegistry(store);
            IdentityService ids = meshWithOneDataplane(store, cas, clock);
            ResourceKey key = DP;
            WorkloadCertificate first = ids.identity(key).orElseThrow().certificate();

            putDataplane(store, "web", "v2");
            assertThat(ids.reconcile()).containsExactly(key);
            IdentityService.Issued afterTags = ids.identity(key).orElseThrow();
            assertThat(afterTags.reason()).isEqualTo("DP tags have changed");
            assertThat(afterTags.certificate().uriSans())
                    .contains("kuma://version/v2")
                    .doesNotContain("kuma://version/v1");
            assertThat(afterTags.certificate()).isNotSameAs(first);

            putMesh(store, cas, clock, "ca-1", "2h");
            assertThat(ids.reconcile()).containsExactly(key);
            IdentityService.Issued afterMtls = ids.identity(key).orElseThrow();
            assertThat(afterMtls.reason()).isEqualTo("Mesh mTLS settings have changed");
            assertThat(afterMtls.certificate().notAfter()).isEqualTo(T0.plus(Duration.ofHours(2)));
        }
    }

    @Test
    void caSurvivesRestartAndSecretsAreNotInToString() {
        MutableClock clock = new MutableClock(T0);
        X509Certificate before;
        try (MeshStore store = MeshStore.open(dir, clock, BuiltinResourceTypes.REGISTRY)) {
            CaRegistry cas = new CaRegistry(store);
            putMesh(store, cas, clock, "ca-1", "1d");
            before = cas.ca("default", "ca-1").orElseThrow().certificate();
            assertThat(cas.ca("default", "ca-1").orElseThrow().toString()).doesNotContain("PRIVATE");
        }
        try (MeshStore store = MeshStore.open(dir, clock, BuiltinResourceTypes.REGISTRY)) {
            assertThat(new CaRegistry(store).ca("default", "ca-1").orElseThrow().certificate())
                    .isEqualTo(before);
            assertThat(store.secret("default", "default.ca-builtin-key-ca-1")).isPresent();
        }
    }

    private static final ResourceKey DP = DataplaneType.key("default", "dp-1");

    /** Mesh "default" with builtin CA ca-1 (1d certificates) and dataplane dp-1 of service web, version v1. */
    private static IdentityService meshWithOneDataplane(MeshStore store, CaRegistry cas, MutableClock clock) {
        putMesh(store, cas, clock, "ca-1", "1d");
        putDataplane(store, "web", "v1");
        return new IdentityService(store, cas, clock);
    }

    private static void putMesh(
            MeshStore store, CaRegistry cas, MutableClock clock, String backend, String expiration) {
        String json = "{\"mtls\":{\"enabledBackend\":\"" + backend + "\",\"backends\":[{\"name\":\"" + backend
                + "\",\"type\":\"builtin\",\"dpCert\":{\"rotation\":{\"expiration\":\"" + expiration + "\"}}}]}}";
        var mesh = new dev.gatehouse.mesh.resource.Resource(
                MeshType.DESCRIPTOR, "", "default", null, null, Map.of(), ResourceCodec.readObject(json), 0);
        store.write(tx -> {
            cas.ensure(tx, "default", MeshSpec.of(mesh), clock.instant());
            return tx.put(mesh);
        });
    }

    private static void putDataplane(MeshStore store, String service, String version) {
        String json =
                "{\"networking\":{\"address\":\"127.0.0.1\",\"inbound\":[{\"port\":15000,\"tags\":{\"kuma.io/service\":\""
                        + service + "\",\"version\":\"" + version + "\"}}]}}";
        var dp = new dev.gatehouse.mesh.resource.Resource(
                DataplaneType.DESCRIPTOR, "default", "dp-1", null, null, Map.of(), ResourceCodec.readObject(json), 0);
        store.write(tx -> tx.put(dp));
    }

    static void validate(X509Certificate leaf, X509Certificate root, Instant at) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    static List<String> uris(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream()
                .filter(n -> (Integer) n.get(0) == 6)
                .map(n -> (String) n.get(1))
                .toList();
    }
}
