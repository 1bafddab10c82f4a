package dev.gatehouse.gateway.plugin.proxycache;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.Request;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cache key as Kong's {@code kong/plugins/proxy-cache/cache_key.lua} builds it: the hex SHA-256 of
 * {@code prefix|method|uri|params|headers}, where the prefix is {@code consumer_id:route_id}, the route id or
 * {@code default}; the uri is nginx's request line with everything from {@code ?} removed (so {@code GET /p
 * HTTP/1.1} without a query, {@code GET /p} with one; lower-cased with {@code ignore_uri_case}); params are the
 * query arguments named in {@code vary_query_params} (all of them, sorted, when none are named) and headers those
 * named in {@code vary_headers}, each {@code name=value} (values of a repeated name sorted and comma-joined, a flag
 * just its name), joined with {@code :}.
 */
final class CacheKey {

    private CacheKey() {}

    static String build(PluginContext ctx, ProxyCacheConfig config) {
        Request r = ctx.request();
        String consumer =
                ctx.client().consumer() == null ? null : ctx.client().consumer().id();
        String route = ctx.route() == null ? null : ctx.route().id();
        String prefix = consumer != null && route != null ? consumer + ":" + route : route != null ? route : "default";
        String requestLine = r.method() + " " + r.pathWithQuery() + " HTTP/" + (r.httpVersion() == 1.0 ? "1.0" : "1.1");
        int q = requestLine.indexOf('?');
        String uri = q < 0 ? requestLine : requestLine.substring(0, q);
        if (config.ignoreUriCase()) {
            uri = uri.toLowerCase(Locale.ROOT);
        }
        Map<String, List<String>> query = r.queryArgs();
        List<String> paramFields = config.varyQueryParams();
        if (paramFields.isEmpty()) {
            paramFields = new ArrayList<>(query.keySet());
            paramFields.sort(null);
        }
        String params = generate(query, paramFields, false);
        String headers = config.varyHeaders().isEmpty() ? "" : generate(r.headers(), config.varyHeaders(), true);
        return sha256Hex(prefix + "|" + r.method() + "|" + uri + "|" + params + "|" + headers);
    }

    /** cache_key.lua's {@code generate_key_from}. */
    private static String generate(Map<String, List<String>> args, List<String> fields, boolean headerNames) {
        List<String> parts = new ArrayList<>();
        for (String field : fields) {
            // get_headers' table finds a name in lower case with _ as -; the key keeps the name as configured
            List<String> values =
                    args.get(headerNames ? field.toLowerCase(Locale.ROOT).replace('_', '-') : field);
            if (values == null || values.isEmpty()) {
                continue;
            }
            if (values.size() > 1) {
                List<String> sorted = new ArrayList<>();
                values.forEach(v -> sorted.add(v == null ? "true" : v));
                sorted.sort(null);
                parts.add(field + "=" + String.join(",", sorted));
            } else if (values.get(0) == null) {
                parts.add(field);
            } else {
                parts.add(field + "=" + values.get(0));
            }
        }
        return String.join(":", parts);
    }

    static String sha256Hex(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
