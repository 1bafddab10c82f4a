package dev.gatehouse.mesh.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/** A decoded HTTP request: method, path segments, query parameters, selected headers and body. */
public record ApiRequest(String method, String path, List<String> segments, Map<String, List<String>> query,
                         String host, String authorization, InetSocketAddress remote, byte[] body) {

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public List<String> params(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The bearer token of the Authorization header, or null. */
    public String bearerToken() {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    public boolean fromLoopback() {
        return remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
    }
}
