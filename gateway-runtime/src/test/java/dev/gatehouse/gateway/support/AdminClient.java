package dev.gatehouse.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small Admin API client for tests, on the JDK's HttpClient. */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final Map<String, String> extraHeaders;
    private final HttpClient http;

    public AdminClient(String base) {
        this(base, Map.of());
    }

    public AdminClient(String base, Map<String, String> extraHeaders) {
        this(base, extraHeaders, HTTP);
    }

    /** A client with its own HttpClient (e.g. one that trusts a test certificate). */
    public AdminClient(String base, Map<String, String> extraHeaders, HttpClient http) {
        this.base = base;
        this.extraHeaders = extraHeaders;
        this.http = http;
    }

    public AdminClient withHeader(String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(extraHeaders);
        h.put(name, value);
        return new AdminClient(base, h, http);
    }

    /** A response: status, headers and body (parsed when JSON). */
    public record Resp(int status, Map<String, List<String>> headers, String text, JsonNode json) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Resp get(String path) {
        return send("GET", path, null, null);
    }

    public Resp delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Resp options(String path) {
        return send("OPTIONS", path, null, null);
    }

    public Resp head(String path) {
        return send("HEAD", path, null, null);
    }

    public Resp json(String method, String path, Object body) {
        String text = body instanceof String s ? s : write(body);
        return send(method, path, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    public Resp post(String path, Object body) {
        return json("POST", path, body);
    }

    public Resp put(String path, Object body) {
        return json("PUT", path, body);
    }

    public Resp patch(String path, Object body) {
        return json("PATCH", path, body);
    }

    /** A form-urlencoded body; pairs are name, value, name, value... (names and values are encoded here). */
    public Resp form(String method, String path, String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return send(
                method,
                path,
                "application/x-www-form-urlencoded",
                String.join("&", parts).getBytes(StandardCharsets.UTF_8));
    }

    /** A multipart/form-data body from name/value pairs. */
    public Resp multipart(String method, String path, String... pairs) {
        String boundary = "gh" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"")
                    .append(pairs[i])
                    .append("\"\r\n\r\n")
                    .append(pairs[i + 1])
                    .append("\r\n");
        }
        sb.append("--").append(boundary).append("--\r\n");
        return send(
                method,
                path,
                "multipart/form-data; boundary=" + boundary,
                sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    public Resp raw(String method, String path, String contentType, byte[] body) {
        return send(method, path, contentType, body);
    }

    private Resp send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        extraHeaders.forEach(b::header);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = null;
            if (r.body() != null && !r.body().isEmpty()) {
                try {
                    json = JSON.readTree(r.body());
                } catch (IOException ignored) {
                    // not JSON
                }
            }
            return new Resp(r.statusCode(), r.headers().map(), r.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
