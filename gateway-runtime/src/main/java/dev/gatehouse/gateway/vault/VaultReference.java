package dev.gatehouse.gateway.vault;

import dev.gatehouse.gateway.schema.Field;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed vault reference, Kong's {@code parse_reference} ({@code kong/pdk/vault.lua}):
 * {@code {vault://<name-or-prefix>/<resource>[/<key>][?<config>][#<version>]}}. The last path segment is a key into
 * a JSON secret unless the path ends with {@code /}; the query overrides the vault's configuration.
 */
public record VaultReference(String name, String resource, String key, Integer version, Map<String, String> config) {

    /** The reference parsed, or an {@link IllegalArgumentException} with Kong's message. */
    public static VaultReference parse(String reference) {
        if (!Field.isReference(reference)) {
            throw new IllegalArgumentException("not a reference [" + reference + "]");
        }
        URI url;
        try {
            url = new URI(reference.substring(1, reference.length() - 1));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("reference is not url (" + e.getReason() + ") [" + reference + "]");
        }
        String name = url.getRawAuthority();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("reference url is missing host [" + reference + "]");
        }
        String path = url.getRawPath();
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("reference url is missing path [" + reference + "]");
        }
        String resource = path.substring(1);
        if (resource.isEmpty()) {
            throw new IllegalArgumentException("reference url has empty path [" + reference + "]");
        }
        Integer version = null;
        if (url.getRawFragment() != null) {
            try {
                version = Integer.valueOf(url.getRawFragment());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("reference url has invalid version [" + reference + "]");
            }
        }
        List<String> parts = new ArrayList<>(
                Arrays.stream(resource.split("/")).filter(p -> !p.isEmpty()).toList());
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("reference url has invalid path [" + reference + "]");
        }
        String key = null;
        if (parts.size() == 1) {
            resource = unescape(parts.getFirst());
        } else if (resource.endsWith("/")) {
            resource = unescape(String.join("/", parts));
        } else {
            key = unescape(parts.removeLast());
            resource = unescape(String.join("/", parts));
        }
        Map<String, String> config = new LinkedHashMap<>();
        String query = url.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                config.put(
                        unescape(eq < 0 ? pair : pair.substring(0, eq)),
                        eq < 0 ? "" : unescape(pair.substring(eq + 1)));
            }
        }
        return new VaultReference(name, resource, key, version, Map.copyOf(config));
    }

    private static String unescape(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
