package dev.gatehouse.mesh.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A mesh CA: its self-signed certificate and private key. {@code toString} never shows the key. */
public record CaMaterial(X509Certificate certificate, PrivateKey privateKey) {
    @Override
    public String toString() {
        return "CaMaterial[" + certificate.getSubjectX500Principal() + ", notAfter=" + certificate.getNotAfter() + "]";
    }
}
