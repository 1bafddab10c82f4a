package dev.gatehouse.app.pages.certificates;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * What the console shows of a PEM certificate, read with java.security: subject and issuer, validity, key type,
 * subject alternative names and the SHA-256 digest of its DER (Kong's {@code cert_digest},
 * kong/db/schema/entities/ca_certificates.lua). Only the certificate is ever parsed here, never a key.
 */
public record CertificateInfo(
        String subject,
        String commonName,
        String issuer,
        Instant notBefore,
        Instant notAfter,
        String keyType,
        List<String> alternativeNames,
        String sha256) {

    /** How soon a certificate's expiry is worth a warning. */
    public static final Duration WARN_BEFORE = Duration.ofDays(30);

    /** Where a certificate stands at an instant. */
    public enum Expiry {
        VALID,
        EXPIRES_SOON,
        EXPIRED
    }

    /** Parsed certificates by their PEM text: rows are redrawn often, parsing each time would be wasted. */
    private static final Map<String, Optional<CertificateInfo>> PARSED = new ConcurrentHashMap<>();

    private static final int CACHE_LIMIT = 4096;

    public CertificateInfo {
        alternativeNames = List.copyOf(alternativeNames);
    }

    /** The first certificate of {@code pem}, or empty when it is not one. */
    public static Optional<CertificateInfo> of(String pem) {
        if (pem == null || pem.isBlank()) {
            return Optional.empty();
        }
        if (PARSED.size() > CACHE_LIMIT) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(pem, CertificateInfo::parse);
    }

    private static Optional<CertificateInfo> parse(String pem) {
        try {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            String subject = cert.getSubjectX500Principal().getName(X500Principal.RFC2253);
            return Optional.of(new CertificateInfo(
                    subject,
                    commonName(subject).orElse(subject),
                    cert.getIssuerX500Principal().getName(X500Principal.RFC2253),
                    cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(),
                    keyType(cert.getPublicKey()),
                    alternativeNames(cert),
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()))));
        } catch (CertificateException | NoSuchAlgorithmException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** VALID, EXPIRES_SOON (within {@link #WARN_BEFORE}) or EXPIRED at {@code now}. */
    public Expiry expiry(Instant now) {
        if (!notAfter.isAfter(now)) {
            return Expiry.EXPIRED;
        }
        return notAfter.isBefore(now.plus(WARN_BEFORE)) ? Expiry.EXPIRES_SOON : Expiry.VALID;
    }

    /** Whole days from {@code now} until expiry (0 on its last day), negative once expired. */
    public long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter).toHours(), 24);
    }

    private static Optional<String> commonName(String subject) {
        try {
            List<Rdn> rdns = new LdapName(subject).getRdns();
            // RFC 2253 lists the most specific RDN last in LdapName's order; the CN people mean is that one.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdns.get(i).getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@code RSA 2048}, {@code EC P-256}, {@code Ed25519}. */
    private static String keyType(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            return "EC " + (bits == 256 || bits == 384 || bits == 521 ? "P-" + bits : bits + "-bit");
        }
        return key.getAlgorithm();
    }

    private static List<String> alternativeNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            var sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() == 2 && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return names;
    }
}
