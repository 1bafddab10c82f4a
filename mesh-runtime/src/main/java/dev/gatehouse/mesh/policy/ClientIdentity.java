package dev.gatehouse.mesh.policy;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is connecting: the multi-valued tag set carried by the client's certificate, as Kuma's RBAC principals read it
 * (pkg/xds/envoy/listeners/v3/network_rbac_configurer.go, meshtrafficpermission/xds/legacy_rbac_configurer.go
 * @v2.14.3): {@code kuma.io/service} only from {@code spiffe://<mesh>/<service>} SANs (ServiceSpiffeIDMatcher), other
 * tags from {@code kuma://<tag>/<value>} SANs (KumaIDMatcher), every URI SAN counting. A certificate without a SPIFFE ID
 * of the mesh has no identity at all: Kuma's inbound refuses it in the handshake (MeshSpiffeIDPrefixMatcher).
 */
public record ClientIdentity(Map<String, Set<String>> tags) {
    public static final String SERVICE_TAG = "kuma.io/service";
    private static final ClientIdentity NONE = new ClientIdentity(Map.of());

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

    /** Whether the URI SANs hold a workload SPIFFE ID of {@code mesh} (Kuma's {@code spiffe://<mesh>/} prefix). */
    public static boolean hasMeshSpiffeId(String mesh, Collection<String> uris) {
        String prefix = spiffePrefix(mesh);
        return uris.stream().anyMatch(u -> u.startsWith(prefix) && u.length() > prefix.length());
    }

    /** Reads the identity from a peer certificate's URI SANs; none without a SPIFFE ID of {@code mesh}. */
    public static ClientIdentity fromUris(String mesh, Collection<String> uris) {
        if (!hasMeshSpiffeId(mesh, uris)) {
            return NONE;
        }
        Map<String, Set<String>> m = new TreeMap<>();
        String spiffe = spiffePrefix(mesh);
        for (String uri : uris) {
            if (uri.startsWith(spiffe) && uri.length() > spiffe.length()) {
                m.computeIfAbsent(SERVICE_TAG, k -> new TreeSet<>()).add(uri.substring(spiffe.length()));
            } else if (uri.startsWith("kuma://")) {
                String rest = uri.substring("kuma://".length());
                int slash = rest.lastIndexOf('/');
                // kuma.io/service is matched by the SPIFFE ID alone; a kuma:// SAN cannot claim a service.
                if (slash > 0 && !rest.substring(0, slash).equals(SERVICE_TAG)) {
                    m.computeIfAbsent(rest.substring(0, slash), k -> new TreeSet<>())
                            .add(rest.substring(slash + 1));
                }
            }
        }
        return new ClientIdentity(m);
    }

    /** Reads the identity from a peer certificate (its URI subject alternative names). */
    public static ClientIdentity fromCertificate(String mesh, java.security.cert.X509Certificate peer) {
        return fromUris(mesh, uriSans(peer));
    }

    /** The URI subject alternative names of a certificate; none when they cannot be read. */
    public static List<String> uriSans(java.security.cert.X509Certificate cert) {
        List<String> uris = new java.util.ArrayList<>();
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    if (Integer.valueOf(6).equals(n.get(0))) { // uniformResourceIdentifier
                        uris.add((String) n.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            return List.of();
        }
        return uris;
    }

    private static String spiffePrefix(String mesh) {
        return "spiffe://" + mesh + "/";
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
