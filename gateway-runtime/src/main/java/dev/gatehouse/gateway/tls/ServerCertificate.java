package dev.gatehouse.gateway.tls;

import dev.gatehouse.gateway.fs.OwnerOnly;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A server certificate chain and its private key: loaded from PEM files (any common key encoding: PKCS#8, PKCS#1,
 * SEC1) or generated self-signed, as Kong generates {@code default} certificates when none is configured.
 */
public record ServerCertificate(List<X509Certificate> chain, PrivateKey key) {

    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();

    /** Reads a PEM certificate chain and a PEM private key. */
    public static ServerCertificate load(CertificateFiles files) throws IOException {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(files.cert(), StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(CERTS.getCertificate(h));
                }
            }
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("invalid certificate in " + files.cert() + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("no PEM certificate found in " + files.cert());
        }
        PrivateKey key = null;
        try (Reader r = Files.newBufferedReader(files.key(), StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            Object o;
            while (key == null && (o = p.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    // SEC1 EC keys may omit the public key (OpenSSL, and so Kong, accept that); only the private part
                    // is needed.
                    key = KEYS.getPrivateKey(kp.getPrivateKeyInfo());
                } else if (o instanceof PrivateKeyInfo info) {
                    key = KEYS.getPrivateKey(info);
                }
            }
        }
        if (key == null) {
            // never echo the file's content: it is a secret
            throw new IOException("no unencrypted PEM private key found in " + files.key());
        }
        return new ServerCertificate(List.copyOf(chain), key);
    }

    /**
     * A fresh self-signed ECDSA P-256 certificate, valid for {@code localhost}, the loopback addresses and the given
     * extra host names or IP literals (e.g. the listen address).
     */
    public static ServerCertificate selfSigned(Set<String> extraNames) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            X500Name subject = new X500Name("CN=localhost, O=Gatehouse, OU=Gatehouse self-signed");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    subject,
                    new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(3650))),
                    subject,
                    kp.getPublic());
            Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
            names.addAll(extraNames);
            List<GeneralName> sans = new ArrayList<>();
            for (String n : names) {
                if (n == null || n.isBlank() || n.equals("0.0.0.0") || n.equals("::")) {
                    continue;
                }
                sans.add(
                        isIpLiteral(n)
                                ? new GeneralName(GeneralName.iPAddress, n)
                                : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate cert = CERTS.getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
            return new ServerCertificate(List.of(cert), kp.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    /**
     * The configured files, or a self-signed pair kept in {@code dir} under {@code baseName}.crt/.key (generated on
     * first use, reused afterwards so clients can keep trusting it; both files are 0600, the directory 0700).
     */
    public static ServerCertificate configuredOrGenerated(
            CertificateFiles configured, Path dir, String baseName, Set<String> extraNames) throws IOException {
        if (configured != null) {
            return load(configured);
        }
        CertificateFiles files = generatedFiles(dir, baseName);
        if (Files.exists(files.cert()) && Files.exists(files.key())) {
            return load(files);
        }
        ServerCertificate generated = selfSigned(extraNames);
        generated.write(files);
        return generated;
    }

    /** Where {@link #configuredOrGenerated} keeps a generated pair. */
    public static CertificateFiles generatedFiles(Path dir, String baseName) {
        Path ssl = dir.resolve("ssl");
        return new CertificateFiles(ssl.resolve(baseName + ".crt"), ssl.resolve(baseName + ".key"));
    }

    /** Writes the chain and the key (PKCS#8) as PEM, each file owner-only and replaced atomically. */
    public void write(CertificateFiles files) throws IOException {
        OwnerOnly.directory(files.cert().toAbsolutePath().getParent());
        StringWriter certs = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(certs)) {
            for (X509Certificate c : chain) {
                w.writeObject(c);
            }
        }
        StringWriter keyText = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(keyText)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        }
        // both through the owner-only writer: the key is secret, and neither file is ever seen half-written
        OwnerOnly.write(files.key(), keyText.toString().getBytes(StandardCharsets.US_ASCII));
        OwnerOnly.write(files.cert(), certs.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    private static boolean isIpLiteral(String n) {
        if (!n.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(n); // a literal never triggers a DNS lookup
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "ServerCertificate[" + leaf().getSubjectX500Principal() + "]"; // never the key
    }
}
