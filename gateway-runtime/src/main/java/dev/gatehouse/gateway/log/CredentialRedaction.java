package dev.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Removes the credentials a request carried from its serialized log entry before it is written to a file: the
 * values of the query arguments and headers named in {@link RequestLog#credentialNames()} become {@code REDACTED}
 * in {@code request.querystring}, {@code request.headers} and in the query strings of {@code request.uri},
 * {@code request.url} and {@code upstream_uri}. Kong's serializer already does this for {@code authorization} and
 * {@code proxy-authorization}; it prints a key sent as {@code ?apikey=...}, which the house rule forbids on disk.
 */
public final class CredentialRedaction {

    static final String REDACTED = "REDACTED";

    private CredentialRedaction() {}

    /** Kong's serializer output for {@code log}, with its credential values redacted. */
    public static ObjectNode redactedJson(RequestLog log) {
        ObjectNode json = log.toJson();
        List<String> names = log.credentialNames();
        if (names.isEmpty()) {
            return json;
        }
        ObjectNode request = (ObjectNode) json.get("request");
        JsonNode query = request.get("querystring");
        JsonNode headers = request.get("headers");
        for (String name : names) {
            if (query instanceof ObjectNode q && q.has(name)) {
                q.put(name, REDACTED);
            }
            String header = name.toLowerCase(Locale.ROOT);
            if (headers instanceof ObjectNode h && h.has(header)) {
                h.put(header, REDACTED);
            }
        }
        redactUri(request, "uri", names);
        redactUri(request, "url", names);
        redactUri(json, "upstream_uri", names);
        return json;
    }

    private static void redactUri(ObjectNode parent, String field, List<String> names) {
        JsonNode v = parent.get(field);
        if (v != null && v.isTextual()) {
            parent.put(field, redactQuery(v.textValue(), names));
        }
    }

    /** {@code path?a=1&apikey=secret} becomes {@code path?a=1&apikey=REDACTED} (names compared percent-decoded). */
    static String redactQuery(String uri, List<String> names) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        String[] pairs = uri.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && names.contains(decode(rawName))) {
                out.append(rawName).append('=').append(REDACTED);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
