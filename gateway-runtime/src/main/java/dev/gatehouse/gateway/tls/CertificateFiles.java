package dev.gatehouse.gateway.tls;

import java.nio.file.Path;

/** A PEM certificate (chain) file and its PEM private key file, as Kong's {@code ssl_cert}/{@code ssl_cert_key}. */
public record CertificateFiles(Path cert, Path key) {

    public CertificateFiles {
        if (cert == null || key == null) {
            throw new IllegalArgumentException("both a certificate and a key file are needed");
        }
    }
}
