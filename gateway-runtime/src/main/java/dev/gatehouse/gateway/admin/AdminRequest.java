package dev.gatehouse.gateway.admin;

import java.util.List;
import java.util.Map;

/**
 * One Admin API request after HTTP parsing: method, raw path, query pairs (decoded, repeated names kept),
 * headers as received, and the body bytes.
 */
public record AdminRequest(
        String method,
        String rawPath,
        List<Map.Entry<String, String>> query,
        Map<String, List<String>> headers,
        byte[] body) {

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers(name);
        return v.isEmpty() ? null : v.get(0);
    }

    public List<String> headers(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }
}
