package dev.gatehouse.mesh.resource.mesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.KumaDuration;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Typed view of a Mesh body (api/mesh/v1alpha1/mesh.proto @v2.14.3); only the fields this runtime acts on. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeshSpec(Mtls mtls, List<String> skipCreatingInitialPolicies) {
    /** Kuma's default workload-certificate lifetime ({@code DefaultWorkloadCertValidityPeriod}). */
    public static final Duration DEFAULT_DP_CERT_LIFETIME = Duration.ofHours(24);
    /** Kuma's default CA lifetime ({@code DefaultCACertValidityPeriod}, 10 * 365 days). */
    public static final Duration DEFAULT_CA_LIFETIME = Duration.ofDays(3650);

    public static final int DEFAULT_RSA_BITS = 2048;

    public MeshSpec {
        skipCreatingInitialPolicies = skipCreatingInitialPolicies == null ? List.of() : skipCreatingInitialPolicies;
    }

    /** The typed view of a Mesh resource; an undecodable body is a 400. */
    public static MeshSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), MeshSpec.class);
    }

    /** mTLS is on when an enabled backend is named (Kuma {@code MeshResource.MTLSEnabled}). */
    public boolean mtlsEnabled() {
        return mtls != null
                && mtls.enabledBackend() != null
                && !mtls.enabledBackend().isEmpty();
    }

    public Optional<Backend> enabledBackend() {
        if (!mtlsEnabled()) {
            return Optional.empty();
        }
        return mtls.backendsOrEmpty().stream()
                .filter(b -> mtls.enabledBackend().equals(b.name()))
                .findFirst();
    }

    public boolean skipsInitialPolicy(String typeName) {
        return skipCreatingInitialPolicies.contains("*") || skipCreatingInitialPolicies.contains(typeName);
    }

    /** {@code mtls} section. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Mtls(String enabledBackend, List<Backend> backends, Boolean skipValidation) {
        public List<Backend> backendsOrEmpty() {
            return backends == null ? List.of() : backends;
        }
    }

    /** A certificate-authority backend ({@code CertificateAuthorityBackend}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Backend(String name, String type, DpCert dpCert, JsonNode conf, String mode) {
        public Optional<String> dpCertExpiration() {
            return Optional.ofNullable(dpCert).map(DpCert::rotation).map(Rotation::expiration);
        }

        /** Workload-certificate lifetime: {@code dpCert.rotation.expiration}, else 24h. */
        public Duration dpCertLifetime() {
            return dpCertExpiration()
                    .flatMap(KumaDuration::parse)
                    .filter(d -> !d.isZero())
                    .orElse(DEFAULT_DP_CERT_LIFETIME);
        }

        /** {@code conf.caCert.RSAbits} of a builtin backend, else 2048. */
        public int caRsaBits() {
            long bits = caConf().rsaBits();
            return bits == 0 ? DEFAULT_RSA_BITS : (int) bits;
        }

        /** {@code conf.caCert.expiration} of a builtin backend, else 10 years. */
        public Duration caLifetime() {
            return KumaDuration.parse(caConf().expiration())
                    .filter(d -> !d.isZero())
                    .orElse(DEFAULT_CA_LIFETIME);
        }

        /** The decoded {@code conf}; validation refuses what does not decode, so this falls back to the defaults. */
        private BuiltinCaConf caConf() {
            try {
                return BuiltinCaConf.decode(conf);
            } catch (BuiltinCaConf.Undecodable e) {
                return new BuiltinCaConf(0, "");
            }
        }
    }

    /** {@code dpCert} section. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DpCert(Rotation rotation, String requestTimeout) {}

    /** {@code dpCert.rotation} section. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rotation(@JsonProperty("expiration") String expiration) {}
}
