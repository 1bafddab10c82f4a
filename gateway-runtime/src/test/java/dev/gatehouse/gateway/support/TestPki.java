package dev.gatehouse.gateway.support;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made on the spot with Bouncy Castle: self-signed, CA and CA-issued, RSA or ECDSA, as PEM. */
public final class TestPki {

    /** A certificate with its key, as PEM text and as Java objects. */
    public record Issued(X509Certificate cert, PrivateKey key, String certPem, String keyPem) {}

    private TestPki() {}

    /** A self-signed leaf for the DNS names (the first is the CN); {@code rsa} or else ECDSA P-256. */
    public static Issued selfSigned(boolean rsa, String... dnsNames) {
        KeyPair kp = keyPair(rsa);
        return sign(kp, dnsNames[0], kp, dnsNames[0], false, dnsNames);
    }

    /** A self-signed CA certificate (basic constraints CA:true). */
    public static Issued ca(String cn) {
        KeyPair kp = keyPair(false);
        return sign(kp, cn, kp, cn, true, new String[0]);
    }

    /** A leaf for the DNS names (or IPv4 literals) issued by {@code ca}. */
    public static Issued issuedBy(Issued ca, String... dnsNames) {
        KeyPair kp = keyPair(false);
        KeyPair caPair = new KeyPair(ca.cert().getPublicKey(), ca.key());
        String issuer = ca.cert().getSubjectX500Principal().getName();
        return sign(kp, dnsNames[0], caPair, issuer, false, dnsNames);
    }

    private static KeyPair keyPair(boolean rsa) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(rsa ? "RSA" : "EC");
            if (rsa) {
                g.initialize(2048, new SecureRandom());
            } else {
                g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            }
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued sign(KeyPair subject, String cn, KeyPair signer, String issuer, boolean ca, String[] dns) {
        try {
            Instant now = Instant.now();
            X500Name issuerName = issuer.contains("=") ? new X500Name(issuer) : new X500Name("CN=" + issuer);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName,
                    new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))),
                    new X500Name("CN=" + cn),
                    subject.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            List<GeneralName> sans = new ArrayList<>();
            for (String n : dns) {
                boolean ip = n.matches("[0-9.]+");
                sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, n));
            }
            if (!sans.isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String alg = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
            return new Issued(
                    cert, subject.getPrivate(), pem(cert), pem(new JcaPKCS8Generator(subject.getPrivate(), null)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o);
        }
        return w.toString();
    }
}
