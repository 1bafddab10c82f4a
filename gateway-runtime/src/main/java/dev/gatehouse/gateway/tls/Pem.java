package dev.gatehouse.gateway.tls;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM text as Kong's entities hold it ({@code cert}, {@code key}): certificates, private and public keys parsed
 * with Bouncy Castle. Failures name what was wrong, never the content (a key is a secret).
 */
public final class Pem {

    private static final JcaX509CertificateConverter CERTS = new JcaX509CertificateConverter();
    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final byte[] PROBE = "gatehouse key match probe".getBytes(StandardCharsets.US_ASCII);

    private Pem() {}

    /** Thrown when PEM text does not hold what was asked for; the message is safe to show. */
    public static final class PemException extends Exception {
        PemException(String message) {
            super(message, null, false, false);
        }
    }

    /** Every certificate in the text, in order (a chain: leaf first); at least one. */
    public static List<X509Certificate> certificates(String pem) throws PemException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(CERTS.getCertificate(h));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new PemException("could not parse a PEM certificate");
        }
        if (out.isEmpty()) {
            throw new PemException("no PEM certificate found");
        }
        return out;
    }

    /** The first unencrypted private key in the text (PKCS#8, PKCS#1 or SEC1). */
    public static PrivateKey privateKey(String pem) throws PemException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return KEYS.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return KEYS.getPrivateKey(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PemException("could not parse an unencrypted PEM private key");
        }
        throw new PemException("no unencrypted PEM private key found");
    }

    /** The first public key in the text ({@code PUBLIC KEY}, or the public half of a key pair). */
    public static PublicKey publicKey(String pem) throws PemException {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof SubjectPublicKeyInfo info) {
                    return KEYS.getPublicKey(info);
                }
                if (o instanceof PEMKeyPair kp && kp.getPublicKeyInfo() != null) {
                    return KEYS.getPublicKey(kp.getPublicKeyInfo());
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new PemException("could not parse a PEM public key");
        }
        throw new PemException("no PEM public key found");
    }

    /**
     * Whether {@code key} is the private half of {@code publicKey}: a probe signed with one verifies with the other
     * (works for RSA, EC, EdDSA and DSA alike, without deriving the public key).
     */
    public static boolean matches(PublicKey publicKey, PrivateKey key) {
        if (!family(publicKey.getAlgorithm()).equals(family(key.getAlgorithm()))) {
            return false;
        }
        String alg = switch (family(key.getAlgorithm())) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (alg == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(PROBE);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(publicKey);
            v.update(PROBE);
            return v.verify(sig);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The key type as OpenSSL tells RSA from ECDSA ({@code get_key_type}): RSA, EC, EdDSA, DSA, ... */
    public static String family(String algorithm) {
        return switch (algorithm) {
            case "RSA", "RSASSA-PSS" -> "RSA";
            case "EC", "ECDSA" -> "EC";
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> algorithm;
        };
    }

    /** Lower-case hex SHA-256 of the certificate's DER encoding (Kong's {@code x509:digest("sha256")}). */
    public static String sha256Hex(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
