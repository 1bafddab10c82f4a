package dev.gatehouse.mesh.ca;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** A data plane's identity: certificate, its private key, and the CA that signed it. Never logged with the key. */
public record WorkloadCertificate(
        X509Certificate certificate,
        PrivateKey privateKey,
        X509Certificate ca,
        Instant generatedAt,
        Instant notAfter,
        List<String> uriSans) {

    /** Kuma {@code Info.ExpiringSoon}: more than 4/5 of the lifetime has passed. */
    public boolean expiringSoon(Instant now) {
        Duration lifetime = Duration.between(generatedAt, notAfter);
        return now.isAfter(generatedAt.plus(lifetime.dividedBy(5).multipliedBy(4)));
    }

    /** The SAN URIs Kuma puts in a workload certificate, in Kuma's order. */
    public static List<String> sans(String mesh, Map<String, List<String>> sortedTagSet) {
        List<String> uris = new ArrayList<>();
        for (String service : sortedTagSet.getOrDefault("kuma.io/service", List.of())) {
            uris.add("spiffe://" + mesh + "/" + service);
        }
        sortedTagSet.forEach((tag, values) -> {
            for (String value : new TreeSet<>(values)) {
                uris.add("kuma://" + tag + "/" + value);
            }
        });
        return List.copyOf(uris);
    }

    @Override
    public String toString() {
        return "WorkloadCertificate[sans=" + uriSans + ", notAfter=" + notAfter + "]";
    }
}
