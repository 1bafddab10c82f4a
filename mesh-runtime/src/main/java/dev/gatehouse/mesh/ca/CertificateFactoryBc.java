package dev.gatehouse.mesh.ca;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the builtin CA and workload certificates the way Kuma does: {@code pkg/plugins/ca/builtin/ca.go} (CA) and
 * {@code pkg/core/ca/issuer/issuer.go} (workload), @v2.14.3.
 */
public final class CertificateFactoryBc {
    /** Kuma's {@code DefaultAllowedClockSkew}: NotBefore is set this far in the past. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(10);

    public static final int WORKLOAD_RSA_BITS = 2048;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateFactoryBc() {}

    /** Self-signed CA: O=Kuma, OU=Mesh, CN=mesh, URI SAN spiffe://mesh, CA:true, keyCertSign+cRLSign. */
    public static CaMaterial newCa(String mesh, int rsaBits, Duration lifetime, Instant now) {
        try {
            KeyPair keys = rsa(rsaBits);
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.O, "Kuma")
                    .addRDN(BCStyle.OU, "Mesh")
                    .addRDN(BCStyle.CN, mesh)
                    .build();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    subject,
                    serial(),
                    Date.from(now.minus(CLOCK_SKEW)),
                    Date.from(now.plus(lifetime)),
                    subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://" + mesh)));
            X509Certificate cert = sign(b, keys);
            return new CaMaterial(cert, keys.getPrivate());
        } catch (CertIOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot create CA certificate", e);
        }
    }

    /**
     * Workload certificate: empty subject; URI SANs spiffe://mesh/service per service, then kuma://tag/value for
     * every tag (keys and values sorted); digitalSignature+keyEncipherment+keyAgreement; serverAuth+clientAuth.
     */
    public static WorkloadCertificate newWorkload(
            CaMaterial ca, String mesh, Map<String, List<String>> tagSet, Duration lifetime, Instant now) {
        try {
            KeyPair keys = rsa(WORKLOAD_RSA_BITS);
            List<String> uris = WorkloadCertificate.sans(mesh, new TreeMap<>(tagSet));
            GeneralName[] names = uris.stream()
                    .map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u))
                    .toArray(GeneralName[]::new);
            Instant notAfter = now.plus(lifetime);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(
                            ca.certificate().getSubjectX500Principal().getEncoded()),
                    serial(),
                    Date.from(now.minus(CLOCK_SKEW)),
                    Date.from(notAfter),
                    new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(
                    Extension.keyUsage,
                    true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
            }));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            // RFC 5280 4.2.1.6: with an empty subject the SAN extension must be critical.
            b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(names));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(ca.privateKey());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
            return new WorkloadCertificate(cert, keys.getPrivate(), ca.certificate(), now, notAfter, uris);
        } catch (CertIOException | NoSuchAlgorithmException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot issue workload certificate", e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair keys) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }

    private static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits, RANDOM);
        return g.generateKeyPair();
    }

    /** Random serial in [1, 2^128], as Kuma's {@code newSerialNumber}. */
    private static BigInteger serial() {
        return new BigInteger(128, RANDOM).add(BigInteger.ONE);
    }
}
