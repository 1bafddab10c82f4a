package dev.gatehouse.mesh.dataplane;

import io.netty.handler.codec.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;

/** What an access-log record keeps of one HTTP request: method, target, version and a few headers. */
record HttpRequestInfo(String method, String path, String httpVersion, Map<String, String> headers) {

    static HttpRequestInfo of(HttpRequest r) {
        Map<String, String> kept = new HashMap<>();
        for (String name : AccessLogEntry.CAPTURED_HEADERS) {
            String v = r.headers().get(name);
            if (v != null) {
                kept.put(name, v);
            }
        }
        return new HttpRequestInfo(
                r.method().name(), r.uri(), r.protocolVersion().text(), Map.copyOf(kept));
    }

    /** Kong 3.5+ forwards {@code x-kong-request-id} upstream; other clients may send {@code x-request-id}. */
    String requestId() {
        String kong = headers.get("x-kong-request-id");
        return kong != null ? kong : headers.get("x-request-id");
    }
}
