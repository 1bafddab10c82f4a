package dev.gatehouse.mesh.api;

import java.util.List;
import java.util.Map;

/**
 * A decoded HTTP request: method, path segments, query parameters, selected headers, where it came from, body, and
 * who sent it ({@link ApiAccess} fills that in).
 */
public record ApiRequest(
        String method,
        String path,
        List<String> segments,
        Map<String, List<String>> query,
        String host,
        String authorization,
        RequestSource source,
        byte[] body,
        ApiCaller caller) {

    /** The same request, sent by {@code who}. */
    public ApiRequest by(ApiCaller who) {
        return new ApiRequest(method, path, segments, query, host, authorization, source, body, who);
    }

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

    /** {@code http} or {@code https}, as the request came in. */
    public String scheme() {
        return source != null && source.tls() ? "https" : "http";
    }
}
