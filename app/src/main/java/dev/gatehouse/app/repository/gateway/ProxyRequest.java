package dev.gatehouse.app.repository.gateway;

import java.util.Map;
import java.util.Optional;

/** A request for the gateway's proxy: method, path (with query), headers, and an optional body. */
public record ProxyRequest(String method, String path, Map<String, String> headers, Optional<byte[]> body) {

    public ProxyRequest {
        headers = Map.copyOf(headers);
    }
}
