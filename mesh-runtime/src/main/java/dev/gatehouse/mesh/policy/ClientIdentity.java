package dev.gatehouse.mesh.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is connecting: the multi-valued tag set carried by the client's certificate (spiffe://mesh/service gives
 * {@code kuma.io/service}; kuma://tag/value gives any tag), as Kuma's RBAC principals read it.
 */
public record ClientIdentity(Map<String, Set<String>> tags) {
    public static final String SERVICE_TAG = "kuma.io/service";

    public ClientIdentity {
        Map<String, Set<String>> copy = new TreeMap<>();
        tags.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        tags = Map.copyOf(copy);
    }

    public static ClientIdentity ofService(String service) {
        return new ClientIdentity(Map.of(SERVICE_TAG, Set.of(service)));
    }

    public static ClientIdentity ofTags(Map<String, String> single) {
        Map<String, Set<String>> m = new TreeMap<>();
        single.forEach((k, v) -> m.put(k, Set.of(v)));
        return new ClientIdentity(m);
    }

    /** Reads the identity from a peer certificate's URI SANs; URIs of other trust domains are ignored. */
    public static ClientIdentity fromUris(String mesh, Collection<String> uris) {
        Map<String, Set<String>> m = new TreeMap<>();
        String spiffe = "spiffe://" + mesh + "/";
        for (String uri : uris) {
            if (uri.startsWith(spiffe)) {
                m.computeIfAbsent(SERVICE_TAG, k -> new TreeSet<>()).add(uri.substring(spiffe.length()));
            } else if (uri.startsWith("kuma://")) {
                String rest = uri.substring("kuma://".length());
                int slash = rest.lastIndexOf('/');
                if (slash > 0) {
                    m.computeIfAbsent(rest.substring(0, slash), k -> new TreeSet<>()).add(rest.substring(slash + 1));
                }
            }
        }
        return new ClientIdentity(m);
    }

    /** Reads the identity from a peer certificate (its URI subject alternative names). */
    public static ClientIdentity fromCertificate(String mesh, java.security.cert.X509Certificate peer) {
        List<String> uris = new java.util.ArrayList<>();
        try {
            Collection<List<?>> names = peer.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (Integer.valueOf(6).equals(n.get(0))) { // uniformResourceIdentifier
                        uris.add((String) n.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return new ClientIdentity(Map.of());
        }
        return fromUris(mesh, uris);
    }

    public boolean has(String tag, String value) {
        Set<String> v = tags.get(tag);
        return v != null && v.contains(value);
    }

    /** True when the client carries every tag of {@code subset}; {@code *} values match anything. */
    public boolean matches(Map<String, String> subset) {
        for (Map.Entry<String, String> e : subset.entrySet()) {
            if (!"*".equals(e.getValue()) && !has(e.getKey(), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The client's SPIFFE IDs in a mesh (one per service). */
    public Set<String> spiffeIds(String mesh) {
        Set<String> out = new TreeSet<>();
        tags.getOrDefault(SERVICE_TAG, Set.of()).forEach(s -> out.add("spiffe://" + mesh + "/" + s));
        return out;
    }
}
