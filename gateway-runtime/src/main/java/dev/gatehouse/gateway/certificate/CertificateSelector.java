package dev.gatehouse.gateway.certificate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.tls.Pem;
import dev.gatehouse.gateway.tls.ServerCertificate;
import dev.gatehouse.gateway.tls.ServerTls;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's certificate for a TLS server name, as Kong's {@code kong/runloop/certificate.lua} {@code find_certificate}:
 * the SNI entity named exactly so, else the {@code *.} prefix wildcard, else the {@code .*} suffix wildcard, else the
 * SNI {@code *}, else the listener's default ({@code ssl_cert} or the generated pair). Read from the store's current
 * snapshot at each handshake, so a change through the Admin API applies to the next handshake; a certificate's TLS
 * context is built once per stored version of it.
 */
public final class CertificateSelector implements Mapping<String, SslContext> {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateSelector.class);
    /** Kong's {@code DEFAULT_SNI}. */
    private static final String DEFAULT_SNI = "*";
    /** {@code *.example.com} for {@code www.example.com} (Kong's {@code ([^.]+)(\.[^.]+\.\S+)}). */
    private static final Pattern PREFIXED = Pattern.compile("^[^.]+(\\.[^.]+\\.\\S+)");
    /** {@code www.example.*} for {@code www.example.com} (Kong's {@code ([^.]+\.)([^.]+)$}). */
    private static final Pattern SUFFIXED = Pattern.compile("^(.*[^.]+\\.)[^.]+$");

    private final Supplier<Snapshot> snapshots;
    private final SslContext fallback;
    private volatile Index index = new Index(-1, Map.of());
    private final Map<String, Built> contexts = new ConcurrentHashMap<>();

    /** A certificate's context and the stored body it was built from. */
    private record Built(JsonNode body, SslContext context) {}

    /** SNI name to certificate id, for one snapshot version. */
    private record Index(long version, Map<String, String> certificateBySni) {}

    public CertificateSelector(Supplier<Snapshot> snapshots, SslContext fallback) {
        this.snapshots = snapshots;
        this.fallback = fallback;
    }

    @Override
    public SslContext map(String serverName) {
        if (serverName == null || serverName.isEmpty()) {
            return fallback; // Kong: "no SNI provided by client, serving default SSL certificate"
        }
        Snapshot snap = snapshots.get();
        Index idx = index(snap);
        if (idx.certificateBySni().isEmpty()) {
            return fallback;
        }
        for (String candidate : candidates(serverName)) {
            String certificateId = idx.certificateBySni().get(candidate);
            if (certificateId != null) {
                SslContext c = context(snap, certificateId);
                if (c != null) {
                    return c;
                }
            }
        }
        return fallback;
    }

    /** The SNI names looked up for a server name, in Kong's order ({@code produce_wild_snis}, then {@code *}). */
    static List<String> candidates(String serverName) {
        List<String> out = new ArrayList<>(4);
        out.add(serverName);
        if (serverName.indexOf('*') < 0) {
            Matcher p = PREFIXED.matcher(serverName);
            if (p.find()) {
                out.add("*" + p.group(1));
            }
            Matcher s = SUFFIXED.matcher(serverName);
            if (s.find()) {
                out.add(s.group(1) + "*");
            }
        }
        out.add(DEFAULT_SNI);
        return out;
    }

    private Index index(Snapshot snap) {
        Index idx = index;
        if (idx.version() == snap.version()) {
            return idx;
        }
        Map<String, String> bySni = new HashMap<>();
        for (StoredEntity sni : snap.list("snis")) {
            String cert = sni.body().path("certificate").path("id").asText(null);
            if (cert != null) {
                bySni.put(sni.body().path("name").asText(), cert);
            }
        }
        contexts.keySet().removeIf(id -> snap.get("certificates", id) == null);
        idx = new Index(snap.version(), Map.copyOf(bySni));
        index = idx;
        return idx;
    }

    private SslContext context(Snapshot snap, String certificateId) {
        StoredEntity cert = snap.get("certificates", certificateId);
        if (cert == null) {
            return null;
        }
        Built built = contexts.get(certificateId);
        if (built != null && built.body().equals(cert.body())) {
            return built.context();
        }
        try {
            List<ServerCertificate> pairs = new ArrayList<>(2);
            pairs.add(pair(
                    cert.body().path("cert").asText(), cert.body().path("key").asText()));
            JsonNode alt = cert.body().get("cert_alt");
            JsonNode altKey = cert.body().get("key_alt");
            if (alt != null && alt.isTextual() && altKey != null && altKey.isTextual()) {
                pairs.add(pair(alt.textValue(), altKey.textValue()));
            }
            SslContext context = ServerTls.context(pairs);
            contexts.put(certificateId, new Built(cert.body(), context));
            return context;
        } catch (Pem.PemException | RuntimeException e) {
            // the certificate's id only: its key is a secret
            LOG.error("[ssl] could not use certificate {}: {}", certificateId, e.getMessage());
            return null;
        }
    }

    private static ServerCertificate pair(String certPem, String keyPem) throws Pem.PemException {
        return new ServerCertificate(Pem.certificates(certPem), Pem.privateKey(keyPem));
    }
}
