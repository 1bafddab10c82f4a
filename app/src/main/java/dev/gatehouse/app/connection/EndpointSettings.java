package dev.gatehouse.app.connection;

import dev.gatehouse.app.http.ApiEndpoint;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach one API of a saved connection. The token itself is not here: it lives in the secret store, and
 * {@code tokenScheme} says how to send it. Custom headers are for gateways fronted by proxies that want their own.
 */
public record EndpointSettings(
        URI url, TokenScheme tokenScheme, Map<String, String> headers, Optional<Path> caFile, boolean skipTlsVerify) {

    public EndpointSettings {
        headers = Map.copyOf(headers);
    }

    public static EndpointSettings plain(URI url) {
        return new EndpointSettings(url, TokenScheme.NONE, Map.of(), Optional.empty(), false);
    }

    /** The transport settings, with the token (when there is one) added to the headers. */
    public ApiEndpoint toApiEndpoint(Optional<String> token) {
        Map<String, String> all = new HashMap<>(headers);
        token.filter(t -> !t.isBlank()).ifPresent(t -> all.putAll(tokenScheme.header(t)));
        return new ApiEndpoint(url, all, caFile, skipTlsVerify);
    }
}
