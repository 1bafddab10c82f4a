package dev.gatehouse.mesh.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM encoding and decoding of certificates and private keys (Bouncy Castle). */
public final class Pem {
    private Pem() {}

    public static String encode(Object certOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode PEM", e);
        }
        return out.toString();
    }

    public static X509Certificate certificate(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (!(o instanceof X509CertificateHolder h)) {
                throw new IllegalArgumentException("not a PEM certificate");
            }
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read PEM certificate", e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) {
                return conv.getKeyPair(kp).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            throw new IllegalArgumentException("not a PEM private key");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read PEM private key", e);
        }
    }
}
