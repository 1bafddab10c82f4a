package dev.gatehouse.app.http;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where and how to reach one HTTP API: base address, headers sent with every request (tokens), and TLS trust
 * (a custom CA file, or an explicit choice to skip verification).
 */
public record ApiEndpoint(URI baseUri, Map<String, String> headers, Optional<Path> caFile, boolean skipTlsVerify) {

    public ApiEndpoint {
        headers = Map.copyOf(headers);
        String text = baseUri.toString();
        // Paths are appended to the base, so it must not end in '/'.
        baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A plain endpoint: no extra headers, the JDK's default trust. */
    public static ApiEndpoint of(URI baseUri) {
        return new ApiEndpoint(baseUri, Map.of(), Optional.empty(), false);
    }
}
