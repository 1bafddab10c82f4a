package dev.gatehouse.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.proxy.UpstreamTls;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.tls.ClientTls;
import dev.gatehouse.gateway.tls.Pem;
import dev.gatehouse.gateway.tls.ServerCertificate;
import io.netty.handler.ssl.SslContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's own upstream TLS settings, as Kong's balancer sets them per request ({@code tls_verify},
 * {@code tls_verify_depth}, {@code ca_certificates} as the trust store, {@code client_certificate} for mutual TLS,
 * else the client certificate of the upstream the service is balanced over; {@code kong/runloop/upstream_ssl.lua}):
 * contexts are built once per distinct settings and certificate contents, and reused across rebuilds.
 */
final class ServiceTls {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceTls.class);

    private static final int MAX_CONTEXTS = 256;

    private final Map<String, SslContext> contexts = new ConcurrentHashMap<>();

    /** Null when the service only uses the proxy's defaults (no CA certificates, no client certificate). */
    UpstreamTls of(ObjectNode service, Snapshot snap) {
        if (!"https".equals(service.path("protocol").asText())
                && !"tls".equals(service.path("protocol").asText())) {
            return null;
        }
        String clientId = foreignId(service.get("client_certificate"));
        if (clientId == null) {
            // Kong's fallback_upstream_client_cert: a balanced service presents its upstream's certificate
            StoredEntity upstream = snap.findUnique(
                    "upstreams", "name", TextNode.valueOf(service.path("host").asText()));
            clientId = upstream == null ? null : foreignId(upstream.body().get("client_certificate"));
        }
        boolean verify = service.path("tls_verify").asBoolean(false);
        JsonNode depthNode = service.get("tls_verify_depth");
        Integer depth = depthNode != null && depthNode.isNumber() ? depthNode.intValue() : null;
        List<StoredEntity> cas = new ArrayList<>();
        JsonNode caIds = service.get("ca_certificates");
        if (verify && caIds != null && caIds.isArray()) {
            for (JsonNode id : caIds) {
                StoredEntity ca = snap.get("ca_certificates", id.asText());
                if (ca != null) {
                    cas.add(ca);
                } else {
                    LOG.error(
                            "[ssl] service {}: CA certificate {} not found",
                            service.path("id").asText(),
                            id.asText());
                }
            }
        }
        StoredEntity client = clientId == null ? null : snap.get("certificates", clientId);
        if (client == null && cas.isEmpty() && depth == null) {
            return null;
        }
        StringBuilder key = new StringBuilder().append(verify).append('|').append(depth);
        for (StoredEntity ca : cas) {
            key.append('|').append(ca.body().path("cert_digest").asText());
        }
        if (client != null) {
            // a digest of the pair, never the key itself
            key.append("|client:")
                    .append(client.id())
                    .append(':')
                    .append(sha256(client.body().path("cert").asText()
                            + client.body().path("key").asText()));
        }
        String k = key.toString();
        SslContext ctx = contexts.get(k);
        if (ctx == null) {
            try {
                List<X509Certificate> trusted = new ArrayList<>();
                for (StoredEntity ca : cas) {
                    trusted.addAll(Pem.certificates(ca.body().path("cert").asText()));
                }
                ServerCertificate pair = client == null
                        ? null
                        : new ServerCertificate(
                                Pem.certificates(client.body().path("cert").asText()),
                                Pem.privateKey(client.body().path("key").asText()));
                ctx = ClientTls.context(verify, trusted, depth, pair);
                if (contexts.size() >= MAX_CONTEXTS) {
                    contexts.clear(); // settings replaced over time: forget them all rather than grow without end
                }
                contexts.put(k, ctx);
            } catch (Pem.PemException | RuntimeException e) {
                LOG.error(
                        "[ssl] service {}: cannot use its TLS settings: {}",
                        service.path("id").asText(),
                        e.getMessage());
                return null;
            }
        }
        return new UpstreamTls(k, verify, ctx);
    }

    private static String foreignId(JsonNode ref) {
        return ref != null && ref.isObject() ? ref.path("id").asText(null) : null;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
