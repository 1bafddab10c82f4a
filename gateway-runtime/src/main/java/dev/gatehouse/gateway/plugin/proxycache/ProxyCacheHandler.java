package dev.gatehouse.gateway.plugin.proxycache;

import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.Request;
import dev.gatehouse.gateway.plugin.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * proxy-cache's phases ({@code kong/plugins/proxy-cache/handler.lua}): access answers a fresh cached response
 * ({@code X-Cache-Status: Hit}, {@code Age}) or marks the request to be cached ({@code Miss}, {@code Refresh}) or not
 * ({@code Bypass}); header_filter decides whether the response may be stored (status, exact content type,
 * Cache-Control) and only then asks for its body; body_filter stores it. A response that will not be stored is
 * never buffered.
 */
final class ProxyCacheHandler implements PluginHandler {

    /** handler.lua's {@code hop_by_hop_headers}, never replayed from the cache. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailers",
            "transfer-encoding",
            "upgrade",
            "content-length");

    private static final String KEY = "cache_key";
    private static final String HEADERS = "res_headers";
    private static final String TTL = "res_ttl";

    private final ProxyCacheConfig config;
    private final MemoryCache cache;
    private final LongSupplier clockMillis;

    ProxyCacheHandler(ProxyCacheConfig config, MemoryCache cache, LongSupplier clockMillis) {
        this.config = config;
        this.cache = cache;
        this.clockMillis = clockMillis;
    }

    @Override
    public void access(PluginContext ctx) {
        Request req = ctx.request();
        Map<String, Object> cc = CacheControl.parse(req.headerValues("cache-control"));
        if (!cacheableRequest(req.method(), cc)) {
            header(ctx, config.statusHeader(), "X-Cache-Status", "Bypass");
            return;
        }
        String key = CacheKey.build(ctx, config);
        header(ctx, config.keyHeader(), "X-Cache-Key", key);
        long nowMillis = clockMillis.getAsLong();
        CachedResponse res = cache.fetch(key, nowMillis);
        if (res == null) {
            if (config.cacheControl() && cc.containsKey("only-if-cached")) {
                ctx.response().exit(504, Map.of()); // RFC 7234 5.2.1.7
                return;
            }
            signal(ctx, key, "Miss");
            return;
        }
        long now = nowMillis / 1000;
        long age = now - res.timestamp();
        if (config.cacheControl()) {
            Double maxAge = CacheControl.seconds(cc, "max-age");
            Double maxStale = CacheControl.seconds(cc, "max-stale");
            Double minFresh = CacheControl.seconds(cc, "min-fresh");
            if ((maxAge != null && age > maxAge)
                    || (maxStale != null && age - res.ttl() > maxStale)
                    || (minFresh != null && res.ttl() - age < minFresh)) {
                signal(ctx, key, "Refresh");
                return;
            }
        } else if (age > config.cacheTtl()) {
            signal(ctx, key, "Refresh"); // stored for up to storage_ttl, but not served stale
            return;
        }
        boolean debug = debug(ctx);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        res.headers().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (overwritable(n) && !n.equals("age") && !n.equals("x-cache-status") && !n.equals("x-cache-key")) {
                headers.put(name, values);
            }
        });
        if (debug || config.ageHeader()) {
            headers.put("age", List.of(Long.toString(age)));
        }
        if (debug || config.statusHeader()) {
            headers.put("X-Cache-Status", List.of("Hit"));
        }
        if (debug || config.keyHeader()) {
            headers.put("X-Cache-Key", List.of(key));
        }
        ctx.response().exit(res.status(), res.body(), headers);
    }

    @Override
    public void headerFilter(PluginContext ctx) {
        Map<String, Object> state = ctx.pluginContext();
        if (state.get(KEY) == null) {
            return; // not cacheable, or served from the cache
        }
        Response response = ctx.response();
        Map<String, List<String>> headers = response.headers();
        Map<String, Object> cc = CacheControl.parse(headers.get("cache-control"));
        long now = clockMillis.getAsLong() / 1000;
        if (cacheableResponse(response.status(), headers.get("content-type"), cc, headers.get("expires"), now)) {
            state.put(HEADERS, response.rawHeaders());
            state.put(
                    TTL,
                    config.cacheControl()
                            ? CacheControl.resourceTtl(cc, headers.get("expires"), now)
                            : config.cacheTtl());
        } else {
            header(ctx, config.statusHeader(), "X-Cache-Status", "Bypass");
            state.remove(KEY);
        }
    }

    @Override
    public boolean buffersResponseBody(PluginContext ctx) {
        Map<String, Object> state = ctx.pluginContext();
        return state.get(KEY) != null && state.get(HEADERS) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public byte[] bodyFilter(PluginContext ctx, byte[] body) {
        Map<String, Object> state = ctx.pluginContext();
        long nowMillis = clockMillis.getAsLong();
        long resTtl = (Long) state.get(TTL);
        CachedResponse res = new CachedResponse(
                ctx.response().status(),
                (Map<String, List<String>>) state.get(HEADERS),
                body,
                nowMillis / 1000,
                resTtl);
        long ttl =
                config.storageTtl() != null ? config.storageTtl() : config.cacheControl() ? resTtl : config.cacheTtl();
        cache.store((String) state.get(KEY), res, ttl, nowMillis);
        return body;
    }

    private boolean cacheableRequest(String method, Map<String, Object> cc) {
        if (!config.requestMethod().contains(method)) {
            return false;
        }
        // handler.lua also tests ngx.var.authorization, a variable nginx never sets: no effect
        return !(config.cacheControl() && (cc.containsKey("no-store") || cc.containsKey("no-cache")));
    }

    private boolean cacheableResponse(
            int status, List<String> contentType, Map<String, Object> cc, List<String> expires, long now) {
        if (!config.responseCode().contains(status)) {
            return false;
        }
        if (contentType == null || contentType.size() != 1 || contentType.get(0).isEmpty()) {
            return false;
        }
        MediaType sent = MediaType.parse(contentType.get(0));
        if (sent == null
                || config.contentType().stream().map(MediaType::parse).noneMatch(e -> e != null && e.accepts(sent))) {
            return false;
        }
        if (config.cacheControl()
                && (cc.containsKey("private") || cc.containsKey("no-store") || cc.containsKey("no-cache"))) {
            return false;
        }
        return !(config.cacheControl() && CacheControl.resourceTtl(cc, expires, now) <= 0);
    }

    private void signal(PluginContext ctx, String key, String status) {
        ctx.pluginContext().put(KEY, key);
        header(ctx, config.statusHeader(), "X-Cache-Status", status);
    }

    /** handler.lua's {@code set_header}: only when configured, or when the client sent {@code Kong-Debug}. */
    private static void header(PluginContext ctx, boolean enabled, String name, String value) {
        if (enabled || debug(ctx)) {
            ctx.response().setHeader(name, value);
        }
    }

    private static boolean debug(PluginContext ctx) {
        return ctx.request().header("kong-debug") != null;
    }

    /** handler.lua's {@code overwritable_header}. */
    private static boolean overwritable(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return !HOP_BY_HOP.contains(n) && !n.contains("ratelimit-remaining");
    }
}
