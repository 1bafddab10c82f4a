package dev.gatehouse.gateway.proxy.server;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.gatehouse.gateway.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decoding and re-encoding of small request bodies for plugins, as Kong's {@code kong.request.get_body} and
 * {@code kong.service.request.set_body}: form-urlencoded, JSON objects and multipart/form-data fields.
 */
final class RequestBodies {

    private RequestBodies() {}

    /** The decoded fields, or an empty map when the type is not supported or the body does not decode. */
    static Map<String, Object> decode(String contentType, byte[] body) {
        if (contentType == null || body.length == 0) {
            return Map.of();
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        try {
            if (ct.startsWith("application/x-www-form-urlencoded")) {
                Map<String, Object> out = new LinkedHashMap<>();
                QueryArgs.parse(new String(body, StandardCharsets.UTF_8))
                        .forEach((k, v) -> out.put(
                                k, v.size() == 1 ? (v.get(0) == null ? Boolean.TRUE : v.get(0)) : new ArrayList<>(v)));
                return out;
            }
            if (ct.startsWith("application/json")) {
                Object parsed = Json.MAPPER.readValue(body, Object.class);
                if (parsed instanceof Map<?, ?> m) {
                    return Json.MAPPER.convertValue(m, new TypeReference<LinkedHashMap<String, Object>>() {});
                }
                return Map.of();
            }
            if (ct.startsWith("multipart/form-data")) {
                String boundary = boundary(contentType);
                return boundary == null ? Map.of() : multipart(new String(body, StandardCharsets.ISO_8859_1), boundary);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return Map.of();
    }

    /** Re-encodes fields in the body's original content type. */
    static byte[] encode(String contentType, Map<String, Object> fields) {
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        try {
            if (ct.startsWith("application/json")) {
                return Json.MAPPER.writeValueAsBytes(fields);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (ct.startsWith("multipart/form-data")) {
            String boundary = boundary(contentType);
            StringBuilder sb = new StringBuilder();
            fields.forEach((k, v) -> {
                for (Object one : v instanceof List<?> l ? l : List.of(v)) {
                    sb.append("--")
                            .append(boundary)
                            .append("\r\n")
                            .append("Content-Disposition: form-data; name=\"")
                            .append(k)
                            .append("\"\r\n\r\n")
                            .append(one)
                            .append("\r\n");
                }
            });
            sb.append("--").append(boundary).append("--\r\n");
            return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        }
        Map<String, List<String>> args = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            List<String> vs = new ArrayList<>();
            for (Object one : v instanceof List<?> l ? l : List.of(v)) {
                vs.add(one == Boolean.TRUE ? null : String.valueOf(one));
            }
            args.put(k, vs);
        });
        return QueryArgs.encode(args).getBytes(StandardCharsets.UTF_8);
    }

    private static String boundary(String contentType) {
        for (String p : contentType.split(";")) {
            String t = p.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9);
                if (b.length() > 1 && b.startsWith("\"") && b.endsWith("\"")) {
                    b = b.substring(1, b.length() - 1);
                }
                return b.isEmpty() ? null : b;
            }
        }
        return null;
    }

    private static Map<String, Object> multipart(String body, String boundary) {
        Map<String, Object> out = new LinkedHashMap<>();
        String delimiter = "--" + boundary;
        int pos = body.indexOf(delimiter);
        while (pos >= 0) {
            int start = pos + delimiter.length();
            if (body.startsWith("--", start)) {
                break;
            }
            int headersStart = body.indexOf("\r\n", start) + 2;
            int headersEnd = body.indexOf("\r\n\r\n", headersStart);
            int next = body.indexOf("\r\n" + delimiter, headersEnd);
            if (headersStart < 2 || headersEnd < 0 || next < 0) {
                break;
            }
            String name = null;
            for (String h : body.substring(headersStart, headersEnd).split("\r\n")) {
                if (h.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    int n = h.indexOf("name=\"");
                    if (n >= 0) {
                        name = h.substring(n + 6, h.indexOf('"', n + 6));
                    }
                }
            }
            String value = new String(
                    body.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            if (name != null) {
                Object old = out.get(name);
                if (old == null) {
                    out.put(name, value);
                } else {
                    List<Object> l = old instanceof List<?> ol ? new ArrayList<>(ol) : new ArrayList<>(List.of(old));
                    l.add(value);
                    out.put(name, l);
                }
            }
            pos = next + 2;
        }
        return out;
    }
}
