package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.ca.CaRegistry;
import dev.gatehouse.mesh.ca.Pem;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, items 3 and 5: the builtin CA's {@code conf} is checked like Kuma checks it, and refused with 400 where
 * Kuma would fail later with 500. Kuma 2.14.3: pkg/core/managers/apis/mesh/mesh_validator.go
 * ValidateMTLSBackends puts the builtin CA's ValidateBackend errors (pkg/plugins/ca/builtin/manager.go) under
 * {@code mtls.backends[i].conf}; ValidateBackend converts {@code conf} with jsonpb (util_proto.ToTyped) into
 * BuiltinCertificateAuthorityConfig (pkg/plugins/ca/builtin/config/builtin_ca_config.proto: {@code RSAbits} is a
 * UInt32Value) and reports "could not convert backend config: ...". Key sizes and CA lifetimes Kuma only trips over
 * when it creates the CA (rsa.GenerateKey, mesh_helpers.go ParseDuration, both answered 500) are refused up front,
 * with Kuma's "has to be a valid format" for durations (mesh_validator.go, dpcert.rotation.expiration).
 */
class BuiltinCaConfigTest extends SharedControlPlaneTest {
    private static final String MESH = """
            {"type": "Mesh", "name": "%s", "mtls": {"enabledBackend": "ca-1", "backends": [
              {"name": "ca-1", "type": "builtin", "conf": {"caCert": %s}}]}}""";

    private Http.Res put(String name, String caCert) {
        return http.putJson("/meshes/" + name, MESH.formatted(name, caCert));
    }

    private static List<String> params(Http.Res r) {
        List<String> out = new ArrayList<>();
        r.json()
                .path("invalid_parameters")
                .forEach(p -> out.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        return out;
    }

    private void assertRefused(Http.Res r, String name, String field, String reason) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).isEqualTo("/std-errors");
        assertThat(b.path("title").asText()).isEqualTo("Failed to create a resource");
        assertThat(b.path("detail").asText()).isEqualTo("Resource is not valid");
        assertThat(params(r)).containsExactly(field + ": " + reason);
        assertThat(http.get("/meshes/" + name).status()).isEqualTo(404);
        assertThat(cp.store().secret(name, CaRegistry.certSecretName(name, "ca-1")))
                .isEmpty();
    }

    @Test
    void negativeRsaBitsIsKumasConversionError() {
        assertRefused(
                put("rsa-neg", "{\"RSAbits\": -1}"),
                "rsa-neg",
                "mtls.backends[0].conf",
                "could not convert backend config: json: cannot unmarshal number -1 into Go value of type uint32");
    }

    @Test
    void rsaBitsBeyondUint32OrNotANumberAreConversionErrors() {
        assertRefused(
                put("rsa-big", "{\"RSAbits\": 4294967296}"),
                "rsa-big",
                "mtls.backends[0].conf",
                "could not convert backend config: json: cannot unmarshal number 4294967296 into Go value of type uint32");
        assertRefused(
                put("rsa-frac", "{\"RSAbits\": 2048.5}"),
                "rsa-frac",
                "mtls.backends[0].conf",
                "could not convert backend config: json: cannot unmarshal number 2048.5 into Go value of type uint32");
        assertRefused(
                put("rsa-bool", "{\"RSAbits\": true}"),
                "rsa-bool",
                "mtls.backends[0].conf",
                "could not convert backend config: json: cannot unmarshal bool into Go value of type uint32");
        assertRefused(
                put("rsa-text", "{\"RSAbits\": \"lots\"}"),
                "rsa-text",
                "mtls.backends[0].conf",
                "could not convert backend config: invalid character 'l' looking for beginning of value");
    }

    @Test
    void rsaBitsKumaCouldOnlyFailOnAreRefusedUpFront() {
        assertRefused(
                put("rsa-huge", "{\"RSAbits\": 65536}"),
                "rsa-huge",
                "mtls.backends[0].conf.caCert.RSAbits",
                "must be 0 (2048 bits) or between 1024 and 4096");
        assertRefused(
                put("rsa-tiny", "{\"RSAbits\": 512}"),
                "rsa-tiny",
                "mtls.backends[0].conf.caCert.RSAbits",
                "must be 0 (2048 bits) or between 1024 and 4096");
    }

    @Test
    void negativeOrMalformedCaExpirationIsRefused() {
        assertRefused(
                put("exp-neg", "{\"expiration\": \"-1h\"}"),
                "exp-neg",
                "mtls.backends[0].conf.caCert.expiration",
                "has to be a valid format");
        assertRefused(
                put("exp-num", "{\"expiration\": 10}"),
                "exp-num",
                "mtls.backends[0].conf",
                "could not convert backend config: json: cannot unmarshal number into Go value of type string");
    }

    @Test
    void negativeCertificateRotationIsRefusedAsKumaDoes() {
        // mesh_validator.go validateMtls: ParseDuration of dpCert.rotation.expiration, path
        // "dpcert.rotation.expiration".
        Http.Res r = http.putJson("/meshes/rot-neg", """
                {"type": "Mesh", "name": "rot-neg", "mtls": {"enabledBackend": "ca-1", "backends": [
                  {"name": "ca-1", "type": "builtin", "dpCert": {"rotation": {"expiration": "-1h"}}}]}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("title").asText()).isEqualTo("Could not process a resource");
        assertThat(params(r)).containsExactly("mtls.dpcert.rotation.expiration: has to be a valid format");
    }

    @Test
    void validSettingsAreUsedForTheCa() {
        Http.Res r = put("rsa-ok", "{\"RSAbits\": \"3072\", \"expiration\": \"2y\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        X509Certificate ca = Pem.certificate(new String(
                cp.store()
                        .secret("rsa-ok", CaRegistry.certSecretName("rsa-ok", "ca-1"))
                        .orElseThrow(),
                StandardCharsets.UTF_8));
        assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        Duration lifetime = Duration.between(Instant.now(), ca.getNotAfter().toInstant());
        assertThat(lifetime).isBetween(Duration.ofDays(729), Duration.ofDays(731));
    }
}
