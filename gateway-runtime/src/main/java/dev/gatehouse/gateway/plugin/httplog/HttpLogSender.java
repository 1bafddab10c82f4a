package dev.gatehouse.gateway.plugin.httplog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.log.RequestLog;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * http-log's {@code send_entries} ({@code kong/plugins/http-log/handler.lua}): the serialized entries as one JSON
 * object ({@code max_batch_size} 1) or a JSON array, with {@code Content-Type}, Basic authorization from the
 * endpoint's user info, and the configured headers (never overriding those); success is a status below 300.
 */
final class HttpLogSender implements LogQueue.Sender {

    private static final Set<String> RESERVED =
            Set.of("host", "content-type", "content-length", "authorization", "connection", "expect", "upgrade");

    private final URI endpoint;
    private final String method;
    private final String contentType;
    private final Duration timeout;
    private final boolean single;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final HttpClient client;

    HttpLogSender(
            HttpClient client,
            URI endpoint,
            String method,
            String contentType,
            long timeoutMillis,
            boolean single,
            Map<String, String> configuredHeaders) {
        this.endpoint = stripUserInfo(endpoint);
        this.method = method;
        this.contentType = contentType;
        this.timeout = Duration.ofMillis(Math.max(1, timeoutMillis));
        this.single = single;
        if (endpoint.getRawUserInfo() != null) {
            headers.put(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(java.net.URLDecoder.decode(
                                                    endpoint.getRawUserInfo(), StandardCharsets.UTF_8)
                                            .getBytes(StandardCharsets.UTF_8)));
        }
        configuredHeaders.forEach((k, v) -> {
            if (!RESERVED.contains(k.toLowerCase(Locale.ROOT))) {
                headers.putIfAbsent(k, v);
            }
        });
        this.client = client;
    }

    private static URI stripUserInfo(URI u) {
        if (u.getRawUserInfo() == null) {
            return u;
        }
        String s = u.toString();
        int at = s.indexOf('@');
        return URI.create(u.getScheme() + "://" + s.substring(at + 1));
    }

    @Override
    public boolean send(List<RequestLog> batch) throws Exception {
        byte[] body = payload(batch);
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() < 300) {
            return true;
        }
        throw new IllegalStateException("request to " + endpoint.getHost() + ":" + port() + " returned status code "
                + r.statusCode() + " and body " + r.body());
    }

    private int port() {
        return endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
    }

    private byte[] payload(List<RequestLog> batch) throws java.io.IOException {
        if (single) {
            return Json.MAPPER.writeValueAsBytes(batch.get(0).toJson());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            ObjectNode json = batch.get(i).toJson();
            out.write(Json.MAPPER.writeValueAsBytes(json));
        }
        out.write(']');
        return out.toByteArray();
    }
}
