package dev.gatehouse.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the PEM pairs users bring for ssl_cert / admin_ssl_cert, in the key formats OpenSSL (so Kong) reads. */
class ServerCertificateTest {

    @TempDir
    Path dir;

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return w.toString();
    }

    @Test
    void readsAnEcKeyInSec1FormEvenWithoutItsPublicPart() throws Exception {
        ServerCertificate original = ServerCertificate.selfSigned(Set.of());
        // SEC1 (RFC 5915) with the curve named but the optional public key left out, which OpenSSL accepts.
        java.security.interfaces.ECPrivateKey ec = (java.security.interfaces.ECPrivateKey) original.key();
        org.bouncycastle.asn1.sec.ECPrivateKey sec1Key = new org.bouncycastle.asn1.sec.ECPrivateKey(
                256, ec.getS(), org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1);
        String sec1 = pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1Key.getEncoded()));
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        Path cert = dir.resolve("c.crt");
        Path key = dir.resolve("c.key");
        Files.writeString(cert, pem(original.chain().get(0)));
        Files.writeString(key, sec1);
        ServerCertificate loaded = ServerCertificate.load(new CertificateFiles(cert, key));
        assertThat(((java.security.interfaces.ECPrivateKey) loaded.key()).getS())
                .isEqualTo(ec.getS());
        assertThat(loaded.chain()).hasSize(1);
    }

    @Test
    void aFileWithoutAKeyIsRefusedWithoutEchoingIt() throws Exception {
        Path cert = dir.resolve("c.crt");
        Path key = dir.resolve("c.key");
        ServerCertificate original = ServerCertificate.selfSigned(Set.of());
        Files.writeString(cert, pem(original.chain().get(0)));
        Files.writeString(key, "not a key at all: s3cret");
        try {
            ServerCertificate.load(new CertificateFiles(cert, key));
            throw new AssertionError("expected a refusal");
        } catch (java.io.IOException e) {
            assertThat(e.getMessage())
                    .contains("no unencrypted PEM private key")
                    .doesNotContain("s3cret");
        }
    }
}
